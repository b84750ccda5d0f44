// Helper for cli.test.ts (not a test itself): runs several `sitrep` command lines in one process
// and prints, as JSON, each one's exit code, standard output and standard error. Input on stdin:
// [{ "args": [...], "env": { ... }, "stdoutTo": "file" }, ...] run in order (stdoutTo also saves the
// output to a file for a later call). Running in a child keeps the test runner's own output clean.
import { readFileSync, writeFileSync } from "node:fs";
import { main } from "../../src/cli/main.js";

const calls = JSON.parse(readFileSync(0, "utf8")) as { args: string[]; env?: Record<string, string>; stdoutTo?: string }[];
const results: { code: number; out: string; err: string }[] = [];
const ow = process.stdout.write.bind(process.stdout);
for (const c of calls) {
  const out: string[] = [];
  const err: string[] = [];
  const saved = { ...process.env };
  Object.assign(process.env, c.env ?? {});
  process.stdout.write = ((s: string | Uint8Array) => out.push(String(s)) > 0) as typeof process.stdout.write;
  process.stderr.write = ((s: string | Uint8Array) => err.push(String(s)) > 0) as typeof process.stderr.write;
  let code: number;
  try {
    code = await main(["node", "sitrep", ...c.args]);
  } catch (e) {
    code = 99;
    err.push(String(e));
  }
  process.stdout.write = ow;
  process.env = saved;
  process.exitCode = undefined;
  if (c.stdoutTo) writeFileSync(c.stdoutTo, out.join(""));
  results.push({ code, out: out.join(""), err: err.join("") });
}
ow(JSON.stringify(results));
