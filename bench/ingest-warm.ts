// Ingest speed once the process is warm, on articles it has not read before (npm run bench:ingest-warm).
// A fresh `sitrep ingest` pays for V8 compiling the hot code while it runs (the first few hundred
// articles extract 3–4× slower than later ones), and a run over copies of the same articles (bench:store
// fresh's 2,330) finds every name already in the memos. This bench separates the two. Each run is a
// child process that splits the Guardian articles by line parity into halves A and B and times, in CPU
// (process.cpuUsage) per article, `ingestInto` (read, extract, merge, store into SQLite):
//   cold   A into a fresh store (what a short `sitrep ingest` sees),
//   warm   A again into a fresh store, the last of five more times (compiled code, A's names memoised),
//   novel  B into that last store, after A (warm code, text it has never read, merging against A),
//   seen   B again into a fresh store (warm code, text it has read: the repeated-text case).
// --base DIR runs the same children with another checkout's sources (DIR/src), alternated per round,
// and prints the ratios; --node-flags "…" gives node (V8) flags to this checkout's children only (with
// --base pointing at this same checkout through another path, it measures a flag); --warm-ups N (default
// 6 passes of A before B); --rounds N (default 3; medians); --one-core pins every child with taskset -c 0
// (bench/one-core.ts: unpinned, with a note, where taskset is missing).
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { oneCorePrefix } from "./one-core.js";
import { flag, median } from "./run-args.js";

const GUARDIAN = "../shared/data/articles/guardian-sdf-unlabelled.jsonl";
/**
 * Times A is ingested (each into a fresh store) before B. V8 was still compiling after two; since the
 * CLI gives V8 a larger interrupt budget (src/cli/v8-tiering.ts) functions are optimised later, and
 * after four passes (468 articles) the novel phase still compiled what a fifth pass compiles (geoparse,
 * affiliationsStep, addEvent, …: session 10 measured novel 9.2 ms after four, 7.0 after six, cold and
 * warm unchanged). `--warm-ups N` changes it.
 */
const askedWarmUps = Number(flag("--warm-ups") ?? 6);
const WARM_UPS = Number.isInteger(askedWarmUps) && askedWarmUps >= 2 ? askedWarmUps : 6;
const PHASES = ["cold", "warm", "novel", "seen"] as const;
type Phase = (typeof PHASES)[number];
type Result = Record<Phase, { n: number; cpuMs: number }>;

/** One child: ingests the phases with the sources of the checkout at `root`, prints the result as JSON. */
async function child(root: string): Promise<void> {
  const { ingestInto } = await import(join(root, "src/cli/ingest.ts"));
  const { openStore } = await import(join(root, "src/store/index.ts"));
  const dir = mkdtempSync(join(tmpdir(), "sitrep-warm-"));
  try {
    const lines = readFileSync(GUARDIAN, "utf8").split("\n").filter((l) => l.trim());
    const a = join(dir, "a.jsonl");
    const b = join(dir, "b.jsonl");
    writeFileSync(a, `${lines.filter((_, i) => i % 2 === 0).join("\n")}\n`);
    writeFileSync(b, `${lines.filter((_, i) => i % 2 === 1).join("\n")}\n`);
    const out = {} as Result;
    const time = async (phase: Phase, db: string, input: string) => {
      const store = await openStore(db);
      const c0 = process.cpuUsage();
      const counts = await ingestInto(store, [input]);
      await store.close();
      const c = process.cpuUsage(c0);
      if (counts.inserted === 0) throw new Error(`${phase}: nothing was stored (${JSON.stringify(counts)})`);
      out[phase] = { n: counts.inserted, cpuMs: (c.user + c.system) / 1000 };
    };
    await time("cold", join(dir, "1.db"), a);
    for (let k = 2; k <= WARM_UPS; k++) await time("warm", join(dir, `${k}.db`), a);
    await time("novel", join(dir, `${WARM_UPS}.db`), b);
    await time("seen", join(dir, "seen.db"), b);
    process.stdout.write(`${JSON.stringify(out)}\n`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function runChild(root: string, pin: string[], v8: string[]): Result {
  const args = [process.execPath, ...v8, "--import", "tsx", "bench/ingest-warm.ts", "--child", root, "--warm-ups", String(WARM_UPS)];
  const cmd = [...pin, ...args];
  const r = spawnSync(cmd[0], cmd.slice(1), { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`the run with ${root} failed:\n${r.stderr || r.error?.message}`);
  return JSON.parse(r.stdout.trim().split("\n").pop()!);
}

async function main(): Promise<void> {
  const childRoot = flag("--child");
  if (childRoot) return child(childRoot);
  if (!existsSync(GUARDIAN)) {
    console.log(`skipped: ${GUARDIAN} is not here (the Guardian articles come with ../shared/data)`);
    return;
  }
  const base = flag("--base");
  if (base && !existsSync(join(base, "src/cli/ingest.ts"))) throw new Error(`--base ${base}: no src/cli/ingest.ts there`);
  const rounds = Math.max(1, Number(flag("--rounds") ?? 3));
  const one = process.argv.includes("--one-core") ? oneCorePrefix() : undefined;
  const roots = base ? [resolve("."), resolve(base)] : [resolve(".")];
  const v8 = (flag("--node-flags") ?? "").split(" ").filter(Boolean);
  const results = new Map<string, Result[]>(roots.map((r) => [r, []]));
  for (let k = 0; k < rounds; k++) {
    const order = k % 2 ? [...roots].reverse() : roots;
    for (const r of order) results.get(r)!.push(runChild(r, one?.prefix ?? [], r === roots[0] ? v8 : []));
  }
  if (one) console.log(one.note);
  console.log(`ingest once warm: ${rounds} run(s) per checkout; CPU ms per article, median`);
  const per = (root: string, p: Phase) => median(results.get(root)!.map((x) => x[p].cpuMs / x[p].n));
  const n = results.get(roots[0])![0];
  for (const p of PHASES) {
    const mine = per(roots[0], p);
    let line = `${p.padEnd(6)} ${String(n[p].n).padStart(4)} articles  ${mine.toFixed(2).padStart(6)} ms = ${(1000 / mine).toFixed(0).padStart(4)}/s`;
    if (base) {
      const theirs = per(roots[1], p);
      line += `   base ${theirs.toFixed(2).padStart(6)} ms = ${(1000 / theirs).toFixed(0).padStart(4)}/s   ratio ${(mine / theirs).toFixed(2)}`;
    }
    console.log(line);
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exitCode = 1;
});
