// The bundled CLI (scripts/build-cli.mjs → dist/cli/sitrep.cjs, run by bin/sitrep.js): same output
// as the TypeScript sources through tsx, used only while every source file is unchanged, and still
// working after the clone is moved. Runs on a copy of the clone's code in a temp dir (node_modules and
// data/ linked), never on the real tree's dist/.
import assert from "node:assert/strict";
import { type SpawnSyncReturns, spawn, spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { sourceManifest, staleReason } from "../../bin/bundle.js";

const root = join(import.meta.dirname, "..", "..");
const tmp = mkdtempSync(join(tmpdir(), "sitrep-cli-bundle-"));
after(() => rmSync(tmp, { recursive: true, force: true }));
let clone = join(tmp, "built-here");

type Run = { status: number | null; stdout: string; stderr: string };

/** Runs `sitrep args…` of the copy; `from` picks the bundle or the sources (SITREP_FROM_SOURCE). */
function sitrep(from: "bundle" | "source", args: string[], input?: string): Promise<Run> {
  const env = { ...process.env, SITREP_DEBUG: "1", SITREP_FROM_SOURCE: from === "source" ? "1" : "" };
  const child = spawn(process.execPath, [join(clone, "bin", "sitrep.js"), ...args], { cwd: clone, env });
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
  child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
  child.stdin.end(input ?? "");
  return new Promise((resolve) => child.on("close", (status) => resolve({ status, stdout, stderr })));
}

/** stderr without the SITREP_DEBUG line saying which code ran (checked separately). */
const withoutTrace = (s: string) => s.replace(/^sitrep: running .*\n/m, "");

function build(): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, [join(clone, "scripts", "build-cli.mjs")], { encoding: "utf8", timeout: 120_000 });
}

before(() => {
  mkdirSync(clone);
  for (const p of ["src", "bin", "package.json", "package-lock.json", "tsconfig.json", join("scripts", "build-cli.mjs")]) {
    if (existsSync(join(root, p))) cpSync(join(root, p), join(clone, p), { recursive: true });
  }
  symlinkSync(join(root, "node_modules"), join(clone, "node_modules"));
  symlinkSync(join(root, "data"), join(clone, "data"));
  const r = build();
  assert.equal(r.status, 0, `build failed: ${r.stderr}`);
  // A moved clone: the bundle finds src/'s data files and node_modules relative to itself.
  const moved = join(tmp, "moved-here");
  renameSync(clone, moved);
  clone = moved;
});

test("the bundle gives the sources' output: help, extract, geoparse, ingest then events", async () => {
  const db = (from: string) => join(tmp, `${from}.db`);
  const cases: { name: string; args: (from: string) => string[]; input?: string; next?: (from: string) => string[] }[] = [
    { name: "help", args: () => ["--help"] },
    { name: "extract", args: () => ["extract", join(root, "test", "fixtures", "ingest", "seed-html", "input.html")] },
    {
      name: "geoparse",
      args: () => ["geoparse", "-"],
      input: `${JSON.stringify({ id: "g1", text: "Shelling hit Kharkiv overnight and fighting spread north of Aleppo, officials in Kyiv said." })}\n`,
    },
    {
      name: "ingest",
      args: (from) => ["ingest", join(root, "data", "demo", "examples.jsonl"), "--db", db(from), "--no-progress"],
      next: (from) => ["events", "--db", db(from), "--format", "jsonl", "--limit", "1000"],
    },
  ];
  // The two sides in parallel (2 cores); each side's steps in order.
  const side = async (from: "bundle" | "source") => {
    const out: Record<string, Run> = {};
    for (const c of cases) {
      out[c.name] = await sitrep(from, c.args(from), c.input);
      if (c.next) out[`${c.name} then`] = await sitrep(from, c.next(from));
    }
    return out;
  };
  const [bundled, source] = await Promise.all([side("bundle"), side("source")]);
  for (const name of Object.keys(source)) {
    const b = bundled[name]!;
    const s = source[name]!;
    assert.match(b.stderr, /^sitrep: running the bundle /m, `${name}: the bundle ran`);
    assert.match(s.stderr, /^sitrep: running the sources through tsx /m, `${name}: the sources ran`);
    assert.equal(s.status, 0, `${name} from the sources: ${s.stderr}`);
    assert.equal(b.status, s.status, `${name}: exit status`);
    assert.ok(s.stdout.length + withoutTrace(s.stderr).length > 0, `${name}: some output to compare`);
    // run times ("(3.1 s)", "gazetteer ready in 80 ms") differ: everything else must match byte for byte
    const time = (t: string) => t.replace(/\d+(\.\d+)? m?s\b/g, "(time)");
    assert.equal(time(b.stdout), time(s.stdout), `${name}: stdout`);
    assert.equal(time(withoutTrace(b.stderr)), time(withoutTrace(s.stderr)), `${name}: stderr`);
  }
  assert.ok(source["ingest then"]!.stdout.trim().split("\n").length >= 5, "the demo reports give events");
});

test("an edited, added or removed source file makes the bundle stale: the sources run", async () => {
  const main = join(clone, "src", "cli", "main.ts");
  const text = readFileSync(main, "utf8");
  const before = await sitrep("bundle", ["--help"]);
  assert.match(before.stderr, /running the bundle/, before.stderr);
  writeFileSync(main, text.replace("Turns news reporting", "Turns NEWS reporting"));
  const edited = await sitrep("bundle", ["--help"]);
  assert.match(edited.stderr, /running the sources through tsx: src\/cli\/main\.ts changed/, edited.stderr);
  assert.match(edited.stdout, /Turns NEWS reporting/, "the edited source's output");

  // Rebuilt: the bundle runs again, with the edit.
  assert.equal(build().status, 0, "rebuild");
  const rebuilt = await sitrep("bundle", ["--help"]);
  assert.match(rebuilt.stderr, /running the bundle/, rebuilt.stderr);
  assert.match(rebuilt.stdout, /Turns NEWS reporting/, "the rebuilt bundle has the edit");

  const recorded = sourceManifest(clone);
  assert.equal(staleReason(clone, recorded), null, "unchanged files: fresh");
  const added = join(clone, "src", "cli", "new-file.ts");
  writeFileSync(added, "export {};\n");
  assert.match(staleReason(clone, recorded) ?? "", /src\/cli\/new-file\.ts is new/, "an added file");
  const withAdded = sourceManifest(clone);
  rmSync(added);
  assert.match(staleReason(clone, withAdded) ?? "", /removed/, "a removed file");
});

test("V8's code cache written by one start is used by the next, not refused and written again", async () => {
  assert.equal(build().status, 0, "rebuild (removes the cache)");
  const cacheFile = join(clone, "dist", "cli", "sitrep.cjs.cache");
  const first = await sitrep("bundle", ["--version"]);
  assert.match(first.stderr, /running the bundle .*\(code cache: none yet, written\)/, first.stderr);
  const written = statSync(cacheFile).ino;
  for (const args of [["--version"], ["--help"]]) {
    const r = await sitrep("bundle", args);
    assert.match(r.stderr, /running the bundle .*\(code cache: used\)/, `${args}: ${r.stderr}`);
  }
  assert.equal(statSync(cacheFile).ino, written, "the cache file was not replaced");
});

test("a damaged bundle is not run: the sources run instead", async () => {
  const file = join(clone, "dist", "cli", "sitrep.cjs"); // fresh: rebuilt by the test before
  writeFileSync(file, readFileSync(file, "utf8").slice(0, 100_000)); // cut mid-way, header intact
  const r = await sitrep("bundle", ["--version"]);
  assert.match(r.stderr, /running the sources through tsx: .*does not compile/, r.stderr);
  assert.equal(r.stdout.trim(), "0.1.0", "the sources answered");
});
