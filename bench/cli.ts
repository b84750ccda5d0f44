// Start-up cost of the `sitrep` command: CPU time (user+system, read by the child itself at exit)
// and wall time of `sitrep --help` and of `sitrep ingest` of one article into a fresh database, run
// from the bundle (dist/cli/sitrep.cjs) and, as the same-run baseline, from the sources through tsx
// (SITREP_FROM_SOURCE=1), alternated. Usage: npm run bench:cli -- [--runs 5] [--input FILE.jsonl]
// (--input adds an ingest of that whole file). Needs a fresh bundle: npm run build:cli.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const root = join(import.meta.dirname, "..");
const args = process.argv.slice(2);
const opt = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const runs = Number(opt("--runs") ?? 5);
const input = opt("--input");
const tmp = mkdtempSync(join(tmpdir(), "sitrep-bench-cli-"));
process.on("exit", () => rmSync(tmp, { recursive: true, force: true }));

// The child reports its own CPU time on fd 3 as it exits (a preloaded one-line module).
const report = `data:text/javascript,${encodeURIComponent(
  'import{writeSync}from"node:fs";process.on("exit",()=>{const u=process.cpuUsage();try{writeSync(3,String((u.user+u.system)/1000))}catch{}})',
)}`;
const one = join(tmp, "one.jsonl");
writeFileSync(one, `${readFileSync(join(root, "data", "demo", "examples.jsonl"), "utf8").split("\n")[0]}\n`);

type Case = { name: string; args: () => string[] };
const cases: Case[] = [
  { name: "--help", args: () => ["--help"] },
  { name: "ingest 1 article", args: () => ["ingest", one, "--db", join(tmp, `${Math.random()}.db`), "--no-progress"] },
];
if (input) cases.push({ name: `ingest ${input}`, args: () => ["ingest", input, "--db", join(tmp, `${Math.random()}.db`), "--no-progress"] });

function run(from: "bundle" | "sources", c: Case): { cpu: number; wall: number } {
  const env = { ...process.env, SITREP_DEBUG: "1", SITREP_FROM_SOURCE: from === "sources" ? "1" : "" };
  const t0 = performance.now();
  const r = spawnSync(process.execPath, ["--import", report, join(root, "bin", "sitrep.js"), ...c.args()], {
    env,
    encoding: "utf8",
    stdio: ["ignore", "ignore", "pipe", "pipe"],
  });
  const wall = performance.now() - t0;
  if (r.status !== 0) throw new Error(`${c.name} (${from}) failed: ${r.stderr}`);
  const ran = /running the bundle/.test(r.stderr) ? "bundle" : "sources";
  if (ran !== from) throw new Error(`expected the ${from} to run, got: ${r.stderr.split("\n")[0]} (npm run build:cli?)`);
  return { cpu: Number(r.output[3]), wall };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const fmt = (xs: number[]) => `min ${Math.min(...xs).toFixed(0)} / median ${median(xs).toFixed(0)} ms`;
console.log(`sitrep start-up, ${runs} alternated runs each (load ${readFileSync("/proc/loadavg", "utf8").split(" ")[0]})`);
for (const c of cases) {
  const m = { bundle: { cpu: [] as number[], wall: [] as number[] }, sources: { cpu: [] as number[], wall: [] as number[] } };
  for (let i = 0; i < runs; i++) {
    for (const from of ["bundle", "sources"] as const) {
      const r = run(from, c);
      m[from].cpu.push(r.cpu);
      m[from].wall.push(r.wall);
    }
  }
  console.log(`${c.name}`);
  for (const from of ["bundle", "sources"] as const) console.log(`  ${from.padEnd(7)} CPU ${fmt(m[from].cpu)}   wall ${fmt(m[from].wall)}`);
  console.log(`  sources/bundle, median CPU: ${(median(m.sources.cpu) / median(m.bundle.cpu)).toFixed(2)}x`);
}
