// Builds the bundled CLI, dist/cli/sitrep.cjs: src/cli/main.ts and everything it imports (our
// sources and the npm packages) in one CommonJS file, which bin/sitrep.js runs instead of loading
// the TypeScript sources through tsx (see bin/bundle.js for when). Usage: node scripts/build-cli.mjs
// (npm run build:cli; also an install step). Builds the clone this script is in.
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import * as esbuild from "esbuild";
import { bundlePath, HEADER_MARK, sourceManifest } from "../bin/bundle.js";

// Left out of the bundle and loaded from node_modules at run time: native addons found through
// their own package folder.
const EXTERNAL = ["better-sqlite3", "pg-native"];

// Packages whose code names __dirname/__filename: in the bundle these are dist/cli/, not the
// package's folder. Each was checked; a package not listed here fails the build until checked.
const OWN_DIR_CHECKED = {
  commander: "only in doc comments",
  "h3-js": "emscripten's scriptDirectory, used only to fetch a .wasm file; h3-js is the pure-JS build",
  pino: "worker files for log transports; sitrep's logger writes to stdout without a transport",
  "thread-stream": "the worker of pino's transports (see pino)",
};

// Run-time helpers used in place of import.meta in our sources (the bundle is not an ES module).
const BANNER = [
  '"use strict";', // our sources and the ESM packages are strict as ES modules
  'const __sitrepBundleUrl = require("node:url").pathToFileURL(__filename).href;',
  "const __sitrepUrl = (rel) => new URL(rel, __sitrepBundleUrl).href;",
  'const __sitrepPath = (rel) => require("node:url").fileURLToPath(new URL(rel, __sitrepBundleUrl));',
].join("\n");

const toPosix = (p) => p.split(sep).join("/");

/**
 * A source file's import.meta.url/filename/dirname become its own location relative to the bundle,
 * so data files next to the sources (src/ingest/model/*.json, migrations, …) load from src/ as
 * before, and a moved clone still finds them.
 */
function sourceLocations(srcDir, outDir) {
  return {
    name: "source-locations",
    setup(build) {
      build.onLoad({ filter: /\.[cm]?[jt]s$/ }, (args) => {
        if (!args.path.startsWith(srcDir + sep)) return undefined;
        const file = JSON.stringify(toPosix(relative(outDir, args.path)));
        const dir = JSON.stringify(toPosix(relative(outDir, dirname(args.path))));
        const text = readFileSync(args.path, "utf8")
          .replace(/\bimport\.meta\.url\b/g, `__sitrepUrl(${file})`)
          .replace(/\bimport\.meta\.filename\b/g, `__sitrepPath(${file})`)
          .replace(/\bimport\.meta\.dirname\b/g, `__sitrepPath(${dir})`);
        if (/\bimport\.meta\b/.test(text)) {
          return { errors: [{ text: "uses an import.meta property the CLI bundle does not provide (only url, filename, dirname)" }] };
        }
        return { contents: text, loader: args.path.endsWith("ts") ? "ts" : "js" };
      });
    },
  };
}

/** The package a node_modules path belongs to ("@scope/name" or "name"), or null. */
function packageOf(input) {
  const m = /(?:^|\/)node_modules\/((?:@[^/]+\/)?[^/]+)\/(?!.*\/node_modules\/)/.exec(input);
  return m ? m[1] : null;
}

/** Builds the bundle of the clone at `root`; returns its path, size and build time. */
export async function buildCli(root) {
  const t0 = performance.now();
  const out = bundlePath(root);
  const outDir = dirname(out);
  const files = sourceManifest(root); // before building: an edit made during the build makes it stale
  const r = await esbuild.build({
    absWorkingDir: root,
    entryPoints: [join(root, "src", "cli", "main.ts")],
    bundle: true,
    platform: "node",
    format: "cjs",
    target: "node20",
    external: EXTERNAL,
    outfile: out,
    write: false,
    metafile: true,
    logLevel: "silent",
    banner: { js: BANNER },
    plugins: [sourceLocations(join(root, "src"), outDir)],
  });
  if (r.warnings.length > 0) {
    const msgs = await esbuild.formatMessages(r.warnings, { kind: "warning" });
    throw new Error(`the CLI bundle has warnings; check each before building it:\n${msgs.join("")}`);
  }
  const unchecked = new Set();
  for (const [input, info] of Object.entries(r.metafile.inputs)) {
    const pkg = packageOf(input);
    if (!pkg || OWN_DIR_CHECKED[pkg] || info.bytes === 0) continue;
    if (/\b__(dirname|filename)\b/.test(readFileSync(join(root, input), "utf8"))) unchecked.add(pkg);
  }
  if (unchecked.size > 0) {
    throw new Error(
      `these bundled packages use __dirname/__filename, which would point at ${toPosix(relative(root, outDir))}/: ${[...unchecked].join(", ")}; ` +
        "check each and add it to EXTERNAL or OWN_DIR_CHECKED in scripts/build-cli.mjs",
    );
  }
  const body = r.outputFiles[0].text;
  const id = createHash("sha1").update(body).digest("hex");
  mkdirSync(outDir, { recursive: true });
  const tmp = `${out}.${process.pid}.tmp`;
  writeFileSync(tmp, `${HEADER_MARK}${JSON.stringify({ id, files })}\n${body}`);
  renameSync(tmp, out); // atomic: a CLI starting meanwhile reads the old bundle or the new one
  rmSync(`${out}.cache`, { force: true });
  return { file: out, bytes: body.length, inputs: Object.keys(r.metafile.inputs).length, ms: performance.now() - t0 };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const root = join(dirname(fileURLToPath(import.meta.url)), "..");
  try {
    const b = await buildCli(root);
    console.log(`sitrep cli: ${b.inputs} files → ${toPosix(relative(root, b.file))} (${(b.bytes / 1e6).toFixed(1)} MB, ${b.ms.toFixed(0)} ms)`);
  } catch (err) {
    console.error(`sitrep cli: ${err.message}`);
    process.exit(1);
  }
}
