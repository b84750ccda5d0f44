// Install step: bundles the CLI (scripts/build-cli.mjs → dist/cli/sitrep.cjs) so `sitrep` starts
// without loading the TypeScript sources through tsx, then runs it once: that checks the bundle
// starts and writes its compiled-code cache. Runs before the gazetteer, which does not need it.
import { spawnSync } from "node:child_process";
import { join, relative } from "node:path";
import { buildCli } from "../build-cli.mjs";

const root = join(import.meta.dirname, "..", "..");
const b = await buildCli(root);
const r = spawnSync(process.execPath, [join(root, "bin", "sitrep.js"), "--version"], {
  encoding: "utf8",
  env: { ...process.env, SITREP_DEBUG: "1", SITREP_FROM_SOURCE: "" },
});
if (r.status !== 0 || !r.stderr.includes("running the bundle")) {
  console.error(`sitrep install: the CLI bundle does not start (exit ${r.status}):\n${r.stderr}`);
  process.exit(1);
}
console.log(`sitrep cli: ${b.inputs} files → ${relative(root, b.file)} (${(b.bytes / 1e6).toFixed(1)} MB, ${b.ms.toFixed(0)} ms)`);
