// bench:api: the HTTP API under 50 concurrent keep-alive clients on loopback, with 100,000
// events in a temp SQLite store. Prints p50/p95/p99 latency and throughput per route, next to a
// same-run baseline (GET /api/health, which does not touch the store) and the ratio to it.
// The clients run in a child process (bench/api-load.ts: raw keep-alive sockets, as cheap as a
// load generator can be, since on a small machine its CPU is taken from the server's), so they
// share neither the server's event loop nor its CPU count: the server's CPU time per request
// (process.cpuUsage of this process) is printed too, the figure that stays put when the machine is
// busy and latencies wander, beside the client's own CPU per request and the answer's size.
// After the steady-state rows, the index's upkeep after a write (one event changed, then one map
// request) is measured on its own.
// --mode varied (the default) gives every request its own seeded random bbox, time window, type
// and actor, so the 5 s response cache cannot answer it; --mode repeat asks the same few URLs
// again and again (what many open pages of one analyst team look like: mostly cache hits).
// --db PATH reuses a store seeded by an earlier run (kept) instead of seeding a temp one.
// --routes REGEX runs only the routes whose label matches (and the baseline), e.g. to profile them.
// --compress always|never|auto (default auto: the server gzips big map answers except for loopback
// clients, so these clients get plain JSON; `always` gzips for them as for a remote browser).
//   npm run bench:api [-- --events 100000 --clients 50 --seconds 5 --mode varied|repeat --db /tmp/b.db --routes places --compress always --profile /tmp/api.cpuprofile --cache off]
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { Session } from "node:inspector";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { spawn } from "node:child_process";
import { buildApp } from "../src/api/app.js";
import { openStore } from "../src/store/index.js";
import { ACTORS, AREAS, rng, syntheticEvents } from "./api-data.js";
import type { LoadResult } from "./api-load.js";
import { EVENT_TYPES } from "../src/api/filters.js";

const { values } = parseArgs({
  options: { events: { type: "string", default: "100000" }, clients: { type: "string", default: "50" }, seconds: { type: "string", default: "5" }, mode: { type: "string", default: "varied" }, db: { type: "string" }, routes: { type: "string" }, compress: { type: "string", default: "auto" }, profile: { type: "string" }, cache: { type: "string", default: "on" } },
});
const N = Number(values.events);
const CLIENTS = Number(values.clients);
const SECONDS = Number(values.seconds);
const MODE = values.mode === "repeat" ? "repeat" : "varied";

// The load generator runs in its own process (bench/api-load.ts: raw keep-alive sockets, requests
// made once as bytes), so its CPU is neither the server's nor, as far as it can help, taken from it.
const LOAD_FILE = join(import.meta.dirname, "api-load.ts");

function runLoad(url: string, paths: string[], seconds = SECONDS): Promise<LoadResult & { serverCpuMs: number }> {
  return new Promise((resolve, reject) => {
    // The server is idle while the child starts, so counting from here counts the run's requests.
    const cpu0 = process.cpuUsage();
    const child = spawn(process.execPath, ["--import", "tsx", LOAD_FILE], { stdio: ["ignore", "inherit", "inherit", "ipc"] });
    child.once("message", (m) => {
      const c = process.cpuUsage(cpu0);
      resolve({ ...(m as LoadResult), serverCpuMs: (c.user + c.system) / 1000 });
    });
    child.once("error", reject);
    child.send({ url, paths, clients: CLIENTS, seconds });
  });
}

function pct(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
}

const dir = mkdtempSync(join(tmpdir(), "sitrep-bench-api-"));
const dbPath = values.db ?? join(dir, "bench.db");
const seeded = values.db !== undefined && existsSync(values.db);
const store = await openStore(dbPath);
let t0 = performance.now();
if (!seeded) await store.importEvents(syntheticEvents(N));
console.log(
  `bench:api: ${(await store.stats()).events.toLocaleString("en")} events ${seeded ? `in ${dbPath}` : `stored in ${((performance.now() - t0) / 1000).toFixed(1)} s`}; ${CLIENTS} clients, ${SECONDS} s per route`,
);
// The server starts loading the map's point index in the background; requests arriving meanwhile
// must not wait for it (only the request for every point does).
const COMPRESS = (["auto", "always", "never"] as const).find((c) => c === values.compress) ?? "auto";
console.log(
  `map answers gzipped: ${COMPRESS}${COMPRESS === "auto" ? " (not for these loopback clients, as for a browser on the server's machine; --compress always measures a remote browser's gzip)" : ""}`,
);
const app = await buildApp({ store, compress: COMPRESS, cache: values.cache !== "off" });
await app.listen({ port: 0, host: "127.0.0.1" });
const url = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
const timed = async (path: string) => {
  const t = performance.now();
  const r = await fetch(`${url}${path}`);
  await r.arrayBuffer();
  return `${path} ${(performance.now() - t).toFixed(0)} ms (${r.status})`;
};
t0 = performance.now();
const early = await Promise.all([
  timed("/api/health"),
  timed("/api/map/points?bbox=37,34,40,36&since=2017-05-01&until=2017-05-31"),
  timed("/api/map/points?actor=sdf&since=2017-02-01&until=2017-02-28"),
  timed("/api/map/points"),
]);
console.log(`right after start, while the point index loads: ${early.join("; ")}`);
await (await fetch(`${url}/api/map/points`)).arrayBuffer();
console.log(`map point index ready ${((performance.now() - t0) / 1000).toFixed(1)} s after start`);

const ids = (await store.queryEvents({ limit: 20000, withSources: false, sort: "date-asc" })).items.map((e) => e.id);
// --routes REGEX keeps the baseline and the routes whose label matches (to profile a few).
const only = values.routes ? new RegExp(values.routes, "i") : null;
const ROUTES: [string, string[]][] = (MODE === "repeat" ? repeatRoutes(ids) : variedRoutes(ids, 20000)).filter(([label], i) => i === 0 || !only || only.test(label));
console.log(
  MODE === "varied"
    ? "mode varied: each request has its own seeded random bbox / time window / type / actor (the response cache cannot answer); rows marked * have one URL, so the cache answers them"
    : "mode repeat: the same few URLs again and again (mostly answered by the 5 s response cache)",
);

/** The same few URLs per route: shows the response cache at work. */
function repeatRoutes(ids: string[]): [string, string[]][] {
  return [
    ["GET /api/health (baseline)", ["/api/health"]],
    ["GET /api/events?limit=50", ["/api/events?limit=50&withSources=false", "/api/events?limit=50"]],
    ["GET /api/events filtered (bbox/type/actor/dates)", ["/api/events?bbox=37,33,41,37&limit=50", "/api/events?type=Battles&since=2017-03-01&until=2017-03-31&limit=50", "/api/events?actor=sdf&limit=50", "/api/events?near=35.3,40.1,50&limit=50"]],
    ["GET /api/events/:id", ids.slice(0, 500).map((id) => `/api/events/${id}`)],
    ["GET /api/map/points?type=…&region=…", ["/api/map/points?type=Battles&region=SY", "/api/map/points?type=Riots", "/api/map/points?region=IQ"]],
    ["GET /api/timeline", ["/api/timeline", "/api/timeline?type=Battles"]],
    ["GET /api/stats", ["/api/stats"]],
    ["GET /api/actors, /api/places", ["/api/actors?limit=50", "/api/places?limit=100"]],
    ["GET /api/alerts", ["/api/alerts"]],
  ];
}

/** `n` distinct seeded URLs per route, each with its own filters, as analysts panning and filtering would send. */
function variedRoutes(ids: string[], n: number): [string, string[]][] {
  const r = rng(7);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
  const day = (i: number) => new Date(Date.UTC(2017, 0, 1) + i * 86400000).toISOString().slice(0, 10);
  const fix = (x: number) => x.toFixed(2);
  const bbox = () => {
    const a = pick(AREAS);
    const w = 0.3 + r() * 4;
    const h = 0.3 + r() * 3;
    const lon = a.lon + (r() - 0.5) * 2 * a.spread;
    const lat = a.lat + (r() - 0.5) * 2 * a.spread;
    return `${fix(lon - w / 2)},${fix(lat - h / 2)},${fix(lon + w / 2)},${fix(lat + h / 2)}`;
  };
  const window = () => {
    const from = Math.floor(r() * 330);
    return `since=${day(from)}&until=${day(from + 1 + Math.floor(r() * 60))}`;
  };
  const types = () => {
    const k = 1 + Math.floor(r() * 3);
    return [...new Set(Array.from({ length: k }, () => pick(EVENT_TYPES)))].map(encodeURIComponent).join(",");
  };
  const many = (f: () => string) => [...new Set(Array.from({ length: n }, f))];
  return [
    ["GET /api/health (baseline) *", ["/api/health"]],
    ["GET /api/events bbox+window", many(() => `/api/events?bbox=${bbox()}&${window()}&limit=50&withSources=${r() < 0.5}`)],
    ["GET /api/events type+actor+window", many(() => `/api/events?type=${types()}&actor=${pick(ACTORS)}&${window()}&limit=50`)],
    ["GET /api/events near", many(() => `/api/events?near=${fix(pick(AREAS).lat + (r() - 0.5) * 4)},${fix(pick(AREAS).lon + (r() - 0.5) * 4)},${5 + Math.floor(r() * 80)}&limit=50`)],
    ["GET /api/events/:id", ids.map((id) => `/api/events/${id}`)],
    ["GET /api/map/points bbox+window+type", many(() => `/api/map/points?bbox=${bbox()}&${window()}${r() < 0.5 ? `&type=${types()}` : ""}`)],
    ["GET /api/map/points region+window", many(() => `/api/map/points?region=${pick(AREAS).cc}&${window()}`)],
    ["GET /api/map/points actor+window", many(() => `/api/map/points?actor=${pick(ACTORS)}&${window()}`)],
    ["GET /api/timeline bbox+type", many(() => `/api/timeline?bbox=${bbox()}&type=${types()}`)],
    ["GET /api/places bbox", many(() => `/api/places?bbox=${bbox()}&limit=100`)],
    ["GET /api/stats *", ["/api/stats"]],
    ["GET /api/alerts (all, kind, since)", ["/api/alerts", "/api/alerts?kind=clash,racing", "/api/alerts?since=2017-12-01", "/api/alerts?kind=converging"]],
  ];
}

// Warm-up (not recorded): every route once under load, so the baseline is not the one paying for JIT.
await runLoad(url, ROUTES.flatMap(([, paths]) => paths.slice(-3)), 2);

// --profile FILE: a CPU profile of the server over the measured rows only (not the index's load).
const session = values.profile ? new Session() : null;
if (session) {
  session.connect();
  await new Promise((ok) => session.post("Profiler.enable", () => session.post("Profiler.start", ok)));
}
const rows: { route: string; n: number; rps: number; p50: number; p95: number; p99: number; errors: number; hits: number; cpu: number; client: number; kb: number }[] = [];
for (const [route, paths] of ROUTES) {
  const { lat, errors, hits, bytes, cpuMs, serverCpuMs } = await runLoad(url, paths);
  lat.sort((a, b) => a - b);
  const n = Math.max(1, lat.length);
  rows.push({ route, n: lat.length, rps: lat.length / SECONDS, p50: pct(lat, 0.5), p95: pct(lat, 0.95), p99: pct(lat, 0.99), errors, hits, cpu: serverCpuMs / n, client: cpuMs / n, kb: bytes / n / 1024 });
}
if (session) {
  const { profile } = await new Promise<{ profile: object }>((ok, fail) => session.post("Profiler.stop", (err, res) => (err ? fail(err) : ok(res))));
  writeFileSync(values.profile as string, JSON.stringify(profile));
  session.disconnect();
}
const base = rows[0];
console.log(
  `${"route".padEnd(40)} ${"req/s".padStart(6)} ${"p50 ms".padStart(7)} ${"p95 ms".padStart(7)} ${"p99 ms".padStart(7)} ${"p95/base".padStart(8)} ${"server cpu ms/req".padStart(17)} ${"cpu/base".padStart(8)} ${"client cpu".padStart(10)} ${"KB/answer".padStart(9)} ${"cached".padStart(6)} errors`,
);
for (const r of rows) {
  console.log(
    `${r.route.padEnd(40)} ${r.rps.toFixed(0).padStart(6)} ${r.p50.toFixed(1).padStart(7)} ${r.p95.toFixed(1).padStart(7)} ${r.p99.toFixed(1).padStart(7)} ${(r.p95 / base.p95).toFixed(1).padStart(7)}x ${r.cpu.toFixed(3).padStart(17)} ${(r.cpu / base.cpu).toFixed(1).padStart(7)}x ${r.client.toFixed(3).padStart(10)} ${r.kb.toFixed(1).padStart(9)} ${`${Math.round((100 * r.hits) / Math.max(1, r.n))}%`.padStart(6)} ${r.errors}`,
  );
}
console.log("server cpu: this process (fastify and the index) per answered request; client cpu: the load generator's process per request; both user+system");

// Upkeep after a write: one stored event changes (re-imported as it is: a new version in the
// change feed). What the server does at once on the change (the index reads the change feed; other
// listeners such as alerts do their own work) is measured over the 300 ms after the write; the next
// map request then pays for the index's new columns. Both apart from the steady state above, as
// server CPU, median of several changes.
{
  const again = syntheticEvents(Math.min(N, 50));
  const onChange: number[] = [];
  const firstRequest: number[] = [];
  const path = "/api/map/points?region=SY&since=2017-03-01&until=2017-04-15";
  await (await fetch(`${url}${path}`)).arrayBuffer();
  for (let k = 0; k < 7; k++) {
    await store.importEvents([again[k % again.length]]);
    let c0 = process.cpuUsage();
    await new Promise((r) => setTimeout(r, 300));
    let c = process.cpuUsage(c0);
    onChange.push((c.user + c.system) / 1000);
    c0 = process.cpuUsage();
    await (await fetch(`${url}${path}`)).arrayBuffer();
    c = process.cpuUsage(c0);
    firstRequest.push((c.user + c.system) / 1000);
  }
  const med = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)].toFixed(1);
  console.log(
    `after one changed event (median of 7): ${med(onChange)} ms server CPU at the change (change feed read, alerts …), then ${med(firstRequest)} ms for the first map request (the index's new columns + the answer); steady-state answers are the rows above`,
  );
}
await app.close();
await store.close();
rmSync(dir, { recursive: true, force: true });
