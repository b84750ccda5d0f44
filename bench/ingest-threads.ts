// Where a one-core `sitrep ingest` spends its CPU: the main thread (reading, extraction, the store) or
// V8's background threads (optimising compiler, GC helpers) and libuv's pool (npm run bench:ingest-threads).
// On one core the background threads do not run beside the main thread but take turns with it, so their
// CPU adds to the wall time. Each run spawns the real command under `taskset -c 0` (bench/one-core.ts)
// with bench/thread-cpu.cjs preloaded, which reads every thread's CPU from /proc when the process exits.
// Usage: npm run bench:ingest-threads -- [FILE | --distinct] [--base DIR] [--runs N]   (default FILE: the
// Guardian articles; --distinct: every different article text of ../shared/data, ~560, bench/distinct-articles.ts,
// the one-core ingest of text never read twice, start-up included; --base DIR: another checkout whose CLI
// bundle is built, alternated run by run, with the ratio of wall times; Linux only).
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { writeDistinctArticles } from "./distinct-articles.js";
import { oneCorePrefix } from "./one-core.js";
import { flag, median } from "./run-args.js";

const GUARDIAN = "../shared/data/articles/guardian-sdf-unlabelled.jsonl";
const PRELOAD = resolve("bench/thread-cpu.cjs");

interface Run {
  wallS: number;
  mainS: number;
  otherS: number;
  stored: number;
}

function clockTicks(): string {
  const r = spawnSync("getconf", ["CLK_TCK"], { encoding: "utf8" });
  return r.status === 0 ? r.stdout.trim() : "100";
}

function runOnce(root: string, file: string, pin: string[], env: NodeJS.ProcessEnv): Run {
  const dir = mkdtempSync(join(tmpdir(), "sitrep-threads-"));
  try {
    const cmd = [...pin, process.execPath, "-r", PRELOAD, join(root, "bin/sitrep.js"), "ingest", file, "--db", join(dir, "t.db"), "--no-progress"];
    const t0 = performance.now();
    const r = spawnSync(cmd[0], cmd.slice(1), { cwd: root, encoding: "utf8", env });
    const wallS = (performance.now() - t0) / 1000;
    if (r.status !== 0) throw new Error(`sitrep ingest in ${root} failed:\n${r.stderr || r.error?.message}`);
    const line = r.stderr.split("\n").find((l) => l.startsWith("SITREP_THREAD_CPU "));
    if (!line) throw new Error("no per-thread CPU came back (this bench reads /proc: Linux only)");
    if (!r.stderr.includes("running the bundle")) throw new Error(`${root} ran its sources through tsx, not its CLI bundle: run \`npm run build:cli\` there first`);
    const t = JSON.parse(line.slice("SITREP_THREAD_CPU ".length)) as { main: number; others: number[] };
    const stored = Number(/(\d+) stored/.exec(r.stdout + r.stderr)?.[1] ?? Number.NaN);
    return { wallS, mainS: t.main / 1000, otherS: t.others.reduce((a, b) => a + b, 0) / 1000, stored };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function main(): void {
  let file = resolve(process.argv.slice(2).find((a, i, all) => !a.startsWith("--") && !["--base", "--runs"].includes(all[i - 1])) ?? GUARDIAN);
  if (process.argv.includes("--distinct")) {
    const dir = mkdtempSync(join(tmpdir(), "sitrep-distinct-"));
    process.on("exit", () => rmSync(dir, { recursive: true, force: true }));
    const made = writeDistinctArticles(dir);
    if (typeof made === "string") {
      console.log(`skipped: ${made}`);
      return;
    }
    file = made.file;
    console.log(`--distinct: ${made.articles} different articles, ${made.wordsPerArticle} words on average`);
  }
  if (!existsSync(file)) {
    console.log(`skipped: ${file} is not here (the Guardian articles come with ../shared/data)`);
    return;
  }
  if (!existsSync("/proc/self/task")) {
    console.log("skipped: this bench reads each thread's CPU from /proc (Linux only)");
    return;
  }
  const base = flag("--base");
  if (base && !existsSync(join(base, "bin/sitrep.js"))) throw new Error(`--base ${base}: no bin/sitrep.js there`);
  const runs = Math.max(1, Number(flag("--runs") ?? 3));
  const one = oneCorePrefix();
  const env = { ...process.env, SITREP_CLK_TCK: clockTicks(), SITREP_DEBUG: "1" };
  const roots = base ? [resolve("."), resolve(base)] : [resolve(".")];
  const results = new Map<string, Run[]>(roots.map((r) => [r, []]));
  for (let k = 0; k < runs; k++) {
    const order = k % 2 ? [...roots].reverse() : roots;
    for (const r of order) results.get(r)!.push(runOnce(r, file, one.prefix, env));
  }
  console.log(one.note);
  console.log(`sitrep ingest ${file}: ${runs} run(s) per checkout, medians (seconds)`);
  const wallOf = (r: string) => median(results.get(r)!.map((x) => x.wallS));
  for (const r of roots) {
    const xs = results.get(r)!;
    const wall = median(xs.map((x) => x.wallS));
    const mainS = median(xs.map((x) => x.mainS));
    const other = median(xs.map((x) => x.otherS));
    const n = xs[0].stored;
    console.log(
      `${r === roots[0] ? "this checkout" : `base ${r}`}: ${n} articles stored, wall ${wall.toFixed(2)} = ${(n / wall).toFixed(1)}/s  main thread ${mainS.toFixed(2)}  other threads ${other.toFixed(2)} (${((100 * other) / (mainS + other)).toFixed(0)}% of CPU)`,
    );
  }
  if (base) console.log(`wall ratio this/base ${(wallOf(roots[0]) / wallOf(roots[1])).toFixed(2)}`);
}

try {
  main();
} catch (err) {
  console.error(err instanceof Error ? err.message : err);
  process.exitCode = 1;
}
