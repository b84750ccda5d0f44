// End to end on the article sitrep is built around (The Independent, 9 September 2017: "US troops and
// Russia-backed Syrian forces set to come into contact"): read, extract, store, detect. The analyst
// should be told that the US-backed SDF and the Russia/Iran-backed government forces are closing in
// on Deir ez-Zor. Needs ../shared/data.
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { test } from "node:test";
import { alertsFromStore } from "../../src/alerts/run.js";
import { readInputs } from "../../src/ingest/index.js";
import { extract } from "../../src/pipeline.js";
import { tempDb } from "../accounts/helpers.js";

const SEED = "../shared/data/seed/independent-2017-09-09-syria-deir-ezzor.txt";

test("seed article: a race or convergence of US-backed and Russia/Iran-backed forces at Deir ez-Zor", { skip: existsSync(SEED) ? false : "needs ../shared/data (absent)" }, async () => {
  const t = await tempDb("sqlite");
  for await (const r of readInputs([SEED], {})) {
    assert.ok(r.ok, JSON.stringify(r));
    if (r.ok) await t.store.saveDoc(extract(r.article));
  }
  const { alerts, coalitions } = await alertsFromStore(t.store, {});
  assert.equal(coalitions.byActor.get("sdf")?.coalitionId, "us-backed");
  const contact = alerts.filter(
    (a) =>
      (a.kind === "racing" || a.kind === "converging") &&
      a.sides.map((s) => s.coalition).sort().join("|") === "russia-iran-backed|us-backed" &&
      a.places.some((p) => /Deir/i.test(p.name)),
  );
  assert.ok(contact.length >= 1, alerts.map((a) => `${a.kind}: ${a.explanation}`).join("\n") || "no alerts");
  assert.ok(contact[0]!.sources.some((s) => s.outlet === "The Independent" || /independent/i.test(s.url ?? "")), JSON.stringify(contact[0]!.sources));
  // "raising concerns of an eventual clash": a feared clash is not a clash.
  assert.equal(alerts.filter((a) => a.kind === "clash" && a.lastDate >= "2017-09-01").length, 0, alerts.map((a) => a.explanation).join("\n"));
  await t.done();
});
