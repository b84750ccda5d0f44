// The notifier on both backends: one notification per subscription and item (repeats ignored),
// ordered by seq, webhook deliveries queued (and kept pending while the receiver is down), push
// subscriptions upserted, feed tokens resolved.
import assert from "node:assert/strict";
import { test } from "node:test";
import { Accounts } from "../../src/accounts/users.js";
import { Notifier } from "../../src/notify/notifier.js";
import { PushSender } from "../../src/notify/push.js";
import { Subscriptions } from "../../src/notify/subscriptions.js";
import { WebhookQueue } from "../../src/notify/webhook.js";
import { BACKENDS, fakeClock, tempDb } from "../accounts/helpers.js";
import { ev, P } from "../alerts/seed-situation.js";

for (const { backend, skip } of BACKENDS) {
  test(`notifier, queue, push and feed tokens (${backend})`, { skip }, async () => {
    const t = await tempDb(backend);
    const c = fakeClock();
    const acc = new Accounts(t.db, { clock: c.clock, scrypt: { logN: 12, r: 8, p: 1 } });
    const u = await acc.register("a@example.org", "A", "a long enough passphrase");
    const subs = new Subscriptions(t.db, c.clock, { allowPrivate: true });
    const q = new WebhookQueue(t.db, { clock: c.clock, allowPrivate: true, timeoutMs: 2000, secretOf: (id) => subs.secretOf(id) });
    const n = new Notifier({ db: t.db, clock: c.clock, subscriptions: subs, webhooks: q });
    const seen: string[] = [];
    const off = n.listen(u.id, (x) => seen.push(x.itemId));
    // Port 9 (discard) on loopback: nothing listens there in the test environment.
    const s = await subs.create(u, { spec: { kind: "actor", actorId: "sdf" }, channels: ["webhook", "feed"], webhookUrl: "http://127.0.0.1:9/x" });
    await subs.create(u, { spec: { kind: "region", center: { lat: 35.9, lon: 39.0 }, radiusKm: 20 }, channels: ["browser"] });
    assert.equal(await n.dispatchEvents([ev("2017-09-10", "Armed clash", "sdf", "isis", P.deirEzzor, { id: "x1" })]), 1);
    assert.equal(await n.dispatchEvents([ev("2017-09-10", "Armed clash", "sdf", "isis", P.deirEzzor, { id: "x1" })]), 0);
    assert.equal(await n.dispatchEvents([ev("2017-09-11", "Armed clash", "sdf", "isis", P.raqqa, { id: "x2" })]), 2);
    assert.deepEqual(seen, ["x2"], "only the browser channel reaches the open page");
    off();
    assert.deepEqual(
      (await n.recent(u.id)).map((x) => [x.seq, x.itemId]),
      [
        [3, "x2"],
        [2, "x2"],
        [1, "x1"],
      ],
    );
    await q.runDue();
    const d = await q.deliveries(s.id);
    assert.equal(d.length, 2);
    assert.ok(d.every((x) => x.status === "pending" && Number(x.attempts) === 1));
    const push = new PushSender(t.db, c.clock);
    await push.save(u.id, { endpoint: "https://push.example/1", keys: { p256dh: "abc", auth: "def" } });
    await push.save(u.id, { endpoint: "https://push.example/1", keys: { p256dh: "abc2", auth: "def" } });
    assert.equal((await t.db.all("SELECT * FROM push_subscriptions")).length, 1);
    assert.equal(await push.send(u.id, { title: "x" }), 0, "no VAPID keys: push is off");
    assert.equal((await acc.userByFeedToken(await acc.feedToken(u.id)))?.id, u.id);
    assert.equal(await acc.userByFeedToken("nope-nope-nope"), null);
    await t.done();
  });
}
