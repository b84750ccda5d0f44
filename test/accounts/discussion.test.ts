// Comments (plain text, threads), private notes (owner only), analyst review and coalition overrides.
import assert from "node:assert/strict";
import { test } from "node:test";
import { Discussion, escapeHtml } from "../../src/accounts/discussion.js";
import { applyReviews, Reviews } from "../../src/accounts/review.js";
import { type AccountError, Accounts } from "../../src/accounts/users.js";
import { deriveCoalitions } from "../../src/alerts/coalitions.js";
import { CoalitionOverrides } from "../../src/alerts/overrides.js";
import { seedActors, seedRelations } from "../alerts/seed-situation.js";
import { BACKENDS, fakeClock, tempDb } from "./helpers.js";

async function setup(backend: "sqlite" | "postgres") {
  const t = await tempDb(backend);
  const c = fakeClock();
  const acc = new Accounts(t.db, { clock: c.clock, scrypt: { logN: 12, r: 8, p: 1 } });
  const admin = await acc.register("ana@example.org", "Ana", "a long enough passphrase");
  const analyst = await acc.setRole((await acc.register("bo@example.org", "Bo", "another long passphrase")).id, "analyst");
  const reader = await acc.register("cy@example.org", "Cy", "yet another passphrase");
  return { t, c, acc, admin, analyst, reader, disc: new Discussion(t.db, c.clock), reviews: new Reviews(t.db, c.clock) };
}

for (const { backend, skip } of BACKENDS) {
test(`comment threads keep text as text, with replies and deletion (${backend})`, { skip }, async () => {
  const { t, c, disc, reader, analyst, admin } = await setup(backend);
  const hostile = `<img src=x onerror="alert(1)">\u0000 SDF took the zone`;
  const top = await disc.addComment(reader, "event", "42", hostile);
  assert.equal(top.body, `<img src=x onerror="alert(1)"> SDF took the zone`);
  c.advance(1);
  const reply = await disc.addComment(analyst, "event", "42", "Source?", top.id);
  await assert.rejects(disc.addComment(analyst, "actor", "sdf", "wrong thread", top.id), /not in this thread/);
  await assert.rejects(disc.addComment(analyst, "planet" as never, "x", "hi"), /target kind/);
  await assert.rejects(disc.addComment(analyst, "event", "42", "   "), /must not be empty/);
  const thread = await disc.thread("event", "42");
  assert.deepEqual(
    thread.map((x) => [x.author.displayName, x.parentId ?? null]),
    [
      ["Cy", null],
      ["Bo", top.id],
    ],
  );
  assert.equal(escapeHtml(thread[0]!.body), "&lt;img src=x onerror=&quot;alert(1)&quot;&gt; SDF took the zone");
  await assert.rejects(disc.deleteComment(analyst, top.id), (e: AccountError) => e.status === 403);
  await disc.deleteComment(reader, top.id);
  await disc.deleteComment(admin, reply.id);
  assert.deepEqual(
    (await disc.thread("event", "42")).map((x) => [x.deleted, x.body]),
    [
      [true, ""],
      [true, ""],
    ],
  );
  await t.done();
});
}

for (const { backend, skip } of BACKENDS) {
test(`private notes: one user cannot read, change or delete another's (${backend})`, { skip }, async () => {
  const { t, disc, reader, analyst } = await setup(backend);
  const mine = await disc.addNote(reader, "actor", "sdf", "call the source back");
  assert.equal((await disc.notes(reader)).length, 1);
  assert.deepEqual(await disc.notes(analyst), []);
  assert.deepEqual(await disc.notes(analyst, "actor", "sdf"), []);
  await assert.rejects(disc.updateNote(analyst, mine.id, "hijacked"), (e: AccountError) => e.status === 404);
  await assert.rejects(disc.deleteNote(analyst, mine.id), (e: AccountError) => e.status === 404);
  assert.equal((await disc.notes(reader, "actor", "sdf"))[0]!.body, "call the source back");
  await disc.updateNote(reader, mine.id, "called");
  assert.equal((await disc.notes(reader))[0]!.body, "called");
  await t.done();
});
}

for (const { backend, skip } of BACKENDS) {
test(`review: readers cannot review; corrections are kept with who and when; exports can keep reviewed events only (${backend})`, { skip }, async () => {
  const { t, c, reader, analyst, admin, reviews } = await setup(backend);
  await assert.rejects(reviews.review(reader, "1", "accept"), (e: AccountError) => e.status === 403);
  await assert.rejects(reviews.review(analyst, "1", "correct", { changes: { date: "yesterday" } }), /changes.date must be a date/);
  await assert.rejects(reviews.review(analyst, "1", "correct", { changes: { id: "9" } }), /cannot be corrected/);
  const events = [
    { id: "1", date: "2017-09-09", actor1: "sdf", actor2: "isis", fatalities: 3 },
    { id: "2", date: "2017-09-10", actor1: "syria-gov-forces", actor2: "isis" },
    { id: "3", date: "2017-09-10", actor1: "sdf", actor2: "syria-gov-forces" },
  ];
  await reviews.review(analyst, "1", "correct", { changes: { date: "2017-09-08", actor2: "syria-gov-forces" }, note: "SOHR says Friday", before: events[0] });
  c.advance(60);
  await reviews.review(admin, "1", "accept");
  await reviews.review(analyst, "3", "reject", { note: "duplicate" });
  const hist = await reviews.history("1");
  assert.deepEqual(
    hist.map((r) => [r.action, r.by.displayName, r.at]),
    [
      ["correct", "Bo", "2017-09-09T12:00:00.000Z"],
      ["accept", "Ana", "2017-09-09T12:01:00.000Z"],
    ],
  );
  assert.deepEqual(hist[0]!.changes.date, { from: "2017-09-09", to: "2017-09-08" });
  assert.deepEqual(await reviews.reviewedEventIds(), ["1"]);
  const states = await reviews.states(events.map((e) => e.id));
  const exported = applyReviews(events, states, { reviewedOnly: true });
  assert.deepEqual(exported, [{ id: "1", date: "2017-09-08", actor1: "sdf", actor2: "syria-gov-forces", fatalities: 3, review: "accepted", reviewedBy: ["Bo", "Ana"] }]);
  assert.equal(applyReviews(events, states).length, 3);
  await t.done();
});
}

for (const { backend, skip } of BACKENDS) {
test(`coalition overrides: analysts only, stored as data, applied by deriveCoalitions (${backend})`, { skip }, async () => {
  const { t, c, reader, analyst } = await setup(backend);
  const ov = new CoalitionOverrides(t.db, c.clock);
  await assert.rejects(ov.set(reader, "dmc", "jihadist"), (e: AccountError) => e.status === 403);
  await assert.rejects(ov.set(analyst, "dmc", "martians"), /coalition must be one of/);
  await ov.set(analyst, "hezbollah", null, "not relevant here");
  const set = deriveCoalitions({ actors: seedActors(), relations: seedRelations(), events: [], overrides: await ov.list() });
  assert.equal(set.byActor.get("hezbollah"), undefined);
  assert.equal(set.byActor.get("sdf")?.coalitionId, "us-backed");
  await t.done();
});
}
