// Store benchmarks (`npm run bench:store`). Loads synthetic events (seeded PRNG) at 10k, 100k and
// 1M (cap with SITREP_BENCH_MAX) into SQLite and, when SITREP_BENCH_PG or SITREP_TEST_PG names a
// server, PostgreSQL; at each size times the map query (Store.mapPoints: bbox + time window + type,
// up to 10,000 points with the full count) against a baseline of the same query without any index,
// the list query (queryEvents: 1,000 full events), low-zoom grid counts and actor profiles. Then
// end-to-end ingest of the 233 Guardian articles into SQLite (`sitrep ingest`'s loop), against
// extract-only and naive autocommit-insert baselines, in CPU time (process.cpuUsage) and wall time,
// with the main-thread GC pauses of the ingest runs. Then what a user sees: the real command
// (`node bin/sitrep.js ingest … --db <fresh>`) spawned on the 233 articles and on 2,330 made from
// them (distinct ids, one sentence left out per copy, so none is a duplicate and merging happens),
// wall and CPU of the whole process (/usr/bin/time) and of its ingest part (the summary line's
// time; CPU less the same command's on an empty input). `bench:store ingest --baseline DIR
// --pairs N` alternates it with another checkout's command (DIR with its own bin/ and gazetteer);
// `bench:store fresh …` runs only the spawned part; `--one-core` runs every spawned command under
// `taskset -c 0` (the issue's "on one core" figure), unpinned with a note where taskset is missing.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { PerformanceObserver } from "node:perf_hooks";
import Database from "better-sqlite3";
import pg from "pg";
import { oneCorePrefix } from "./one-core.js";
import { flag } from "./run-args.js";
import { INGEST_BATCH, ingestInto } from "../src/cli/ingest.js";
import { readInputs } from "../src/ingest/index.js";
import { extract } from "../src/pipeline.js";
import { openStore } from "../src/store/index.js";
import type { ImportedEvent, Store } from "../src/store/types.js";
import type { Article, EventType, ExtractedDoc, SubEventType } from "../src/types/index.js";

const MAX = Number(process.env.SITREP_BENCH_MAX ?? 1_000_000);
const SIZES = [10_000, 100_000, 1_000_000].filter((n) => n <= MAX);
if (SIZES.length === 0 || SIZES[SIZES.length - 1] < MAX) SIZES.push(MAX);
const PG_URL = process.env.SITREP_BENCH_PG ?? process.env.SITREP_TEST_PG;
const QUERIES = Number(process.env.SITREP_BENCH_QUERIES ?? 200);
const BASELINE_QUERIES = Math.min(QUERIES, 40);
const GUARDIAN = "../shared/data/articles/guardian-sdf-unlabelled.jsonl";

/** mulberry32: a small seeded PRNG, so every run loads the same events. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TYPES: [EventType, SubEventType[]][] = [
  ["Battles", ["Armed clash", "Government regains territory", "Non-state actor overtakes territory"]],
  ["Explosions/Remote violence", ["Air/drone strike", "Shelling/artillery/missile attack", "Remote explosive/landmine/IED"]],
  ["Violence against civilians", ["Attack", "Abduction/forced disappearance"]],
  ["Protests", ["Peaceful protest"]],
  ["Riots", ["Violent demonstration"]],
  ["Strategic developments", ["Agreement", "Arrests", "Looting/property destruction"]],
];
const TOWNS = 400;
const ACTORS = 300;
const DAYS = 3650; // 2015-01-01 … 2024-12-28
const DAY0 = Date.parse("2015-01-01T00:00:00Z");
const dayStr = (d: number) => new Date(DAY0 + d * 86_400_000).toISOString().slice(0, 10);

/** A world of towns (Syria/Iraq-sized box) and actors with a skewed activity distribution. */
function world(rand: () => number) {
  const towns = Array.from({ length: TOWNS }, (_, i) => ({ i, lat: 30 + rand() * 8, lon: 35 + rand() * 13 }));
  return { towns };
}

function* synthetic(from: number, to: number, seed: number): Generator<ImportedEvent[]> {
  const rand = prng(seed);
  const { towns } = world(prng(7));
  const skew = () => Math.floor(ACTORS * rand() ** 3); // actor 0 is the busiest
  let batch: ImportedEvent[] = [];
  for (let k = from; k < to; k++) {
    const [type, subs] = TYPES[Math.floor(rand() * rand() * TYPES.length)];
    const town = towns[Math.floor(TOWNS * rand() ** 2)];
    const a1 = skew();
    let a2 = skew();
    if (a2 === a1) a2 = (a2 + 1) % ACTORS;
    const id1 = `actor-${a1}`;
    const id2 = `actor-${a2}`;
    batch.push({
      externalId: `SYN${k}`,
      eventType: type,
      subEventType: subs[Math.floor(rand() * subs.length)],
      actor1: id1,
      actor2: rand() < 0.8 ? id2 : undefined,
      assocActors1: [],
      assocActors2: [],
      actorNames: { [id1]: { name: `Actor ${a1}`, inter: 1 + (a1 % 8) }, [id2]: { name: `Actor ${a2}`, inter: 1 + (a2 % 8) } },
      date: dayStr(Math.floor(rand() * DAYS)),
      datePrecision: 1,
      place: {
        id: `syn:town-${town.i}`,
        name: `Town ${town.i}`,
        lat: town.lat + (rand() - 0.5) * 0.1,
        lon: town.lon + (rand() - 0.5) * 0.1,
        precision: 1,
        country: "SY",
      },
      fatalities: Math.floor(rand() * 10),
      source: "Synthetic",
    });
    if (batch.length === 5000) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length) yield batch;
}

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
}

const f = (ms: number) => `${ms.toFixed(ms < 10 ? 2 : 1)} ms`;

interface MapQ {
  bbox: [number, number, number, number];
  since: string;
  until: string;
  eventType: EventType;
}

function mapQueries(n: number): MapQ[] {
  const rand = prng(99);
  const { towns } = world(prng(7));
  return Array.from({ length: n }, () => {
    const t = towns[Math.floor(TOWNS * rand() ** 2)];
    const half = 0.5 + rand() * 1.5; // a 1°–4° viewport around a town
    const start = Math.floor(rand() * (DAYS - 90));
    return {
      bbox: [t.lon - half, t.lat - half, t.lon + half, t.lat + half],
      since: dayStr(start),
      until: dayStr(start + 30 + Math.floor(rand() * 60)),
      eventType: TYPES[Math.floor(rand() * rand() * TYPES.length)][0],
    };
  });
}

async function time(fn: () => Promise<unknown>): Promise<number> {
  const t = performance.now();
  await fn();
  return performance.now() - t;
}

/** The baseline: the same map query without any index (a full scan of the events table). */
type Baseline = (q: MapQ) => Promise<number>;

const MAP_LIMIT = 10_000;
const BASE_SQL = `SELECT n, lon, lat, event_type, date, source_count, geo_precision FROM events WHERE event_type = $1 AND date BETWEEN $2 AND $3 AND lon BETWEEN $4 AND $5 AND lat BETWEEN $6 AND $7 ORDER BY date DESC, n DESC LIMIT ${MAP_LIMIT + 1}`;

function sqliteBaseline(path: string): { run: Baseline; close: () => void } {
  const db = new Database(path, { readonly: true });
  const stmt = db.prepare(BASE_SQL.replace("FROM events", "FROM events NOT INDEXED").replace(/\$\d/g, "?"));
  return {
    run: async (q) => stmt.all(q.eventType, q.since, q.until, q.bbox[0], q.bbox[2], q.bbox[1], q.bbox[3]).length,
    close: () => db.close(),
  };
}

function pgBaseline(url: string, schema: string): { run: Baseline; close: () => Promise<void> } {
  const c = new pg.Client({ connectionString: url, options: `-c search_path=${schema},public` });
  const ready = c
    .connect()
    .then(() => c.query("SET enable_indexscan = off; SET enable_bitmapscan = off; SET enable_indexonlyscan = off"));
  return {
    run: async (q) => {
      await ready;
      const r = await c.query(BASE_SQL, [q.eventType, q.since, q.until, q.bbox[0], q.bbox[2], q.bbox[1], q.bbox[3]]);
      return r.rowCount ?? 0;
    },
    close: () => c.end(),
  };
}

async function scaling(name: string, store: Store, baseline: { run: Baseline }): Promise<void> {
  console.log(`\n## ${name}: map query (mapPoints: bbox + time window + type, ≤${MAP_LIMIT} points + count), list query, grid, actor profile`);
  console.log(
    "events     load (ev/s)  map p50   map p95   no-index p95  ratio   list p95  (1000 full events)  grid p95 (1 year, 0.25°)  profile p50  profile p95  (busiest actor)",
  );
  let loaded = 0;
  const qs = mapQueries(QUERIES);
  const previous: { size: number; map: number; profile: number }[] = [];
  for (const size of SIZES) {
    const t0 = performance.now();
    for (const batch of synthetic(loaded, size, 1000 + loaded)) await store.importEvents(batch);
    const rate = (size - loaded) / ((performance.now() - t0) / 1000);
    loaded = size;
    // warm up, then time
    for (const q of qs.slice(0, 10)) await store.mapPoints({ ...q, limit: MAP_LIMIT });
    const mapT: number[] = [];
    const baseT: number[] = [];
    const listT: number[] = [];
    let shown = 0;
    for (const [i, q] of qs.entries()) {
      mapT.push(await time(async () => (shown += (await store.mapPoints({ ...q, limit: MAP_LIMIT })).id.length)));
      // the full-scan baseline takes seconds a query at 1M events: 40 of them give its p95
      if (i < BASELINE_QUERIES) baseT.push(await time(() => baseline.run(q)));
      listT.push(await time(() => store.queryEvents({ ...q, limit: 1000, withSources: false })));
    }
    // low zoom: every type over a year, counted in quarter-degree cells
    const gridT: number[] = [];
    for (const q of qs.slice(0, 20)) {
      const until = new Date(Date.parse(q.since) + 365 * 86_400_000).toISOString().slice(0, 10);
      gridT.push(await time(() => store.mapPoints({ since: q.since, until, cellDegrees: 0.25 })));
    }
    const rand = prng(5);
    const profT: number[] = [];
    for (let i = 0; i < 50; i++) {
      const id = `actor-${Math.floor(ACTORS * rand() ** 3)}`;
      profT.push(await time(() => store.getActor(id)));
    }
    const busiest = await time(() => store.getActor("actor-0"));
    console.log(
      `${String(size).padEnd(10)} ${rate.toFixed(0).padStart(10)}  ${f(pct(mapT, 50)).padStart(8)}  ${f(pct(mapT, 95)).padStart(8)}  ${f(pct(baseT, 95)).padStart(12)}  ${(pct(baseT, 95) / pct(mapT, 95)).toFixed(1).padStart(5)}x  ${f(pct(listT, 95)).padStart(8)}  ${"".padStart(18)}  ${f(pct(gridT, 95)).padStart(24)}  ${f(pct(profT, 50)).padStart(11)}  ${f(pct(profT, 95)).padStart(11)}  ${f(busiest).padStart(10)}`,
    );
    console.log(`           (map answers hold ${(shown / qs.length).toFixed(0)} points on average)`);
    previous.push({ size, map: pct(mapT, 95), profile: pct(profT, 95) });
  }
  if (previous.length > 1) {
    const a = previous[0];
    const z = previous[previous.length - 1];
    console.log(
      `growth ${a.size} → ${z.size} events (×${(z.size / a.size).toFixed(0)}): map p95 ×${(z.map / a.map).toFixed(1)}, profile p95 ×${(z.profile / a.profile).toFixed(1)}`,
    );
  }
}

async function sqliteScaling(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "sitrep-bench-"));
  const path = join(dir, "bench.db");
  const store = await openStore(path);
  const base = sqliteBaseline(path);
  try {
    await scaling("SQLite", store, base);
  } finally {
    base.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function pgScaling(): Promise<void> {
  if (!PG_URL) {
    console.log("\n## PostgreSQL: skipped (set SITREP_BENCH_PG or SITREP_TEST_PG to a postgres:// URL)");
    return;
  }
  const schema = `sitrep_bench_${process.pid}`;
  console.log(`(PostgreSQL schema ${schema}, dropped at the end)`);
  const store = await openStore(PG_URL, { schema });
  const base = pgBaseline(PG_URL, schema);
  try {
    await scaling("PostgreSQL + PostGIS", store, base);
  } finally {
    await base.close();
    await store.close();
    const c = new pg.Client({ connectionString: PG_URL });
    await c.connect();
    await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await c.end();
  }
}

/** A mark; calling it gives the wall and CPU (user + system, this process) milliseconds since. */
function mark(): () => { wall: number; cpu: number } {
  const w = performance.now();
  const c = process.cpuUsage();
  return () => {
    const d = process.cpuUsage(c);
    return { wall: performance.now() - w, cpu: (d.user + d.system) / 1000 };
  };
}

/** Main-thread GC pauses that start inside the given windows (performance.now() times): scavenges
 *  (young generation) and the rest (mark-compact, …); read them after `stop()`. */
function gcPauses(): { windows: [number, number][]; young: number; youngMs: number; other: number; otherMs: number; stop: () => Promise<void> } {
  const entries: { start: number; ms: number; young: boolean }[] = [];
  const obs = new PerformanceObserver((list) => {
    for (const e of list.getEntries())
      entries.push({ start: e.startTime, ms: e.duration, young: (e as PerformanceEntry & { detail?: { kind?: number } }).detail?.kind === 1 });
  });
  obs.observe({ entryTypes: ["gc"] });
  const g = {
    windows: [] as [number, number][],
    young: 0,
    youngMs: 0,
    other: 0,
    otherMs: 0,
    stop: async () => {
      await new Promise((r) => setImmediate(r)); // the last entries
      obs.disconnect();
      for (const e of entries) {
        if (!g.windows.some(([a, b]) => e.start >= a && e.start <= b)) continue;
        if (e.young) {
          g.young++;
          g.youngMs += e.ms;
        } else {
          g.other++;
          g.otherMs += e.ms;
        }
      }
    },
  };
  return g;
}

async function ingestBench(): Promise<void> {
  console.log("\n## End-to-end ingest into SQLite: the 233 Guardian articles (one core; rates on CPU time, wall in brackets)");
  const articles: Article[] = [];
  let t = mark();
  for await (const r of readInputs([GUARDIAN])) if (r.ok) articles.push(r.article);
  const read = t();
  if (articles.length === 0) {
    console.log(`skipped: ${GUARDIAN} is absent`);
    return;
  }
  // warm up the extractor (lexicons, gazetteer, JIT) on every article once, so neither timed
  // phase pays the one-off loading and compilation (the first phase timed used to carry it)
  for (const a of articles) extract(a);
  const dir = mkdtempSync(join(tmpdir(), "sitrep-bench-"));
  try {
    // end to end: read + extract + merge + store through `sitrep ingest`'s own loop (ingestInto:
    // batches of INGEST_BATCH articles per transaction), alternated with the same loop saving each
    // article in its own transaction (saveDoc); best of three fresh stores each (the first run also
    // compiles the store's code paths)
    let e2e = { wall: Number.POSITIVE_INFINITY, cpu: Number.POSITIVE_INFINITY };
    let e2eOne = { wall: Number.POSITIVE_INFINITY, cpu: Number.POSITIVE_INFINITY };
    let st = { events: 0, eventSources: 0 };
    // V8's young generation size (--max-semi-space-size) changes how often the main thread stops
    // to scavenge: the GC pauses of the batched runs are counted, a figure that load barely moves
    const gc = gcPauses();
    for (let run = 0; run < 6; run++) {
      const store = await openStore(join(dir, `e2e-${run}.db`));
      const w0 = performance.now();
      t = mark();
      if (run % 2 === 0) {
        const c = await ingestInto(store, [GUARDIAN]);
        if (c.inserted !== articles.length) throw new Error(`ingest stored ${c.inserted} of ${articles.length} articles`);
      } else for await (const r of readInputs([GUARDIAN])) if (r.ok) await store.saveDoc(extract(r.article));
      const m = t();
      if (run % 2 === 0) gc.windows.push([w0, performance.now()]);
      if (run % 2 === 0 && m.cpu < e2e.cpu) e2e = m;
      if (run % 2 === 1 && m.cpu < e2eOne.cpu) e2eOne = m;
      const now = await store.stats();
      if (run > 0 && (now.events !== st.events || now.eventSources !== st.eventSources))
        throw new Error(`stored results differ between runs: ${now.events}/${now.eventSources} vs ${st.events}/${st.eventSources}`);
      st = now;
      await store.close();
    }
    await gc.stop();

    // baseline 1: extraction alone (no store)
    t = mark();
    const docs: ExtractedDoc[] = articles.map((a) => extract(a));
    const extracted = t();

    // store alone: merge + store of the already extracted documents, in ingest's batches and one
    // transaction per article (saveDoc); best of three fresh stores each, alternated
    let stored = { wall: Number.POSITIVE_INFINITY, cpu: Number.POSITIVE_INFINITY };
    let storedOne = { wall: Number.POSITIVE_INFINITY, cpu: Number.POSITIVE_INFINITY };
    for (let run = 0; run < 6; run++) {
      const s2 = await openStore(join(dir, `store-${run}.db`));
      t = mark();
      if (run % 2 === 0) for (let i = 0; i < docs.length; i += INGEST_BATCH.articles) await s2.saveDocs(docs.slice(i, i + INGEST_BATCH.articles));
      else for (const d of docs) await s2.saveDoc(d);
      const m = t();
      if (run % 2 === 0 && m.cpu < stored.cpu) stored = m;
      if (run % 2 === 1 && m.cpu < storedOne.cpu) storedOne = m;
      await s2.close();
    }

    // baseline 2: naive storing, one autocommitted INSERT per row, no merging, no indexes
    const raw = new Database(join(dir, "naive.db"));
    raw.exec("CREATE TABLE a (id TEXT, doc TEXT); CREATE TABLE e (article TEXT, ev TEXT)");
    t = mark();
    for (const d of docs) {
      raw.prepare("INSERT INTO a VALUES (?, ?)").run(d.id, JSON.stringify(d));
      for (const e of d.events) raw.prepare("INSERT INTO e VALUES (?, ?)").run(d.id, JSON.stringify(e));
    }
    const naive = t();
    raw.close();

    const n = articles.length;
    const rate = (m: { wall: number; cpu: number }) =>
      `${(n / (m.cpu / 1000)).toFixed(1)} articles/s, ${(m.cpu / n).toFixed(2)} ms/article  [wall ${(n / (m.wall / 1000)).toFixed(1)}/s]`;
    console.log(`articles: ${n}; events stored: ${st.events} from ${st.eventSources} reports (merged ${st.eventSources - st.events})`);
    console.log(`read only:                 ${rate(read)}`);
    console.log(`end to end (ingest):       ${rate(e2e)}`);
    console.log(`  one transaction per article: ${rate(e2eOne)}`);
    const semi = process.execArgv.concat((process.env.NODE_OPTIONS ?? "").split(/\s+/)).find((f) => f.startsWith("--max-semi-space-size"));
    console.log(
      `  main-thread GC per ingest (${semi ?? "default young generation"}): ${(gc.young / 3).toFixed(0)} scavenges ${(gc.youngMs / 3).toFixed(0)} ms, ` +
        `${(gc.other / 3).toFixed(0)} other ${(gc.otherMs / 3).toFixed(0)} ms; peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`,
    );
    console.log(`baseline, extract only:    ${rate(extracted)}`);
    console.log(`store only (merge+store):  ${rate(stored)}   (${(extracted.cpu / stored.cpu).toFixed(1)}x faster than extraction; batches of ${INGEST_BATCH.articles})`);
    console.log(`  one transaction per article: ${rate(storedOne)}`);
    console.log(`baseline, naive autocommit inserts: ${rate(naive)}   (store only is ${(naive.cpu / stored.cpu).toFixed(2)}x its speed)`);
    console.log(`end to end / extract only: ${(extracted.cpu / e2e.cpu).toFixed(2)} (1.00 = storing costs nothing)`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}


/** One spawned `sitrep ingest` into a fresh database: whole-process wall/CPU, and the summary line. */
interface Spawned {
  wall: number;
  cpu?: number;
  ingestWall?: number;
  summary: string;
}

const TIME = existsSync("/usr/bin/time") ? "/usr/bin/time" : undefined;
/** The command prefix pinning a spawned ingest to one core (`--one-core`), when taskset works here. */
let pin: string[] = [];

function spawnIngest(root: string, input: string, db: string, okStatus = 0): Spawned {
  for (const x of ["", "-wal", "-shm"]) rmSync(db + x, { force: true });
  const args = ["bin/sitrep.js", "ingest", input, "--db", db, "--no-progress"];
  const command = [...pin, process.execPath, ...args];
  const t = performance.now();
  const r = TIME
    ? spawnSync(TIME, ["-f", "TIME %e %U %S", ...command], { cwd: root, encoding: "utf8" })
    : spawnSync(command[0], command.slice(1), { cwd: root, encoding: "utf8" });
  const wall = performance.now() - t;
  if (r.status !== okStatus) throw new Error(`${root}: sitrep ingest ${input} failed (${r.status}): ${r.stderr}`);
  const summary = /sitrep ingest: .*/.exec(r.stderr)?.[0] ?? "";
  const m = /TIME ([\d.]+) ([\d.]+) ([\d.]+)/.exec(r.stderr);
  const part = /\(([\d.]+) s\)$/.exec(summary);
  return {
    wall: m ? Number(m[1]) * 1000 : wall,
    cpu: m ? (Number(m[2]) + Number(m[3])) * 1000 : undefined,
    ingestWall: part ? Number(part[1]) * 1000 : undefined,
    summary,
  };
}

/** The Guardian articles ×copies: each copy with its own id, outlet and time, and one sentence left out. */
function largerInput(path: string, copies: number): number {
  const lines = readFileSync(GUARDIAN, "utf8").split("\n").filter((l) => l.trim());
  const out: string[] = [];
  for (let k = 0; k < copies; k++)
    for (const l of lines) {
      const rec = JSON.parse(l) as { id: string; outlet?: string; publishedAt?: string; text: string };
      if (k > 0) {
        const sentences = rec.text.split(/(?<=[.!?])\s+/);
        if (sentences.length > 1) sentences.splice((k * 7) % sentences.length, 1);
        rec.text = sentences.join(" ");
        rec.id = `${rec.id}-copy${k}`;
        rec.outlet = `${rec.outlet ?? "Wire"} ${k}`;
        // published k minutes later: a copy whose left-out sentence made it equal to another differs
        if (rec.publishedAt) rec.publishedAt = new Date(Date.parse(rec.publishedAt) + k * 60_000).toISOString().replace(".000Z", "Z");
      }
      out.push(JSON.stringify(rec));
    }
  writeFileSync(path, `${out.join("\n")}\n`);
  return out.length;
}

async function freshBench(): Promise<void> {
  console.log("\n## The real command in a fresh process: `node bin/sitrep.js ingest <input> --db <fresh db>` (what a user sees)");
  if (!existsSync(GUARDIAN)) {
    console.log(`skipped: ${GUARDIAN} is absent`);
    return;
  }
  const base = flag("--baseline");
  const pairs = Math.max(1, Number(flag("--pairs") ?? 1));
  const roots: [string, string][] = [["HEAD", process.cwd()]];
  if (base) {
    if (!existsSync(join(base, "bin", "sitrep.js"))) throw new Error(`--baseline ${base}: no bin/sitrep.js there`);
    roots.push(["baseline", resolve(base)]);
  }
  if (!TIME) console.log("(no /usr/bin/time: wall time only)");
  if (process.argv.includes("--one-core")) {
    const one = oneCorePrefix();
    pin = one.prefix;
    console.log(one.note);
  }
  const dir = mkdtempSync(join(tmpdir(), "sitrep-bench-fresh-"));
  try {
    const empty = join(dir, "empty.jsonl");
    writeFileSync(empty, "");
    const big = join(dir, "guardian-x10.jsonl");
    const nBig = largerInput(big, 10);
    const n233 = readFileSync(GUARDIAN, "utf8").split("\n").filter((l) => l.trim()).length;
    const inputs: [string, string, number][] = [
      ["empty input (process start, open, close)", empty, 0],
      [`${n233} Guardian articles`, resolve(GUARDIAN), n233],
      [`${nBig} articles (the 233 ×10, varied)`, big, nBig],
    ];
    const commit = (root: string) => {
      try {
        return execFileSync("git", ["-C", root, "rev-parse", "--short", "HEAD"], { encoding: "utf8" }).trim();
      } catch {
        return "?";
      }
    };
    for (const [name, root] of roots) console.log(`${name}: ${root} (${commit(root)})`);
    const results = new Map<string, Spawned[]>();
    // alternated: each input, then each checkout, `pairs` times
    for (let p = 0; p < pairs; p++)
      for (const [label, input, n] of inputs)
        for (const [name, root] of roots) {
          const r = spawnIngest(root, input, join(dir, "fresh.db"), n === 0 ? 1 : 0); // an empty input is one failed input
          const k = `${name}\u0000${label}`;
          results.set(k, [...(results.get(k) ?? []), r]);
          const cpu = r.cpu === undefined ? "" : `, CPU ${(r.cpu / 1000).toFixed(2)} s`;
          console.log(`  run ${p + 1} ${name.padEnd(8)} ${label.padEnd(40)} wall ${(r.wall / 1000).toFixed(2)} s${cpu}   ${r.summary.replace(/^sitrep ingest: /, "")}`);
        }
    const med = (xs: number[]) => {
      const s2 = [...xs].sort((a, b) => a - b);
      return s2[Math.floor((s2.length - 1) / 2)];
    };
    console.log(`\nmedians of ${pairs} run(s); the ingest part = the whole process less the empty input's (CPU) or the summary line's time (wall)`);
    for (const [name] of roots) {
      const start = results.get(`${name}\u0000${inputs[0][0]}`)!;
      const startCpu = TIME ? med(start.map((r) => r.cpu!)) : undefined;
      console.log(`${name}: process start + open + close on an empty input: wall ${(med(start.map((r) => r.wall)) / 1000).toFixed(2)} s${startCpu === undefined ? "" : `, CPU ${(startCpu / 1000).toFixed(2)} s`}`);
      for (const [label, , n] of inputs.slice(1)) {
        const rs = results.get(`${name}\u0000${label}`)!;
        const wall = med(rs.map((r) => r.wall));
        const partWall = med(rs.map((r) => r.ingestWall ?? Number.NaN));
        let line = `  ${label}: whole process ${(n / (wall / 1000)).toFixed(1)} articles/s wall`;
        if (TIME) {
          const cpu = med(rs.map((r) => r.cpu!));
          line += `, ${(n / (cpu / 1000)).toFixed(1)}/CPU-s (${(cpu / n).toFixed(1)} ms CPU/article)`;
          line += `; ingest part ${(n / (partWall / 1000)).toFixed(1)}/s wall, ${(n / ((cpu - startCpu!) / 1000)).toFixed(1)}/CPU-s (${((cpu - startCpu!) / n).toFixed(1)} ms CPU/article)`;
        } else line += `; ingest part ${(n / (partWall / 1000)).toFixed(1)}/s wall`;
        console.log(line);
      }
    }
    if (base && TIME)
      for (const [label, , n] of inputs.slice(1)) {
        const cpuOf = (name: string) => med(results.get(`${name}\u0000${label}`)!.map((r) => r.cpu!));
        const [h, b] = [cpuOf("HEAD"), cpuOf("baseline")];
        console.log(`${label}: whole-process CPU HEAD ${(h / 1000).toFixed(2)} s vs baseline ${(b / 1000).toFixed(2)} s (×${(b / h).toFixed(2)} faster; ${(n / (h / 1000)).toFixed(1)} vs ${(n / (b / 1000)).toFixed(1)} articles/CPU-s)`);
      }
    console.log("(CPU counts every thread of the process: V8 compiles optimised code and collects garbage on helper threads)");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const which = process.argv[2] ?? "all";
console.log(`# bench:store — sizes ${SIZES.join(", ")}; ${QUERIES} map queries per size (seeded), the no-index baseline on the first ${BASELINE_QUERIES}`);
if (which === "all" || which === "sqlite") await sqliteScaling();
if (which === "all" || which === "pg") await pgScaling();
if (which === "all" || which === "ingest") await ingestBench();
if (which === "all" || which === "ingest" || which === "fresh") await freshBench();
