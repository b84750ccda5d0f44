// The map's layer stack, in Debian's Chromium: the base map's source is in the style from the
// start and the events join when the points come, so code that adds layers after the first view
// (the alert layers) must still find the events there, however late the points are. Also: layers
// of an empty source are not drawn (each shown one costs every frame its tile clipping masks).
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { browserSkip, openSession, type Session } from "./harness.js";

type Layer = { id: string; layout?: { visibility?: string } };
type Sitrep = { ready: boolean; map: { getLayer(id: string): unknown; getStyle(): { layers: Layer[] } } };

describe("map layers", { skip: browserSkip }, () => {
  let s: Session;
  before(async () => {
    s = await openSession();
  });
  after(async () => {
    await s?.close();
  });

  test("with the points late, the alert layers go above the base map and below the events, hidden while empty", { timeout: 60_000 }, async () => {
    const { page } = s;
    // The points answer comes 2.5 s late: the base map has loaded (and the map been idle) by then.
    await page.route("**/api/map/points*", async (route) => {
      await new Promise((r) => setTimeout(r, 2500));
      await route.continue();
    });
    await page.goto(s.url);
    await page.waitForFunction(() => (window as unknown as { sitrep: Sitrep }).sitrep?.ready, null, { timeout: 30_000 });
    await page.waitForFunction(() => !!(window as unknown as { sitrep: Sitrep }).sitrep.map.getLayer("sitrep-areas"), null, { timeout: 30_000 });
    const layers = await page.evaluate(() => (window as unknown as { sitrep: Sitrep }).sitrep.map.getStyle().layers.map((l) => ({ id: l.id, visibility: l.layout?.visibility ?? "visible" })));
    const at = (id: string) => layers.findIndex((l) => l.id === id);
    const order = layers.map((l) => l.id).join(", ");
    for (const id of ["land", "borders", "clusters", "events", "sitrep-areas", "sitrep-alerts"]) assert.ok(at(id) >= 0, `layer ${id} is in the style: ${order}`);
    assert.ok(at("borders") < at("sitrep-areas") && at("sitrep-areas") < at("clusters"), `areas of operation between the base map and the events: ${order}`);
    assert.ok(at("events") < at("sitrep-alerts"), `alert rings above the events: ${order}`);
    const shown = layers.filter((l) => l.id.startsWith("sitrep-") && l.visibility !== "none").map((l) => l.id);
    assert.deepEqual(shown, [], "on an empty database the alert layers have nothing to draw and are hidden");
  });
});
