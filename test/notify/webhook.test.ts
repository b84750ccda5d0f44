// Webhooks end to end: a real receiver on 127.0.0.1 gets the signed payload and verifies it;
// 500s are retried with exponential back-off; private addresses are refused unless allowed;
// dispatching only queues, so a dead receiver never blocks the caller.
import assert from "node:assert/strict";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, test } from "node:test";
import { Accounts } from "../../src/accounts/users.js";
import { Notifier } from "../../src/notify/notifier.js";
import { Subscriptions } from "../../src/notify/subscriptions.js";
import { isPrivateAddress, signBody, verifySignature, WebhookQueue, webhookUrlProblem } from "../../src/notify/webhook.js";
import { fakeClock, tempDb } from "../accounts/helpers.js";
import { ev, P } from "../alerts/seed-situation.js";

interface Received {
  headers: IncomingMessage["headers"];
  body: string;
}

let server: Server;
let base = "";
const received: Received[] = [];
/** Status codes the receiver answers with, in turn (then 200). */
let script: number[] = [];

before(async () => {
  server = createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      received.push({ headers: req.headers, body });
      res.statusCode = script.shift() ?? 200;
      res.end("ok");
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(() => new Promise<void>((r) => server.close(() => r())));

async function setup(allowPrivate: boolean) {
  const t = await tempDb();
  const c = fakeClock();
  const acc = new Accounts(t.db, { clock: c.clock, scrypt: { logN: 12, r: 8, p: 1 } });
  const user = await acc.register("ana@example.org", "Ana", "a long enough passphrase");
  const subs = new Subscriptions(t.db, c.clock, { allowPrivate });
  const queue = new WebhookQueue(t.db, { clock: c.clock, allowPrivate, backoffSec: 30, maxAttempts: 4, secretOf: (id) => subs.secretOf(id) });
  const notifier = new Notifier({ db: t.db, clock: c.clock, subscriptions: subs, webhooks: queue });
  return { t, c, user, subs, queue, notifier };
}

test("signatures: sign and verify, tamper and stale timestamps fail", () => {
  const sig = signBody("s3cret", 1_504_972_800, '{"a":1}');
  assert.match(sig, /^sha256=[0-9a-f]{64}$/);
  assert.equal(verifySignature("s3cret", "1504972800", sig, '{"a":1}', 1_504_972_900), true);
  assert.equal(verifySignature("s3cret", "1504972800", sig, '{"a":2}', 1_504_972_900), false);
  assert.equal(verifySignature("other", "1504972800", sig, '{"a":1}', 1_504_972_900), false);
  assert.equal(verifySignature("s3cret", "1504972800", sig, '{"a":1}', 1_504_980_000), false);
});

const addrs: [string, boolean][] = [
  ["127.0.0.1", true],
  ["10.1.2.3", true],
  ["172.20.0.1", true],
  ["192.168.1.1", true],
  ["169.254.169.254", true],
  ["100.64.0.1", true],
  ["0.0.0.0", true],
  ["::1", true],
  ["fd00::1", true],
  ["fe80::1", true],
  ["::ffff:127.0.0.1", true],
  ["8.8.8.8", false],
  ["2606:4700::1111", false],
];
for (const [ip, priv] of addrs) test(`isPrivateAddress(${ip}) = ${priv}`, () => assert.equal(isPrivateAddress(ip), priv));

test("webhook URLs to private addresses are refused unless allowed; names are resolved first", async () => {
  assert.match((await webhookUrlProblem("http://127.0.0.1:9/x"))!, /private or loopback address \(127\.0\.0\.1\)/);
  assert.match((await webhookUrlProblem("http://[::1]/x"))!, /private or loopback/);
  assert.match((await webhookUrlProblem("http://localhost/x"))!, /private or loopback/);
  assert.match((await webhookUrlProblem("http://hook.example/x", { resolve: async () => ["10.0.0.5"] }))!, /10\.0\.0\.5/);
  assert.equal(await webhookUrlProblem("https://hook.example/x", { resolve: async () => ["93.184.216.34"] }), undefined);
  assert.match((await webhookUrlProblem("ftp://hook.example/x"))!, /http or https/);
  assert.match((await webhookUrlProblem("https://user:pw@hook.example/x"))!, /user name or password/);
  assert.equal(await webhookUrlProblem("http://127.0.0.1:9/x", { allowPrivate: true }), undefined);
  const { t, user, subs } = await setup(false);
  await assert.rejects(subs.create(user, { spec: { kind: "actor", actorId: "sdf" }, channels: ["webhook"], webhookUrl: `${base}/hook` }), /private or loopback/);
  await t.done();
});

test("a matching event reaches the loopback receiver signed; the receiver verifies it", async () => {
  received.length = 0;
  script = [];
  const { t, c, user, subs, queue, notifier } = await setup(true);
  const sub = await subs.create(user, {
    name: "Deir Ezzor",
    spec: { kind: "region", center: { lat: 35.33, lon: 40.14, name: "Deir ez-Zor" }, radiusKm: 25 },
    channels: ["webhook", "feed"],
    webhookUrl: `${base}/hook`,
  });
  assert.ok(sub.webhookSecret && sub.webhookSecret.length >= 40);
  const n = await notifier.dispatchEvents([ev("2017-09-10", "Armed clash", "sdf", "isis", P.industrialZone, { id: "e-1" }), ev("2017-09-10", "Armed clash", "sdf", "isis", P.raqqa, { id: "e-2" })]);
  assert.equal(n, 1);
  assert.equal(received.length, 0, "dispatch only queues");
  assert.equal(await queue.runDue(), 1);
  assert.equal(received.length, 1);
  const r = received[0]!;
  const now = Math.floor(c.clock().getTime() / 1000);
  assert.equal(verifySignature(sub.webhookSecret!, r.headers["x-sitrep-timestamp"] as string, r.headers["x-sitrep-signature"] as string, r.body, now), true);
  const payload = JSON.parse(r.body);
  assert.equal(payload.type, "event");
  assert.equal(payload.event.id, "e-1");
  assert.equal(payload.subscription.name, "Deir Ezzor");
  // The same event again is not sent twice.
  assert.equal(await notifier.dispatchEvents([ev("2017-09-10", "Armed clash", "sdf", "isis", P.industrialZone, { id: "e-1" })]), 0);
  await t.done();
});

test("500s are retried with exponential back-off, then delivered; 4xx gives up", async () => {
  received.length = 0;
  script = [500, 500];
  const { t, c, user, subs, queue } = await setup(true);
  const sub = await subs.create(user, { spec: { kind: "actor", actorId: "sdf" }, channels: ["webhook"], webhookUrl: `${base}/hook` });
  const id = await queue.enqueue(sub.id, sub.webhookUrl!, { hello: 1 });
  const state = async () => (await queue.deliveries(sub.id)).find((d) => d.id === id)!;
  assert.equal(await queue.runDue(), 0);
  let d = await state();
  assert.equal(d.status, "pending");
  assert.equal(Number(d.attempts), 1);
  assert.equal(Number(d.last_status), 500);
  const first = Date.parse(d.next_at) - c.clock().getTime();
  assert.equal(first, 30_000);
  assert.equal(await queue.runDue(), 0, "not due yet");
  assert.equal(received.length, 1);
  c.advance(30);
  assert.equal(await queue.runDue(), 0);
  d = await state();
  assert.equal(Date.parse(d.next_at) - c.clock().getTime(), 60_000, "the wait doubles");
  c.advance(60);
  assert.equal(await queue.runDue(), 1);
  d = await state();
  assert.equal(d.status, "delivered");
  assert.equal(Number(d.attempts), 3);
  assert.equal(received.length, 3);

  script = [404];
  const id2 = await queue.enqueue(sub.id, sub.webhookUrl!, { hello: 2 });
  await queue.runDue();
  assert.equal((await queue.deliveries(sub.id)).find((x) => x.id === id2)!.status, "failed");
  await t.done();
});

test("a dead receiver does not block dispatch, and gives up after maxAttempts", async () => {
  const { t, c, user, subs, queue, notifier } = await setup(true);
  // A port nobody listens on.
  const dead = createServer();
  await new Promise<void>((r) => dead.listen(0, "127.0.0.1", r));
  const port = (dead.address() as AddressInfo).port;
  await new Promise<void>((r) => dead.close(() => r()));
  const sub = await subs.create(user, { spec: { kind: "actor", actorId: "sdf" }, channels: ["webhook"], webhookUrl: `http://127.0.0.1:${port}/gone` });
  const events = Array.from({ length: 50 }, (_, i) => ev("2017-09-10", "Armed clash", "sdf", "isis", P.deirEzzor, { id: `bulk-${i}` }));
  assert.equal(await notifier.dispatchEvents(events), 50);
  for (let i = 0; i < 4; i++) {
    await queue.runDue();
    c.advance(30 * 2 ** i);
  }
  const ds = await queue.deliveries(sub.id, 100);
  assert.equal(ds.length, 50);
  assert.ok(ds.every((d) => d.status === "failed" && Number(d.attempts) === 4 && /could not be reached/.test(d.last_error ?? "")));
  await t.done();
});

test("one user cannot read, change or delete another's subscription", async () => {
  const { t, c, user, subs } = await setup(true);
  const acc = new Accounts(t.db, { clock: c.clock, scrypt: { logN: 12, r: 8, p: 1 } });
  const other = await acc.register("bo@example.org", "Bo", "another long passphrase");
  const mine = await subs.create(user, { spec: { kind: "actor", actorId: "sdf" }, channels: ["webhook"], webhookUrl: `${base}/hook` });
  assert.equal(await subs.get(other, mine.id), null);
  assert.deepEqual(await subs.list(other), []);
  await assert.rejects(subs.update(other, mine.id, { name: "mine now" }), /no such subscription/);
  await assert.rejects(subs.remove(other, mine.id), /no such subscription/);
  assert.equal((await subs.get(user, mine.id))?.name, "actor sdf");
  await t.done();
});
