// Alerts over a real store (SQLite file; PostgreSQL when SITREP_TEST_PG is set): hand-made events
// saved with saveDoc, then `alertsFromStore`, an analyst rejection, and the `sitrep alerts` command.
import assert from "node:assert/strict";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { Reviews } from "../../src/accounts/review.js";
import { Accounts } from "../../src/accounts/users.js";
import { alertsFromStore } from "../../src/alerts/run.js";
import { BACKENDS, fakeClock, tempDb } from "../accounts/helpers.js";
import { docFor } from "./docs.js";
import { deirEzzorRace, seedActors, seedRelations } from "./seed-situation.js";

for (const { backend, skip } of BACKENDS) {
  test(`alerts from a ${backend} store, and an analyst's rejection silences one`, { skip }, async () => {
    const t = await tempDb(backend);
    const rels = seedRelations();
    const evs = deirEzzorRace();
    const ids: string[] = [];
    for (const [i, e] of evs.entries()) ids.push(...(await t.store.saveDoc(docFor(e, seedActors(), rels, i))).eventIds);
    const r = await alertsFromStore(t.store, { until: "2017-09-10" });
    const kinds = r.alerts.map((a) => a.kind).sort();
    assert.deepEqual(kinds, ["clash", "converging", "racing"]);
    const clash = r.alerts.find((a) => a.kind === "clash")!;
    assert.deepEqual(clash.eventIds, [ids[5]]);
    assert.equal(clash.sources[0]?.outlet, "Example Wire");
    assert.equal(clash.sources[0]?.url, "https://news.example/5");
    const conv = r.alerts.find((a) => a.kind === "converging")!;
    assert.ok(conv.distanceKm! < 10 && conv.trend!.fromKm > 50);
    // The membership of the DMC came through the store's graph, with its evidence summarized.
    const dmc = r.coalitions.byActor.get("dmc")!;
    assert.equal(dmc.coalitionId, "us-backed");
    assert.match(dmc.explanation, /part-of Syrian Democratic Forces \("\d+ evidence spans? in \d+ articles?, 2017-09-01 to 2017-09-10"\)/);
    // Same data, same alerts.
    assert.deepEqual((await alertsFromStore(t.store, { until: "2017-09-10" })).alerts, r.alerts);
    // Filters.
    assert.deepEqual((await alertsFromStore(t.store, { until: "2017-09-10", kinds: ["clash"] })).alerts.map((a) => a.kind), ["clash"]);
    assert.deepEqual((await alertsFromStore(t.store, { until: "2017-09-10", since: "2017-09-10" })).alerts.map((a) => a.kind), ["racing"]);
    // An analyst rejects the clash event: the clash alert goes.
    const c = fakeClock();
    const acc = new Accounts(t.db, { clock: c.clock, scrypt: { logN: 12, r: 8, p: 1 } });
    const admin = await acc.register("ana@example.org", "Ana", "a long enough passphrase");
    await new Reviews(t.db, c.clock).review(admin, ids[5]!, "reject", { note: "it was a US jet" });
    assert.deepEqual((await alertsFromStore(t.store, { until: "2017-09-10" })).alerts.map((a) => a.kind).sort(), ["converging", "racing"]);
    await t.done();
  });
}

/** Runs the CLI in this process (one import of every command, not one per run), capturing its output. */
async function cli(args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  const { main } = await import("../../src/cli/main.js");
  let stdout = "";
  let stderr = "";
  const out = process.stdout.write;
  const err = process.stderr.write;
  process.stdout.write = ((c: string | Uint8Array) => {
    stdout += String(c);
    return true;
  }) as typeof process.stdout.write;
  process.stderr.write = ((c: string | Uint8Array) => {
    stderr += String(c);
    return true;
  }) as typeof process.stderr.write;
  const before = process.exitCode;
  try {
    const status = await main(["node", "sitrep", ...args]);
    return { status, stdout, stderr };
  } finally {
    process.stdout.write = out;
    process.stderr.write = err;
    process.exitCode = before;
  }
}

test("sitrep alerts: table and jsonl from a SQLite store; bad options exit 2 with one line", async () => {
  const t = await tempDb("sqlite");
  for (const [i, e] of deirEzzorRace().entries()) await t.store.saveDoc(docFor(e, seedActors(), seedRelations(), i));
  const dbPath = t.path!;
  await t.store.close();
  const run = (...args: string[]) => cli(["alerts", "--db", dbPath, ...args]);
  const jl = await run("--format", "jsonl", "--until", "2017-09-10");
  assert.equal(jl.status, 0, jl.stderr);
  const alerts = jl.stdout.trim().split("\n").map((l) => JSON.parse(l));
  assert.deepEqual(alerts.map((a) => a.kind).sort(), ["clash", "converging", "racing"]);
  for (const a of alerts) {
    assert.equal(typeof a.explanation, "string");
    assert.equal(a.sides.length, 2);
    assert.ok(a.eventIds.length > 0);
  }
  const table = await run("--until", "2017-09-10", "--distance-km", "3");
  assert.equal(table.status, 0, table.stderr);
  assert.match(table.stdout, /racing +US-backed \(Deir Ezzor Military Council, Syrian Democratic Forces\) vs Russia\/Iran-backed \(Syrian government forces\)/);
  assert.doesNotMatch(table.stdout, /converging/);
  const bad = await run("--distance-km", "-4");
  assert.equal(bad.status, 2);
  assert.equal(bad.stderr.trim().split("\n").length, 1);
  assert.match(bad.stderr, /--distance-km: expected a positive number/);
  const co = await run("--coalitions");
  assert.equal(co.status, 0, co.stderr);
  assert.match(co.stdout, /^US-backed \(us-backed\): 3 actors$/m);
  assert.match(co.stdout, /dmc +member +Deir Ezzor Military Council is in US-backed because Deir Ezzor Military Council part-of Syrian Democratic Forces \("The Military Council is a part of the predominantly-Kurdish SDF"\)/);
  const badKind = await run("--kind", "war");
  assert.equal(badKind.status, 2);
  assert.equal((await cli(["alerts", "--db", join(tmpdir(), "sitrep-no-such.db")])).status, 2);
  await t.done();
});
