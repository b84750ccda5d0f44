// Benchmark for event extraction (npm run bench:events).
// 1. Quality: the primary event's ACLED sub-event type on ../shared/data/event-types (CASE 2021 task 2
//    snippets), weighted and macro F1, per-type precision/recall, top confusions. Snippets labelled
//    outside ACLED (ORG_CRIME, NATURAL_DISASTER, …) count as "none": predicting an event there is a
//    false positive. Figures for all snippets and for the two halves (odd ids were looked at while
//    writing the trigger lexicon; even ids were not).
// 2. Speed: articles/s extracting the Guardian SDF articles on one core, next to the read-only rate
//    (just building Articles) measured in the same run.
import { existsSync, readFileSync } from "node:fs";
import { classify, findTriggers, readModel, scanTriggers, sentenceTriggers } from "../src/events/classify.js";
import { extractEvents } from "../src/events/extract.js";
import { geoparse } from "../src/geo/index.js";
import model from "wink-eng-lite-web-model";
import winkNLP from "wink-nlp";
import { runNlp } from "../src/nlp/pipeline.js";
import { extract } from "../src/pipeline.js";
import type { Article } from "../src/types/index.js";

// CPU of this process up to here: node start, the TypeScript loader and every module imported above
const loadCpu = process.cpuUsage();

const TSV = "../shared/data/event-types/case2021-task2.tsv";
const JSONL = "../shared/data/articles/guardian-sdf-unlabelled.jsonl";

const MAP: Record<string, string> = {
  ARMED_CLASH: "Armed clash", GOV_REGAINS_TERIT: "Government regains territory", NON_STATE_ACTOR_OVERTAKES_TER: "Non-state actor overtakes territory",
  CHEM_WEAP: "Chemical weapon", AIR_STRIKE: "Air/drone strike", SUIC_BOMB: "Suicide bomb", ART_MISS_ATTACK: "Shelling/artillery/missile attack",
  REM_EXPLOS: "Remote explosive/landmine/IED", GRENADE: "Grenade", SEX_VIOL: "Sexual violence", ATTACK: "Attack", ABDUCT_DISSAP: "Abduction/forced disappearance",
  PEACE_PROTEST: "Peaceful protest", PROTEST_WITH_INTER: "Protest with intervention", FORCE_AGAINST_PROTEST: "Excessive force against protesters",
  VIOL_DEMONSTR: "Violent demonstration", MOB_VIOL: "Mob violence", AGREEMENT: "Agreement", ARREST: "Arrests", CHANGE_TO_GROUP_ACT: "Change to group/activity",
  DISR_WEAP: "Disrupted weapons use", HQ_ESTABLISHED: "Headquarters or base established", PROPERTY_DISTRUCT: "Looting/property destruction",
  NON_VIOL_TERRIT_TRANSFER: "Non-violent transfer of territory", OTHER: "Other",
};
const NONE = "none";

function article(id: string, body: string, publishedAt?: string): Article {
  return { id, source: id, format: "text", body, publishedAt, captions: [], credits: [], warnings: [] };
}

export function score(pairs: [string, string][]) {
  const labels = [...new Set(pairs.map(([g]) => g).filter((g) => g !== NONE))];
  const per = labels.map((l) => {
    const tp = pairs.filter(([g, p]) => g === l && p === l).length;
    const fp = pairs.filter(([g, p]) => g !== l && p === l).length;
    const fn = pairs.filter(([g, p]) => g === l && p !== l).length;
    const P = tp + fp ? tp / (tp + fp) : 0;
    const R = tp + fn ? tp / (tp + fn) : 0;
    return { l, P, R, F: P + R ? (2 * P * R) / (P + R) : 0, n: tp + fn };
  });
  const N = per.reduce((a, x) => a + x.n, 0);
  const weighted = per.reduce((a, x) => a + (x.F * x.n) / N, 0);
  const macro = per.reduce((a, x) => a + x.F, 0) / per.length;
  const noneGold = pairs.filter(([g]) => g === NONE);
  const noneOk = noneGold.filter(([, p]) => p === NONE).length;
  return { weighted, macro, per, noneOk, noneN: noneGold.length, acc: pairs.filter(([g, p]) => g === p).length / pairs.length };
}

/** Where the primary event lies relative to the first event of type `gold`: sentence order and confidence. */
function primaryWhere(events: ReturnType<typeof extract>["events"], gold: string): string {
  const p = events.find((e) => e.primary)!;
  const g = events.find((e) => e.subEventType === gold)!;
  const order = p.sentence.start < g.sentence.start ? "earlier" : p.sentence.start > g.sentence.start ? "later" : "same sentence";
  return `${order}, confidence ${p.confidence > g.confidence ? "higher" : p.confidence < g.confidence ? "lower" : "equal"}, modality ${p.modality}/${g.modality}`;
}

function quality() {
  if (!existsSync(TSV)) {
    console.log(`skipped quality: ${TSV} absent`);
    return;
  }
  const rows = readFileSync(TSV, "utf8").trim().split("\n").slice(1).map((l) => l.split("\t"));
  const all: [string, string][] = [];
  const odd: [string, string][] = [];
  const even: [string, string][] = [];
  const anatomy = new Map<string, number>();
  const t0 = performance.now();
  for (const [id, text, label] of rows) {
    const gold = MAP[label] ?? NONE;
    const doc = extract(article(`case-${id}`, text));
    const pred = doc.events.find((e) => e.primary)?.subEventType ?? NONE;
    all.push([gold, pred]);
    (Number(id) % 2 === 1 ? odd : even).push([gold, pred]);
    if (gold !== pred) {
      // why it went wrong, as a count per half (no snippet is named)
      const cueTypes = new Set(findTriggers(text, 0, text.length).flatMap((h) => (h.type === "TERRITORY" ? ["Government regains territory", "Non-state actor overtakes territory"] : h.type === "ATTACK" ? ["Attack", "Armed clash"] : [h.type])));
      const why =
        gold === NONE
          ? cueTypes.has("NONE") ? `outside ACLED (${label}), its cue lost to an event cue` : `outside ACLED (${label}), no outside-ACLED cue`
          : doc.events.some((e) => e.subEventType === gold)
            ? `gold type found, but in a non-primary event (${pred}; primary ${primaryWhere(doc.events, gold)})`
            : cueTypes.has(gold)
              ? pred === NONE ? `gold cue present (${gold}), no event made` : `gold cue present, outscored in its sentence (${gold} → ${pred})`
              : `no cue for the gold type (${gold})${pred === NONE ? ", no event" : ", another type made"}`;
      const half = Number(id) % 2 === 1 ? "odd" : "even";
      anatomy.set(`${half}: ${why}`, (anatomy.get(`${half}: ${why}`) ?? 0) + 1);
    }
  }
  const ms = performance.now() - t0;
  const s = score(all);
  const so = score(odd);
  const se = score(even);
  console.log(`CASE 2021 task 2 dev snippets: ${rows.length} (${s.noneN} outside ACLED), ${(rows.length / (ms / 1000)).toFixed(0)} snippets/s`);
  console.log(`  weighted F1 ${s.weighted.toFixed(3)}   macro F1 ${s.macro.toFixed(3)}   accuracy ${s.acc.toFixed(3)}   outside-ACLED with no event ${s.noneOk}/${s.noneN}`);
  console.log(`  odd ids (inspected while writing rules): weighted F1 ${so.weighted.toFixed(3)}  macro ${so.macro.toFixed(3)}  outside-ACLED with no event ${so.noneOk}/${so.noneN}`);
  console.log(`  even ids (never inspected):              weighted F1 ${se.weighted.toFixed(3)}  macro ${se.macro.toFixed(3)}  outside-ACLED with no event ${se.noneOk}/${se.noneN}`);
  console.log(`  baseline in the same run: best CASE 2021 system 0.839 weighted F1 (published); majority class → ${score(all.map(([g]) => [g, "Suicide bomb"])).weighted.toFixed(3)}`);
  console.log("  per type (P / R / F1 / n), all ids | odd ids | even ids:");
  const cell = (x?: { P: number; R: number; F: number; n: number }) => (x ? `${x.P.toFixed(2)} / ${x.R.toFixed(2)} / ${x.F.toFixed(2)} / ${String(x.n).padStart(2)}` : " ".repeat(21));
  for (const x of s.per.sort((a, b) => b.n - a.n)) console.log(`    ${x.l.padEnd(36)} ${cell(x)} | ${cell(so.per.find((y) => y.l === x.l))} | ${cell(se.per.find((y) => y.l === x.l))}`);
  // aggregate counts only: no snippet text is ever printed, so the even half stays unread
  const confusions = (pairs: [string, string][], title: string) => {
    const conf = new Map<string, number>();
    for (const [g, p] of pairs) if (g !== p) conf.set(`${g} → ${p}`, (conf.get(`${g} → ${p}`) ?? 0) + 1);
    console.log(`  top confusions (gold → predicted, ${title}):`);
    for (const [k, n] of [...conf].sort((a, b) => b[1] - a[1]).slice(0, 40)) console.log(`    ${n}  ${k}`);
  };
  console.log("  errors by kind (counts per half):");
  for (const [k, n] of [...anatomy].sort()) console.log(`    ${String(n).padStart(2)}  ${k}`);
  confusions(all, "all ids");
  confusions(even, "even ids");
}

/** CPU cost of classification alone (trigger scan, per-sentence hits, classify) on the Guardian articles. */
function classifyCost() {
  if (!existsSync(JSONL)) return;
  const lines = readFileSync(JSONL, "utf8").trim().split("\n");
  const docs = lines.map((l) => {
    const o = JSON.parse(l) as { id: string; text: string };
    return runNlp(article(String(o.id), o.text));
  });
  const words = docs.reduce((n, d) => n + d.text.split(/\s+/).length, 0);
  const rows = readModel("triggers.tsv", 3).map(([, , p]) => new RegExp(String.raw`\b(?:${p})`, "gi"));
  const classifyAll = (scanOf: (text: string) => ReturnType<typeof scanTriggers>) => {
    for (const d of docs) {
      const scan = scanOf(d.text);
      for (const s of d.sentences) {
        const hits = sentenceTriggers(scan, d.text, s.start, s.end);
        if (hits.length) classify(hits, d.text.slice(s.start, s.end));
      }
    }
  };
  // the same-run baseline: every pattern scanned over the whole text (how the scan worked before the index)
  const fullScan = (text: string) =>
    rows.map((re) => {
      const out: { t: number; start: number; end: number; text: string }[] = [];
      re.lastIndex = 0;
      for (let m = re.exec(text); m; m = re.exec(text)) out.push({ t: 0, start: m.index, end: m.index + m[0].length, text: m[0] });
      return out;
    });
  const best = (f: () => void) => {
    let ms = Number.POSITIVE_INFINITY;
    for (let r = 0; r < 5; r++) {
      const c = process.cpuUsage();
      f();
      const u = process.cpuUsage(c);
      ms = Math.min(ms, (u.user + u.system) / 1000);
    }
    return (ms / docs.length) * (600 / (words / docs.length));
  };
  const base = best(() => classifyAll(fullScan));
  const now = best(() => classifyAll(scanTriggers));
  console.log(`classification alone (trigger scan + per-sentence hits + classify), best of 5, CPU per 600-word Guardian article:`);
  console.log(`  baseline, every pattern scanned in full: ${base.toFixed(2)} ms; indexed scan: ${now.toFixed(2)} ms (${(now / base).toFixed(2)}×)`);
}

function speed() {
  if (!existsSync(JSONL)) {
    console.log(`skipped speed: ${JSONL} absent`);
    return;
  }
  const lines = readFileSync(JSONL, "utf8").trim().split("\n");
  const build = () =>
    lines.map((l) => {
      const o = JSON.parse(l) as { id: string; publishedAt?: string; outlet?: string; text: string };
      const a = article(String(o.id), o.text, o.publishedAt);
      a.outlet = o.outlet;
      return a;
    });
  const words = build().reduce((n, a) => n + a.body.split(/\s+/).length, 0);
  const n = lines.length;
  // wall time and this process's CPU time: on a busy machine the CPU time is the one-core figure
  const time = (f: () => void) => {
    const c = process.cpuUsage();
    const t = performance.now();
    f();
    const cpu = process.cpuUsage(c);
    return { wall: (performance.now() - t) / 1000, cpu: (cpu.user + cpu.system) / 1e6 };
  };
  // the first pass of a fresh process over every article: models and gazetteer load, V8 compiles,
  // memos fill. Reported on its own; every figure below is the steady rate after it (as the ingest
  // bench does), which is what a long ingest runs at
  const cold = time(() => {
    for (const a of build()) extract(a);
  });
  const reps = 3;
  const read = time(() => {
    for (let r = 0; r < reps; r++) build();
  });
  // wink-nlp's sentence splitter (what pass 01 used before its own splitter), as a yardstick
  const wink = winkNLP(model, ["sbd"]);
  const winkOnly = time(() => {
    for (let r = 0; r < reps; r++) for (const a of build()) wink.readDoc(a.body).sentences().out();
  });
  let events = 0;
  const mine = time(() => {
    for (let r = 0; r < reps; r++) for (const a of build()) events += extractEvents(a, runNlp(a), []).events.length;
  });
  const full = time(() => {
    for (let r = 0; r < reps; r++) for (const a of build()) extract(a);
  });
  // per stage, on the same articles: each stage timed alone, its inputs made beforehand
  const arts = build();
  const nlpOnly = time(() => {
    for (let r = 0; r < reps; r++) for (const a of arts) runNlp(a);
  });
  const docs = arts.map((a) => runNlp(a));
  const geoOnly = time(() => {
    for (let r = 0; r < reps; r++) {
      arts.forEach((a, i) => {
        geoparse(a.body, { exclude: docs[i].actors.flatMap((x) => x.mentions), publishedAt: a.publishedAt });
      });
    }
  });
  const places = arts.map((a, i) => geoparse(a.body, { exclude: docs[i].actors.flatMap((x) => x.mentions), publishedAt: a.publishedAt }).places);
  let evCpu = 0;
  for (let r = 0; r < reps; r++) {
    const fresh = arts.map((a) => runNlp(a)); // dates are cached per NlpDoc: each round gets new ones
    evCpu += time(() => {
      arts.forEach((a, i) => {
        extractEvents(a, fresh[i], places[i]);
      });
    }).cpu;
  }
  const msPer600 = (cpu: number) => ((cpu * 1000) / (n * reps) / (words / n)) * 600;
  const rate = (x: { wall: number; cpu: number }) => `${((n * reps) / x.wall).toFixed(0)}/s wall, ${((n * reps) / x.cpu).toFixed(0)}/s CPU`;
  const per600 = (x: { wall: number; cpu: number }) => (((n * reps) / x.cpu) * (words / n)) / 600;
  console.log(`Guardian SDF articles: ${n}, mean ${Math.round(words / n)} words, ${Math.round((events / reps / n) * 10) / 10} events/article`);
  console.log(`  baseline, read-only (build Articles): ${rate(read)}; ${per600(read).toFixed(0)}/s CPU scaled to 600-word articles`);
  console.log(`  baseline, wink-nlp sentence splitting alone: ${rate(winkOnly)}; ${per600(winkOnly).toFixed(0)}/s CPU scaled to 600-word articles`);
  console.log(`  extraction (runNlp + extractEvents): ${rate(mine)}; ${per600(mine).toFixed(0)}/s CPU scaled to 600-word articles; ${(read.cpu / mine.cpu).toFixed(4)}× read-only, ${(winkOnly.cpu / mine.cpu).toFixed(2)}× wink-only`);
  console.log(`  per stage, ms CPU per 600-word article: runNlp ${msPer600(nlpOnly.cpu).toFixed(2)}, geoparse ${msPer600(geoOnly.cpu).toFixed(2)}, extractEvents ${msPer600(evCpu).toFixed(2)} (whole extract() ${msPer600(full.cpu).toFixed(2)})`);
  console.log(`  whole extract() incl. geoparse: ${rate(full)}; ${per600(full).toFixed(0)}/s CPU scaled to 600-word articles; ${(winkOnly.cpu / full.cpu).toFixed(2)}× wink-only (target: 200/s CPU at 600 words)`);
  const coldPer600 = (n / cold.cpu) * (words / n / 600);
  console.log(`  first pass of a fresh process (loading, compiling, memos filling; not in the figures above): ${(n / cold.wall).toFixed(0)}/s wall, ${(n / cold.cpu).toFixed(0)}/s CPU; ${coldPer600.toFixed(0)}/s CPU scaled to 600-word articles; ${(cold.cpu / full.cpu * reps).toFixed(2)}× the steady CPU per article (whole extract() above)`);
  const load = (loadCpu.user + loadCpu.system) / 1e6;
  console.log(`  module load (process start to the bench's first line: node, the TypeScript loader, imports) ${load.toFixed(2)} s CPU; load + first pass ${(load + cold.cpu).toFixed(2)} s CPU for ${n} articles${only === "speed" ? "" : " (the quality section ran first: run `-- speed` alone for a fresh first pass)"}`);
}

// `npm run bench:events -- quality` or `-- speed` runs one section only
const only = process.argv[2];
if (only !== "speed") quality();
if (only !== "speed") classifyCost();
if (only !== "quality") speed();
