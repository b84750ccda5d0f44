// The REST API against a real temp SQLite store, through fastify's inject (and real HTTP for the
// live stream): filters, detail routes, validation, the one error shape, headers and limits.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { get } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { after, before, describe, test } from "node:test";
import type { FastifyInstance } from "fastify";
import { buildApp } from "../../src/api/app.js";
import { toErrorBody } from "../../src/api/errors.js";
import { decodeMapAnswer } from "../../src/api/map-answer.js";
import { openStore } from "../../src/store/index.js";
import type { Store } from "../../src/store/types.js";
import { syntheticEvents } from "../../bench/api-data.js";
import { deirEzzor, report, SDF, talAfar } from "./fixture.js";

let dir: string;
let store: Store;
let app: FastifyInstance;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), "sitrep-api-"));
  store = await openStore(join(dir, "api.db"));
  await store.saveDoc(deirEzzor());
  await store.saveDoc(talAfar());
  app = await buildApp({ store, webRoot: join(dir, "no-web") });
});

after(async () => {
  await app.close();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

async function getJson(url: string) {
  const r = await app.inject({ method: "GET", url });
  return { status: r.statusCode, body: r.json(), headers: r.headers };
}

describe("events", () => {
  test("lists events with their sources and a total", async () => {
    const { status, body } = await getJson("/api/events");
    assert.equal(status, 200);
    assert.equal(body.total, 2);
    const battle = body.items.find((e: { eventType: string }) => e.eventType === "Battles");
    assert.equal(battle.actor1, "sdf");
    assert.equal(battle.place.name, "Deir Ezzor");
    assert.equal(battle.sources.length, 1);
    assert.match(battle.sources[0].sentence.text, /launched an offensive/);
  });

  test("filters by type, actor, bbox, near, region, source and date like the CLI", async () => {
    const ids = async (qs: string) => ((await getJson(`/api/events?${qs}`)).body.items as { place: { name: string } }[]).map((e) => e.place.name).sort();
    assert.deepEqual(await ids("type=Battles"), ["Deir Ezzor"]);
    assert.deepEqual(await ids("type=Battles,Explosions%2FRemote%20violence"), ["Deir Ezzor", "Tal Afar"]);
    assert.deepEqual(await ids("actor=iraq-army"), ["Tal Afar"]);
    assert.deepEqual(await ids("actor=usa&includeBacked=true"), ["Deir Ezzor"]);
    assert.deepEqual(await ids("bbox=41,35,44,38"), ["Tal Afar"]);
    assert.deepEqual(await ids("near=35.3,40.1,30"), ["Deir Ezzor"]);
    assert.deepEqual(await ids("region=IQ"), ["Tal Afar"]);
    assert.deepEqual(await ids("region=SY-DY"), ["Deir Ezzor"]);
    assert.deepEqual(await ids("source=Other%20Daily"), ["Tal Afar"]);
    assert.deepEqual(await ids("since=2017-09-01"), ["Deir Ezzor"]);
    assert.deepEqual(await ids("until=2017-08-31"), ["Tal Afar"]);
  });

  test("one event with every source; 404 for an unknown id", async () => {
    const list = (await getJson("/api/events?type=Battles")).body.items;
    const { status, body } = await getJson(`/api/events/${list[0].id}`);
    assert.equal(status, 200);
    assert.equal(body.sources[0].outlet, "Example Wire");
    const missing = await getJson("/api/events/987654");
    assert.equal(missing.status, 404);
    assert.deepEqual(Object.keys(missing.body), ["error"]);
    assert.equal(missing.body.error.code, "NOT_FOUND");
  });

  test("map points come in the compact form, which decodes to aligned columns", async () => {
    const { body: wire } = await getJson("/api/map/points");
    assert.deepEqual(Object.keys(wire), ["count", "truncated", "types", "places", "dates", "runs", "points"], "the compact answer's fields");
    assert.equal(wire.points.length, 4 * wire.count, "four numbers per point");
    const body = decodeMapAnswer(wire);
    assert.equal(body.count, 2);
    for (const k of ["id", "lon", "lat", "type", "sources", "date"] as const) assert.equal(body[k].length, 2, k);
    const i = body.date.indexOf("2017-09-09");
    assert.equal(body.types[body.type[i]], "Battles");
    assert.equal(body.lat[i], 35.336);
  });

  test("big map answers travel gzipped to clients that accept it, except on this machine", async () => {
    const many = Array.from({ length: 400 }, (_, i) =>
      report({
        id: `bulk-${i}`,
        outlet: "Bulk Wire",
        publishedAt: "2017-10-01T08:00:00Z",
        sentence: `Clashes erupted between Isis and the Syrian Democratic Forces in Village ${i} on Sunday.`,
        trigger: "Clashes erupted",
        eventType: "Battles",
        subEventType: "Armed clash",
        actor1: { id: "isis", name: "Isis", kind: "jihadist-group" },
        actor2: SDF,
        place: { name: `Village ${i}`, lat: 30 + (i % 20) * 0.5, lon: 30 + Math.floor(i / 20) * 0.5, country: "SY", geonameId: 9_000_000 + i },
        date: new Date(Date.UTC(2017, 0, 1 + i)).toISOString().slice(0, 10),
      }),
    );
    const bulkDir = mkdtempSync(join(tmpdir(), "sitrep-api-gz-"));
    const bulk = await openStore(join(bulkDir, "gz.db"));
    try {
      for (const d of many) await bulk.saveDoc(d);
      const gzApp = await buildApp({ store: bulk, webRoot: join(bulkDir, "no-web") });
      // A browser on another machine (a documentation address) gets gzip; one on loopback does not.
      const r = await gzApp.inject({ method: "GET", url: "/api/map/points", headers: { "accept-encoding": "gzip" }, remoteAddress: "192.0.2.7" });
      assert.equal(r.headers["content-encoding"], "gzip", "gzipped for a remote client");
      const local = await gzApp.inject({ method: "GET", url: "/api/map/points?type=Battles", headers: { "accept-encoding": "gzip" }, remoteAddress: "127.0.0.1" });
      assert.equal(local.headers["content-encoding"], undefined, "not gzipped on loopback");
      assert.equal(local.json().count, (await bulk.stats()).events, "the loopback answer is the plain JSON");
      const body = JSON.parse(gunzipSync(r.rawPayload).toString("utf8"));
      const stored = (await bulk.stats()).events;
      assert.ok(stored > 300, `${stored} events stored`);
      assert.equal(body.count, stored);
      const plain = await gzApp.inject({ method: "GET", url: "/api/map/points" });
      assert.equal(plain.headers["content-encoding"], undefined);
      assert.equal(plain.json().count, stored);
      await gzApp.close();
    } finally {
      await bulk.close();
      rmSync(bulkDir, { recursive: true, force: true });
    }
  });

  test("the map's point index answers type, time, bbox, region and actor filters as the store does", async () => {
    const idxDir = mkdtempSync(join(tmpdir(), "sitrep-api-idx-"));
    const synth = await openStore(join(idxDir, "idx.db"));
    try {
      await synth.importEvents(syntheticEvents(3000, 11));
      const idxApp = await buildApp({ store: synth, webRoot: join(idxDir, "no-web"), cache: false });
      const filters = [
        "type=Battles,Riots",
        "since=2017-03-01&until=2017-03-31",
        "since=2017-06-15&until=2017-06-15",
        "bbox=37,33,41,37&type=Protests",
        "region=SY&since=2017-02-01&until=2017-05-01",
        "actor=sdf",
        "actor=isis&since=2017-08-01&until=2017-09-30&bbox=36,30,46,38",
        "actor=nobody-at-all",
      ];
      for (const f of filters) {
        const fromIndex = decodeMapAnswer((await idxApp.inject({ method: "GET", url: `/api/map/points?${f}` })).json());
        // minSources=1 matches every event but is not an index filter: the store answers it.
        const fromStore = decodeMapAnswer((await idxApp.inject({ method: "GET", url: `/api/map/points?${f}&minSources=1` })).json());
        assert.ok(fromStore.count > 0 || f.includes("nobody"), `${f}: the store finds events (${fromStore.count})`);
        assert.equal(fromIndex.count, fromStore.count, `${f}: same number of points`);
        assert.deepEqual([...fromIndex.id].sort(), [...fromStore.id].sort(), `${f}: same events`);
        assert.deepEqual(fromIndex.date, [...fromIndex.date].sort(), `${f}: index answer sorted by date`);
      }
      await idxApp.close();
    } finally {
      await synth.close();
      rmSync(idxDir, { recursive: true, force: true });
    }
  });

  test("timeline by day, and by region", async () => {
    const all = (await getJson("/api/timeline")).body;
    assert.deepEqual(
      all.map((b: { bucket: string; total: number }) => [b.bucket, b.total]),
      [
        ["2017-08-26", 1],
        ["2017-09-09", 1],
      ],
    );
    const sy = (await getJson("/api/timeline?region=SY")).body;
    assert.deepEqual(sy.map((b: { bucket: string }) => b.bucket), ["2017-09-09"]);
  });
});

describe("validation and errors", () => {
  for (const [qs, what] of [
    ["type=Bogus", "unknown event type"],
    ["bbox=1,2,3", "bbox"],
    ["near=95,0,10", "near"],
    ["since=yesterday", "since"],
    ["limit=100000", "limit"],
    ["region=ZZ-QQQ", "region"],
    ["since=2018-01-01&until=2017-01-01", "after"],
    ["colour=red", "colour"],
  ]) {
    test(`400 with a clear message: ${qs}`, async () => {
      const { status, body } = await getJson(`/api/events?${qs}`);
      assert.equal(status, 400);
      assert.equal(body.error.code, "BAD_REQUEST");
      assert.ok(body.error.message.toLowerCase().includes(what.toLowerCase()), body.error.message);
      assert.doesNotMatch(JSON.stringify(body), /\bat .*\.(ts|js):\d+/);
    });
  }

  test("unknown routes answer JSON 404", async () => {
    const { status, body } = await getJson("/api/nothing-here");
    assert.equal(status, 404);
    assert.equal(body.error.code, "NOT_FOUND");
  });

  test("an unexpected failure becomes a 500 without the stack or the message", () => {
    const err = new Error("SQLITE_CORRUPT: database disk image is malformed at /home/x/secret.db");
    const { status, body } = toErrorBody(err);
    assert.equal(status, 500);
    assert.equal(body.error.code, "INTERNAL");
    assert.doesNotMatch(JSON.stringify(body), /secret|SQLITE|at /);
  });

  test("malformed JSON and oversized bodies", async () => {
    const bad = await app.inject({ method: "POST", url: "/api/ingest", headers: { "content-type": "application/json" }, payload: "{not json" });
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json().error.code, "BAD_REQUEST");
    const big = await app.inject({ method: "POST", url: "/api/ingest", payload: { text: "word ".repeat(1_200_000) } });
    assert.equal(big.statusCode, 413);
    assert.equal(big.json().error.code, "PAYLOAD_TOO_LARGE");
    const none = await app.inject({ method: "POST", url: "/api/ingest", payload: {} });
    assert.equal(none.statusCode, 400);
    assert.match(none.json().error.message, /exactly one of text, html or url/);
  });

  test("every response carries the Content-Security-Policy and nosniff", async () => {
    for (const url of ["/api/health", "/api/nothing", "/api/events?type=Bogus"]) {
      const r = await app.inject({ method: "GET", url });
      assert.match(String(r.headers["content-security-policy"]), /script-src 'self'/);
      assert.doesNotMatch(String(r.headers["content-security-policy"]), /unsafe-inline|unsafe-eval/);
      assert.equal(r.headers["x-content-type-options"], "nosniff");
    }
  });

  test("static files cannot escape the web root", async () => {
    for (const url of ["/../package.json", "/%2e%2e/package.json", "/..%2fpackage.json"]) {
      const r = await app.inject({ method: "GET", url });
      assert.ok(r.statusCode === 404 || r.statusCode === 400, `${url}: ${r.statusCode}`);
      assert.doesNotMatch(r.body, /"name": ?"sitrep"/);
    }
  });
});

describe("articles, actors, places, search, docs", () => {
  test("article detail has the document and global event ids", async () => {
    const list = (await getJson("/api/articles")).body.items;
    assert.equal(list.length, 2);
    const a = list.find((x: { outlet: string }) => x.outlet === "Example Wire");
    const { body } = await getJson(`/api/articles/${encodeURIComponent(a.id)}`);
    assert.equal(body.doc.events.length, 1);
    assert.equal(body.eventIds.length, 1);
    assert.match(body.doc.article.body, /Deir Ezzor/);
    assert.equal((await getJson("/api/articles/nope")).status, 404);
  });

  test("actor profile with sponsors, and the graph with a backed-by edge", async () => {
    const sdf = (await getJson("/api/actors/sdf")).body;
    assert.equal(sdf.name, SDF.name);
    assert.deepEqual(sdf.sponsors.map((s: { actor: string }) => s.actor), ["usa"]);
    const g = (await getJson("/api/graph")).body;
    assert.ok(g.edges.some((e: { source: string; target: string; type: string }) => e.source === "sdf" && e.target === "usa" && e.type === "backed-by"));
    assert.ok(g.nodes.some((n: { id: string }) => n.id === "isis"));
    assert.equal((await getJson("/api/graph?types=friends")).status, 400);
  });

  test("places and full-text search", async () => {
    const places = (await getJson("/api/places")).body.items.map((p: { name: string }) => p.name).sort();
    assert.deepEqual(places, ["Deir Ezzor", "Tal Afar"]);
    const hits = (await getJson("/api/search?q=air%20strike")).body.items;
    assert.equal(hits.length, 1);
    assert.equal(hits[0].article.outlet, "Other Daily");
    assert.equal((await getJson("/api/search")).status, 400);
  });

  test("the OpenAPI document lists every API route with its parameters", async () => {
    const doc = (await getJson("/api/openapi.json")).body;
    assert.equal(doc.openapi, "3.1.0");
    for (const p of ["/api/events", "/api/events/{id}", "/api/articles/{id}", "/api/actors/{id}", "/api/graph", "/api/places", "/api/search", "/api/timeline", "/api/ingest", "/api/stream", "/api/stats"]) {
      assert.ok(doc.paths[p], p);
    }
    const names = doc.paths["/api/events"].get.parameters.map((x: { name: string }) => x.name);
    for (const n of ["since", "until", "bbox", "near", "actor", "includeBacked", "type", "source", "region"]) assert.ok(names.includes(n), n);
    assert.ok(doc.paths["/api/ingest"].post.requestBody);
  });

  test("a country's admin-1 regions, usable as the region filter", async () => {
    const { body } = await getJson("/api/regions?country=sy");
    const dy = body.items.find((x: { code: string }) => x.code === "SY-DY");
    assert.ok(dy, "Deir ez-Zor governorate is listed");
    assert.ok(body.items.every((x: { code: string }) => x.code.startsWith("SY-")));
    const inside = (await getJson(`/api/events?region=${dy.code}`)).body.items;
    assert.deepEqual(inside.map((e: { place: { name: string } }) => e.place.name), ["Deir Ezzor"]);
    assert.equal((await getJson("/api/regions")).status, 400);
  });

  test("base map layers are GeoJSON from local data", async () => {
    const r = await app.inject({ method: "GET", url: "/api/basemap/countries.geojson" });
    assert.equal(r.statusCode, 200);
    const fc = r.json();
    assert.equal(fc.type, "FeatureCollection");
    assert.ok(fc.features.some((f: { properties: { name: string } }) => f.properties.name === "Syria"));
    assert.equal((await app.inject({ method: "GET", url: "/api/basemap/tiles.pbf" })).statusCode, 400);
  });
});

describe("ingest", () => {
  test("URL ingest refuses private addresses unless the server allows them", async () => {
    const r = await app.inject({ method: "POST", url: "/api/ingest", payload: { url: "http://127.0.0.1:9/article" } });
    assert.equal(r.statusCode, 422);
    assert.match(r.json().error.message, /URL_REFUSED/);
    const r2 = await app.inject({ method: "POST", url: "/api/ingest", payload: { url: "file:///etc/passwd" } });
    assert.equal(r2.statusCode, 400);
  });

  test("pasted text is read, extracted and stored", async () => {
    const text =
      "Rebels seize town in northern Syria\n\nSyrian rebels captured the town of Saraqib from government forces on Tuesday after two days of fighting, a monitoring group said.\n\nThe Syrian Observatory for Human Rights said at least 20 fighters were killed.";
    const r = await app.inject({ method: "POST", url: "/api/ingest", payload: { text, name: "saraqib.txt", publishedAt: "2018-02-06T12:00:00Z" } });
    assert.equal(r.statusCode, 200, r.body);
    const [a] = r.json().articles;
    assert.equal(a.status, "inserted");
    const stored = (await getJson(`/api/articles/${encodeURIComponent(a.articleId)}`)).body;
    assert.match(stored.doc.article.body, /Saraqib/);
    const again = await app.inject({ method: "POST", url: "/api/ingest", payload: { text, name: "saraqib.txt", publishedAt: "2018-02-06T12:00:00Z" } });
    assert.equal(again.json().articles[0].status, "unchanged");
  });
});

describe("live stream", () => {
  test("new events reach an open SSE connection", async () => {
    const live = await buildApp({ store, webRoot: join(dir, "no-web") });
    await live.listen({ port: 0, host: "127.0.0.1" });
    const port = (live.server.address() as { port: number }).port;
    const chunks: string[] = [];
    const got = new Promise<string>((resolve, reject) => {
      const req = get({ host: "127.0.0.1", port, path: "/api/stream", headers: { accept: "text/event-stream" } }, (res) => {
        assert.equal(res.headers["content-type"], "text/event-stream; charset=utf-8");
        res.setEncoding("utf8");
        res.on("data", (c: string) => {
          chunks.push(c);
          const all = chunks.join("");
          if (all.includes("event: hello") && !all.includes("event: events")) {
            void store.saveDoc(
              report({
                ...{ id: "live-1", outlet: "Live Wire", publishedAt: "2017-09-20T10:00:00Z" },
                sentence: "Isis fighters attacked Syrian Democratic Forces positions in Raqqa on Wednesday.",
                trigger: "attacked",
                eventType: "Battles",
                subEventType: "Armed clash",
                actor1: { id: "isis", name: "Isis", kind: "jihadist-group" },
                actor2: SDF,
                place: { name: "Raqqa", lat: 35.95, lon: 39.01, country: "SY", geonameId: 163915 },
                date: "2017-09-20",
              }),
            );
          }
          const m = all.match(/event: events\ndata: (.*)\n/);
          if (m) {
            req.destroy();
            resolve(m[1]);
          }
        });
      });
      req.on("error", reject);
      setTimeout(() => reject(new Error(`no events message; got ${chunks.join("")}`)), 8000);
    });
    const data = JSON.parse(await got);
    assert.ok(data.events.some((e: { place?: { name: string } }) => e.place?.name === "Raqqa"));
    assert.ok(data.cursor > 0);
    await live.close();
  });
});
