// The bundled CLI: dist/cli/sitrep.cjs, one file built from src/ by scripts/build-cli.mjs, so the
// `sitrep` command starts without transpiling ~150 TypeScript modules through tsx's loader hooks.
// The bundle's first line records every file it was built from (src/**, package.json, …) with its
// mtime and size; the bundle runs only while all of them are unchanged, so an edit to src/ is never
// answered by stale code (bin/sitrep.js then falls back to the sources). V8's compiled code is kept
// in dist/cli/sitrep.cjs.cache (keyed to the bundle's id) so later starts skip most parsing.
import { readdirSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import vm from "node:vm";

/** Where the bundle of the clone at `root` lives. */
export const bundlePath = (root) => join(root, "dist", "cli", "sitrep.cjs");

/** Files outside src/ whose change makes the bundle stale (dependencies, compiler settings, the build). */
export const BUILD_INPUTS = ["package.json", "package-lock.json", "tsconfig.json", "scripts/build-cli.mjs", "bin/v8-budget.js"];

/** The first line of a bundle starts with this; the JSON after it is the header. */
export const HEADER_MARK = "// sitrep-cli-bundle ";

/**
 * Calls visit("src/a/b.ts", mtimeMs, size) for every file under src/ and each of BUILD_INPUTS that
 * exists. Paths are joined by hand with "/": this runs at every start, and path.join/relative on
 * ~200 files cost several milliseconds in a fresh process.
 */
function eachInput(root, visit) {
  const walk = (rel) => {
    for (const e of readdirSync(`${root}/${rel}`, { withFileTypes: true })) {
      const p = `${rel}/${e.name}`;
      if (e.isDirectory()) walk(p);
      else {
        const s = statSync(`${root}/${p}`);
        visit(p, s.mtimeMs, s.size);
      }
    }
  };
  walk("src");
  for (const f of BUILD_INPUTS) {
    const s = statSync(`${root}/${f}`, { throwIfNoEntry: false });
    if (s) visit(f, s.mtimeMs, s.size);
  }
}

/** { "src/a.ts": [mtimeMs, size], … } for every file under src/ plus BUILD_INPUTS that exist. */
export function sourceManifest(root) {
  const files = {};
  eachInput(root, (f, mtime, size) => {
    files[f] = [mtime, size];
  });
  return files;
}

/** Why the recorded manifest no longer describes the files under `root`, or null when it does. */
export function staleReason(root, recorded) {
  let reason = null;
  let n = 0;
  eachInput(root, (f, mtime, size) => {
    const r = recorded[f];
    if (reason) return;
    if (!r) reason = `${f} is new since the bundle was built`;
    else if (r[0] !== mtime || r[1] !== size) reason = `${f} changed since the bundle was built`;
    n++;
  });
  if (!reason && n !== Object.keys(recorded).length) reason = "a file was removed since the bundle was built";
  return reason;
}

/**
 * Loads the bundle of the clone at `root` and returns its `main` and what became of V8's code cache
 * (`cache`: "used", "none yet, written", "refused, written again"; refused when V8's flags or version
 * differ from those it was made under), or `{ reason }` saying why the bundle cannot be used
 * (missing, stale, unreadable); the caller then runs the sources.
 */
export function loadBundle(root) {
  const file = bundlePath(root);
  let code;
  try {
    code = readFileSync(file, "utf8");
  } catch {
    return { reason: `no bundle at ${file} (run \`npm run build:cli\`)` };
  }
  const nl = code.indexOf("\n");
  let header;
  try {
    if (!code.startsWith(HEADER_MARK)) throw new Error("no header");
    header = JSON.parse(code.slice(HEADER_MARK.length, nl));
    if (typeof header?.id !== "string" || typeof header.files !== "object" || header.files === null) throw new Error("bad header");
  } catch {
    return { reason: `${file} has no readable header (run \`npm run build:cli\`)` };
  }
  let stale;
  try {
    stale = staleReason(root, header.files);
  } catch (err) {
    stale = `the sources could not be listed (${err.message})`;
  }
  if (stale) return { reason: `${stale} (run \`npm run build:cli\` to rebuild the bundle)` };

  const cacheFile = `${file}.cache`;
  let cachedData;
  try {
    const c = readFileSync(cacheFile);
    if (c.subarray(0, header.id.length).toString("latin1") === header.id) cachedData = c.subarray(header.id.length);
  } catch {
    // no cache yet: compiled from source and written below
  }
  let script;
  try {
    // The same wrapper as a CommonJS module's; line 2 of the file is line 2 in stack traces.
    script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${code.slice(nl + 1)}\n})`, {
      filename: file,
      lineOffset: 1,
      cachedData,
      importModuleDynamically: vm.constants?.USE_MAIN_CONTEXT_DEFAULT_LOADER,
    });
  } catch (err) {
    return { reason: `${file} does not compile (${err.message}); run \`npm run build:cli\`` };
  }
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(file), module, file, dirname(file));
  const cache = !cachedData ? "none yet, written" : script.cachedDataRejected ? "refused, written again" : "used";
  if (cache !== "used") {
    // After the modules' top-level code ran, so the functions it compiled are in the cache too.
    // A read-only install or a race with another process only costs the cache.
    try {
      const tmp = `${cacheFile}.${process.pid}`;
      writeFileSync(tmp, Buffer.concat([Buffer.from(header.id, "latin1"), script.createCachedData()]));
      renameSync(tmp, cacheFile);
    } catch {
      // see above
    }
  }
  if (typeof module.exports.main !== "function") return { reason: `${file} exports no main (run \`npm run build:cli\`)` };
  return { main: module.exports.main, cache };
}
