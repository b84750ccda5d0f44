// The HTTP side over a real SQLite store and real HTTP (fastify inject): alerts, accounts with
// cookies and CSRF, rate-limited logins, comments as text, private notes, review + export,
// subscriptions scoped to their owner, the notification stream, the feed; and the API server
// registering the plugin.
import assert from "node:assert/strict";
import { test } from "node:test";
import Fastify, { type FastifyInstance } from "fastify";
import { alertsPlugin } from "../../src/alerts/routes.js";
import { createServices } from "../../src/alerts/services.js";
import { fakeClock, tempDb } from "../accounts/helpers.js";
import { docFor } from "./docs.js";
import { ev, P, seedActors, seedRelations } from "./seed-situation.js";

async function setup() {
  const t = await tempDb("sqlite");
  const c = fakeClock();
  const svc = createServices(t.store, { clock: c.clock, scrypt: { logN: 12, r: 8, p: 1 }, loginLimits: { maxFailures: 3 }, allowPrivateWebhooks: true });
  const app = Fastify();
  await app.register(alertsPlugin, { store: t.store, services: svc, autoStart: false });
  await app.ready();
  return {
    t,
    c,
    svc,
    app,
    done: async () => {
      await app.close();
      await t.done();
    },
  };
}

/** A tiny cookie jar over inject. */
class Client {
  cookies = new Map<string, string>();
  csrf = "";
  constructor(private app: FastifyInstance) {}
  async req(method: string, url: string, payload?: unknown, headers: Record<string, string> = {}) {
    const res = await this.app.inject({
      method: method as "GET",
      url,
      payload: payload as object,
      headers: {
        cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; "),
        ...(this.csrf ? { "x-csrf-token": this.csrf } : {}),
        ...headers,
      },
    });
    for (const sc of ([] as string[]).concat((res.headers["set-cookie"] as string | string[] | undefined) ?? [])) {
      const [kv] = sc.split(";");
      const [k, v] = kv!.split("=");
      if (v) this.cookies.set(k!, v);
      else this.cookies.delete(k!);
    }
    return res;
  }
  async register(email: string, name: string) {
    const r = await this.req("POST", "/api/auth/register", { email, displayName: name, password: "a long enough passphrase" });
    assert.equal(r.statusCode, 201, r.body);
    this.csrf = r.json().csrfToken;
    return r.json().user;
  }
}

test("accounts over HTTP: cookies, CSRF, rate limit, roles", async () => {
  const { app, done } = await setup();
  const ana = new Client(app);
  const r = await ana.req("POST", "/api/auth/register", { email: "ana@example.org", displayName: "Ana", password: "a long enough passphrase" });
  assert.equal(r.statusCode, 201);
  const setCookie = ([] as string[]).concat(r.headers["set-cookie"] as string[]);
  const session = setCookie.find((s) => s.startsWith("sitrep_session="))!;
  assert.match(session, /HttpOnly/);
  assert.match(session, /SameSite=Strict/);
  assert.doesNotMatch(session, /Secure/, "plain http in the test");
  assert.match(setCookie.find((s) => s.startsWith("sitrep_csrf="))!, /SameSite=Strict/);
  const me = await ana.req("GET", "/api/auth/me");
  assert.equal(me.json().user.role, "admin");
  ana.csrf = me.json().csrfToken;
  // https (behind a proxy that says so) gets Secure cookies.
  const secureApp = Fastify({ trustProxy: true });
  await secureApp.register(alertsPlugin, { store: (await tempDb("sqlite")).store, autoStart: false, scrypt: { logN: 12, r: 8, p: 1 } });
  const sr = await secureApp.inject({ method: "POST", url: "/api/auth/register", headers: { "x-forwarded-proto": "https" }, payload: { email: "x@example.org", displayName: "X", password: "a long enough passphrase" } });
  assert.match(([] as string[]).concat(sr.headers["set-cookie"] as string[])[0]!, /; Secure/);
  await secureApp.close();

  // CSRF: a signed-in write without the token, or from another origin, is refused.
  const noToken = await ana.req("POST", "/api/notes", { targetKind: "actor", targetId: "sdf", body: "x" }, { "x-csrf-token": "" });
  assert.equal(noToken.statusCode, 403);
  assert.match(noToken.json().error.message, /X-CSRF-Token/);
  const crossOrigin = await ana.req("POST", "/api/notes", { targetKind: "actor", targetId: "sdf", body: "x" }, { origin: "https://evil.example" });
  assert.equal(crossOrigin.statusCode, 403);
  const crossSite = await ana.req("POST", "/api/auth/login", { email: "ana@example.org", password: "a long enough passphrase" }, { "sec-fetch-site": "cross-site" });
  assert.equal(crossSite.statusCode, 403);
  const ok = await ana.req("POST", "/api/notes", { targetKind: "actor", targetId: "sdf", body: "x" }, { origin: "http://localhost:80" });
  assert.equal(ok.statusCode, 201, ok.body);

  // Wrong passwords: 401, then 429 with Retry-After.
  const eve = new Client(app);
  for (let i = 0; i < 3; i++) assert.equal((await eve.req("POST", "/api/auth/login", { email: "ana@example.org", password: `guess number ${i}` })).statusCode, 401);
  const locked = await eve.req("POST", "/api/auth/login", { email: "ana@example.org", password: "a long enough passphrase" });
  assert.equal(locked.statusCode, 429);
  assert.ok(Number(locked.headers["retry-after"]) > 0);
  assert.equal(locked.json().error.code, "TOO_MANY_REQUESTS");

  // Roles: a reader cannot review or list users.
  const bo = new Client(app);
  const boUser = await bo.register("bo@example.org", "Bo");
  assert.equal((await bo.req("GET", "/api/users")).statusCode, 403);
  assert.equal((await bo.req("POST", "/api/alerts/coalitions/overrides", { actorId: "sdf", coalitionId: null })).statusCode, 403);
  assert.equal((await ana.req("POST", `/api/users/${boUser.id}/role`, { role: "analyst" })).json().role, "analyst");
  assert.equal((await new Client(app).req("GET", "/api/subscriptions")).statusCode, 401);
  // Logout ends the session.
  await bo.req("POST", "/api/auth/logout");
  assert.equal((await bo.req("GET", "/api/auth/me")).statusCode, 401);
  await done();
});

test("alerts, comments as text, private notes and subscriptions over HTTP; review shows in the export", async () => {
  const { t, app, svc, done } = await setup();
  const ids: string[] = [];
  const evs = [
    ev("2017-09-01", "Armed clash", "sdf", "isis", P.abuKhashab),
    ev("2017-09-02", "Armed clash", "syria-gov-forces", "isis", P.shula),
    ev("2017-09-05", "Government regains territory", "syria-gov-forces", "isis", P.deirEzzor),
    ev("2017-09-09", "Armed clash", "dmc", "isis", P.industrialZone),
    ev("2017-09-08", "Armed clash", "sdf", "syria-gov-forces", P.raqqa),
  ];
  for (const [i, e] of evs.entries()) ids.push(...(await t.store.saveDoc(docFor(e, seedActors(), seedRelations(), i))).eventIds);
  const anon = new Client(app);
  const alerts = await anon.req("GET", "/api/alerts?until=2017-09-10");
  assert.equal(alerts.statusCode, 200, alerts.body);
  assert.deepEqual(alerts.json().items.map((a: { kind: string }) => a.kind).sort(), ["clash", "converging", "racing"]);
  assert.deepEqual((await anon.req("GET", "/api/alerts?until=2017-09-10&kind=clash")).json().items.length, 1);
  assert.equal((await anon.req("GET", "/api/alerts?distanceKm=-3")).statusCode, 400);
  assert.equal((await anon.req("GET", "/api/alerts?kind=war")).statusCode, 400);
  const co = (await anon.req("GET", "/api/alerts/coalitions")).json();
  assert.ok(co.coalitions.find((c: { id: string }) => c.id === "us-backed").members.some((m: { actorId: string }) => m.actorId === "dmc"));
  const areas = (await anon.req("GET", "/api/alerts/areas?asOf=2017-09-10&coalition=us-backed")).json();
  assert.equal(areas.type, "FeatureCollection");
  assert.ok(areas.features.length >= 2);
  assert.equal(areas.features[0].geometry.type, "Polygon");

  const ana = new Client(app);
  await ana.register("ana@example.org", "Ana");
  const cy = new Client(app);
  await cy.register("cy@example.org", "Cy");

  // Comments are text.
  const c = await cy.req("POST", "/api/comments", { targetKind: "event", targetId: ids[4], body: "<script>alert(1)</script> shot down?" });
  assert.equal(c.statusCode, 201);
  const thread = await anon.req("GET", `/api/comments?targetKind=event&targetId=${ids[4]}`);
  assert.match(thread.headers["content-type"] as string, /application\/json/);
  assert.equal(thread.json().items[0].body, "<script>alert(1)</script> shot down?");
  assert.equal((await anon.req("POST", "/api/comments", { targetKind: "event", targetId: "1", body: "hi" })).statusCode, 401);

  // Notes and subscriptions are private.
  const note = (await cy.req("POST", "/api/notes", { targetKind: "event", targetId: ids[4], body: "ask SOHR" })).json();
  assert.deepEqual((await ana.req("GET", "/api/notes")).json().items, []);
  assert.equal((await ana.req("PATCH", `/api/notes/${note.id}`, { body: "mine" })).statusCode, 404);
  const sub = (await cy.req("POST", "/api/subscriptions", { spec: { kind: "region", center: { lat: 35.33, lon: 40.14, name: "Deir ez-Zor" }, radiusKm: 30 } })).json();
  assert.equal((await ana.req("GET", `/api/subscriptions/${sub.id}`)).statusCode, 404);
  assert.equal((await ana.req("DELETE", `/api/subscriptions/${sub.id}`)).statusCode, 404);
  assert.equal((await ana.req("GET", `/api/subscriptions/${sub.id}/deliveries`)).statusCode, 404);
  assert.deepEqual((await ana.req("GET", "/api/subscriptions")).json().items, []);
  assert.equal((await cy.req("GET", `/api/subscriptions/${sub.id}`)).json().name, "30 km around Deir ez-Zor");
  assert.equal((await cy.req("POST", "/api/subscriptions", { spec: { kind: "region" } })).statusCode, 400);

  // New events reach the subscriber: notifications list and feed.
  await svc.start();
  await t.store.saveDoc(docFor(ev("2017-09-12", "Air/drone strike", "russia", "isis", P.jafra), seedActors(), seedRelations(), 99));
  await svc.pump();
  const notes = (await cy.req("GET", "/api/notifications")).json().items;
  assert.ok(notes.some((n: { itemKind: string; title: string }) => n.itemKind === "event" && /Air\/drone strike: Russia vs Islamic State at Al-Jafra/.test(n.title)), JSON.stringify(notes));
  const feedToken = (await cy.req("GET", "/api/auth/me")).json().feedToken;
  const atom = await anon.req("GET", `/api/feed/${feedToken}.atom`);
  assert.equal(atom.statusCode, 200);
  assert.match(atom.headers["content-type"] as string, /atom\+xml/);
  assert.match(atom.body, /at Al-Jafra/);
  assert.equal((await anon.req("GET", "/api/feed/not-a-real-token-123.atom")).statusCode, 404);
  svc.stop();

  // Review: analysts only; the correction shows in the reviewed export, with who.
  assert.equal((await cy.req("POST", `/api/reviews/${ids[4]}`, { action: "accept" })).statusCode, 403);
  const rv = await ana.req("POST", `/api/reviews/${ids[4]}`, { action: "correct", changes: { date: "2017-09-07", fatalities: 0 }, note: "plane was downed on the 7th" });
  assert.equal(rv.statusCode, 201, rv.body);
  assert.deepEqual(rv.json().changes.date, { from: "2017-09-08", to: "2017-09-07" });
  assert.equal((await ana.req("POST", "/api/reviews/999999", { action: "accept" })).statusCode, 404);
  const exp = await anon.req("GET", "/api/export/reviewed");
  const lines = exp.body.trim().split("\n").map((l) => JSON.parse(l));
  assert.equal(lines.length, 1);
  assert.equal(lines[0].id, ids[4]);
  assert.equal(lines[0].date, "2017-09-07");
  assert.equal(lines[0].fatalities, 0);
  assert.equal(lines[0].review, "corrected");
  assert.deepEqual(lines[0].reviewedBy, ["Ana"]);
  assert.equal((await anon.req("GET", `/api/reviews/${ids[4]}`)).json().items[0].by.displayName, "Ana");
  await done();
});

test("the API server registers the plugin", async () => {
  const t = await tempDb("sqlite");
  const { buildApp } = await import("../../src/api/app.js");
  const app = await buildApp({ store: t.store, webRoot: "/nonexistent" });
  const r = await app.inject({ method: "GET", url: "/api/alerts" });
  assert.equal(r.statusCode, 200, r.body);
  assert.deepEqual(r.json().items, []);
  assert.equal(r.headers["cache-control"], "private, no-store");
  // Per-user answers stay per user through the whole server (whatever caching it adds).
  const ana = new Client(app);
  const bo = new Client(app);
  await ana.register("ana@example.org", "Ana");
  await bo.register("bo@example.org", "Bo");
  assert.equal((await ana.req("GET", "/api/auth/me")).json().user.displayName, "Ana");
  const CACHE_MSG = "a per-user answer was served to another user: a server-side response cache must skip requests carrying a session cookie (or honour Cache-Control: private)";
  assert.equal((await bo.req("GET", "/api/auth/me")).json().user.displayName, "Bo", CACHE_MSG);
  await ana.req("POST", "/api/subscriptions", { spec: { kind: "actor", actorId: "sdf" } });
  assert.equal((await ana.req("GET", "/api/subscriptions")).json().items.length, 1);
  assert.equal((await bo.req("GET", "/api/subscriptions")).json().items.length, 0, CACHE_MSG);
  const openapi = (await app.inject({ method: "GET", url: "/api/openapi.json" })).json();
  assert.match(openapi.paths["/api/alerts"]?.get?.summary ?? "", /^Contact and escalation alerts/);
  assert.ok(openapi.paths["/api/subscriptions/{id}"]?.delete);
  const page = await app.inject({ method: "GET", url: "/account" });
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /<script src="\/account.js" defer><\/script>/);
  await app.close();
  await t.done();
});
