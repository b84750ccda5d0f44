// Geoparsing cost per article in the real flow, against a baseline checkout in the same process:
// the Guardian articles (../shared/data/articles/guardian-sdf-unlabelled.jsonl) go through the
// baseline's ingest reader and NLP passes (actor spans excluded, as extract() does), then through this
// checkout's geoparse and the baseline's, article by article in alternating order, each timed alone
// (CPU time), then through the baseline's event extraction (the work between two geoparse calls in an
// ingest). Reported: CPU ms per article on the first round (cold code and look-up memos, as for new
// text) and on the later rounds (warm), base and new, with their ratio; and whether the places agree.
// --novel: the rounds read the even lines only, then the odd lines (text the process has never read:
// first look-ups, code paths no earlier text reached) once as "novel" and once more as "seen".
// A baseline is another checkout (a git worktree of the commit to compare with, its gazetteer built);
// a worktree of this very commit shows the measuring's own bias (the modules loaded second run a few
// per cent slower: --swap loads this checkout's first; run both ways).
// Run: node --import tsx bench/geo-speed.ts --base /path/to/other/checkout [--rounds 6] [--swap] [--novel]
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { PROJECT_ROOT } from "../src/geo/build.js";

const args = process.argv.slice(2);
const opt = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const base = opt("--base");
if (base === undefined || resolve(base) === resolve(PROJECT_ROOT)) {
  console.log("SKIP: give --base /path/to/another/checkout (e.g. git worktree add /tmp/base <commit>, its gazetteer built)");
  process.exit(0);
}
const baseRoot = resolve(base);
const rounds = Number(opt("--rounds") ?? 6);
const file = join(PROJECT_ROOT, "../shared/data/articles/guardian-sdf-unlabelled.jsonl");
if (!existsSync(file)) {
  console.log(`SKIP: ${file} not found (the Guardian article set lives in ../shared/data/articles)`);
  process.exit(0);
}
if (!existsSync(join(baseRoot, "src/geo/index.ts"))) {
  console.log(`SKIP: ${baseRoot} has no src/geo/index.ts (--base takes a checkout of sitrep)`);
  process.exit(0);
}
const load = (root: string, path: string) => import(join(root, path));
const swap = args.includes("--swap");
const newGeo = swap ? await load(PROJECT_ROOT, "src/geo/index.ts") : undefined;
const baseGeo = await load(baseRoot, "src/geo/index.ts");
const geoNew = newGeo ?? (await load(PROJECT_ROOT, "src/geo/index.ts"));
const { readJsonlRecord } = await load(baseRoot, "src/ingest/jsonl.ts");
const { runNlp } = await load(baseRoot, "src/nlp/pipeline.ts");
const { extractEvents } = await load(baseRoot, "src/events/extract.ts");

// each line with its place in the file (1-based, for a record's messages)
const all = readFileSync(file, "utf8")
  .split("\n")
  .map((line, k) => ({ line, at: k + 1 }))
  .filter(({ line }) => line.trim());
const novel = args.includes("--novel");
const lines = novel ? all.filter((_, k) => k % 2 === 0) : all;
const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
// [first round, later rounds, novel, seen] CPU ms of each side
const spent = { base: [0, 0, 0, 0], new: [0, 0, 0, 0] };
let differ = 0;
// (with --novel, two more rounds over the odd lines: slots 2 and 3)
const odd = all.filter((_, k) => k % 2 === 1);
for (let r = 0; r < rounds + (novel ? 2 : 0); r++) {
  const slot = r === 0 ? 0 : r < rounds ? 1 : r - rounds + 2;
  (r < rounds ? lines : odd).forEach(({ line, at }, k) => {
    const rec = readJsonlRecord(line, `${file}:${at}`);
    // (an HTML record comes back as a promise, its reader loaded on demand: this bench times text)
    if (rec instanceof Promise) throw new Error(`${file}:${at}: an HTML record; bench:geo-speed reads text records only`);
    if (!rec.ok) return;
    const art = rec.article;
    const nlp = runNlp(art, {});
    const opts = { exclude: nlp.actors.flatMap((a: { mentions: unknown[] }) => a.mentions), publishedAt: art.publishedAt };
    const run = (side: "base" | "new") => {
      const t = cpu();
      const g = (side === "base" ? baseGeo : geoNew).geoparse(art.body, opts);
      spent[side][slot]! += cpu() - t;
      return g;
    };
    const [a, b] = (k + r) % 2 === 0 ? [run("base"), run("new")] : [run("new"), run("base")].reverse();
    if ((slot === 0 || slot === 2) && JSON.stringify(a.places) !== JSON.stringify(b.places)) differ++;
    extractEvents(art, nlp, a.places, {});
  });
}
const n = lines.length;
const f = (ms: number, count: number) => (ms / count).toFixed(3);
console.log(`geoparse per Guardian article (${n}), this checkout vs ${baseRoot}${swap ? ", this checkout loaded first" : ""}`);
console.log(`  first round   base ${f(spent.base[0]!, n)} ms   new ${f(spent.new[0]!, n)} ms   new/base ${(spent.new[0]! / spent.base[0]!).toFixed(3)}`);
if (rounds > 1)
  console.log(
    `  rounds 2-${rounds}    base ${f(spent.base[1]!, n * (rounds - 1))} ms   new ${f(spent.new[1]!, n * (rounds - 1))} ms   new/base ${(spent.new[1]! / spent.base[1]!).toFixed(3)}`,
  );
if (novel) {
  const m = odd.length;
  console.log(`  novel (odd lines, never read)   base ${f(spent.base[2]!, m)} ms   new ${f(spent.new[2]!, m)} ms   new/base ${(spent.new[2]! / spent.base[2]!).toFixed(3)}`);
  console.log(`  seen (odd lines again)          base ${f(spent.base[3]!, m)} ms   new ${f(spent.new[3]!, m)} ms   new/base ${(spent.new[3]! / spent.base[3]!).toFixed(3)}`);
}
console.log(`  articles whose places differ: ${differ}`);
