// Benchmark: article-body extraction on ../shared/data/article-extraction (92 pages with
// hand-made ground truth). Prints F1/precision/recall and pages/s for sitrep's extractor
// and, measured in the same run, for plain Readability over linkedom (the baseline).
// Scoring (see ../shared/data/README.md): token 4-gram shingles, precision and recall per
// page, averaged over pages, F1 of the averages. Also reports two halves of the pages
// (split by the parity of the page key) to show the figures are not tuned to single pages.
// Speed is pages per second of wall-clock time and per second of this process's CPU time
// (user + system, all threads: GC included), the latter less disturbed by other load; each
// extractor is timed over several passes and its fastest pass is reported (--repeat N).
// The baseline runs first, before sitrep's reader is loaded: sitrep swaps linkedom's node base
// class and its class-attribute reads (src/ingest/html/dom.ts), which would otherwise speed up
// the baseline too. The routes sitrep's reader took (its tidied container, Readability, the
// publisher's JSON-LD body, page text) are counted in one more, untimed pass.
// Usage: npm run bench:body [-- --worst 10] [-- --repeat 3]
import { existsSync, readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { Readability } from "@mozilla/readability";
import { parseHTML } from "linkedom";
import { decodeBytes } from "../src/ingest/decode.js";
import { aggregate, type Score, scorePage } from "./body-score.js";

const DIR = "../shared/data/article-extraction";
if (!existsSync(`${DIR}/ground-truth.json`)) {
  console.error(`bench:body needs ${DIR} (absent); nothing measured`);
  process.exit(0);
}
const truth = JSON.parse(readFileSync(`${DIR}/ground-truth.json`, "utf8")) as Record<string, { articleBody: string; url: string }>;
const keys = Object.keys(truth).sort();
const pages = keys.map((k) => ({ key: k, bytes: gunzipSync(readFileSync(`${DIR}/html/${k}.html.gz`)) }));

type Extractor = (bytes: Buffer, url: string) => string;

const baseline: Extractor = (bytes) => {
  const { document } = parseHTML(bytes.toString("utf8"));
  return new Readability(document as unknown as Document).parse()?.textContent ?? "";
};

const repeatArg = process.argv.indexOf("--repeat");
const REPEAT = Math.max(1, repeatArg > 0 ? Number(process.argv[repeatArg + 1] ?? 3) : 3);

function run(name: string, fn: Extractor) {
  // one warm-up pass so both are timed with the JIT warm, then the timed passes (fastest kept)
  for (const p of pages.slice(0, 10)) fn(p.bytes, truth[p.key]!.url);
  let out: string[] = [];
  let secs = Number.POSITIVE_INFINITY;
  let cpuSecs = Number.POSITIVE_INFINITY;
  for (let r = 0; r < REPEAT; r++) {
    out = [];
    const t0 = process.hrtime.bigint();
    const c0 = process.cpuUsage();
    for (const p of pages) out.push(fn(p.bytes, truth[p.key]!.url));
    secs = Math.min(secs, Number(process.hrtime.bigint() - t0) / 1e9);
    const c = process.cpuUsage(c0);
    cpuSecs = Math.min(cpuSecs, (c.user + c.system) / 1e6);
  }
  const per = pages.map((p, i) => ({ key: p.key, ...scorePage(truth[p.key]!.articleBody, out[i]!) }));
  const half = (odd: number) => per.filter((r) => Number.parseInt(r.key.slice(-1), 16) % 2 === odd);
  return { name, all: aggregate(per), a: aggregate(half(0)), b: aggregate(half(1)), pps: pages.length / secs, cpuPps: pages.length / cpuSecs, per };
}

const fmt = (s: Score) => `F1 ${s.f1.toFixed(4)}  P ${s.precision.toFixed(4)}  R ${s.recall.toFixed(4)}`;
const base = run("readability+linkedom", baseline);
const { extractHtml } = await import("../src/ingest/html/extract.js");
// sitrep reads the bytes as its HTML reader does: charset detection, then extraction
const sitrep: Extractor = (bytes, url) => extractHtml(decodeBytes(bytes).text, { url }).body;
const ours = run("sitrep", sitrep);
const routes = new Map<string, number>();
for (const p of pages) {
  const via = extractHtml(decodeBytes(p.bytes).text, { url: truth[p.key]!.url }).via;
  routes.set(via, (routes.get(via) ?? 0) + 1);
}
console.log(`article-extraction: ${pages.length} pages, fastest of ${REPEAT} passes each`);
for (const r of [ours, base]) {
  console.log(`${r.name.padEnd(22)} ${fmt(r.all)}  ${r.pps.toFixed(1)} pages/s wall, ${r.cpuPps.toFixed(1)} pages/CPU-s`);
  console.log(`${"".padEnd(22)} half A (${r.a.pages}): F1 ${r.a.f1.toFixed(4)}   half B (${r.b.pages}): F1 ${r.b.f1.toFixed(4)}`);
}
console.log(`sitrep routes per pass: ${[...routes].map(([k, n]) => `${k} ${n}`).join(", ")}`);
console.log(
  `ratio sitrep/baseline: F1 ${(ours.all.f1 / base.all.f1).toFixed(3)}x  precision ${(ours.all.precision / base.all.precision).toFixed(3)}x  recall ${(ours.all.recall / base.all.recall).toFixed(3)}x  speed ${(ours.pps / base.pps).toFixed(2)}x wall, ${(ours.cpuPps / base.cpuPps).toFixed(2)}x CPU`,
);
const worstArg = process.argv.indexOf("--worst");
if (worstArg > 0) {
  const n = Number(process.argv[worstArg + 1] ?? 10);
  const worst = [...ours.per].sort((x, y) => x.precision + x.recall - y.precision - y.recall).slice(0, n);
  for (const w of worst) console.log(`  ${w.key.slice(0, 12)} P ${w.precision.toFixed(3)} R ${w.recall.toFixed(3)} ${truth[w.key]!.url}`);
}
