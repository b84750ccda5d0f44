// End to end in Debian's Chromium: a newcomer's empty page, ingesting an article through the
// page, its events on the map and in the event panel, the reader, the actor graph (clicking a
// node filters the map), and that the page never asks anything of another origin.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { Page } from "playwright-core";
import { browserSkip, foreignRequests, openSession, type Session, screenshot } from "./harness.js";

const ARTICLE = `US-backed forces close in on Isis near Deir Ezzor

US-backed Syrian Democratic Forces launched an offensive against Isis near Deir Ezzor on Saturday, the group said.

Syrian government troops, supported by Russian air strikes, advanced on the city of Deir Ezzor from the west on Friday, according to the Syrian Observatory for Human Rights.

Russian warplanes bombed Isis positions in al-Mayadin on Saturday, the Russian defence ministry said.`;

const FILE_ARTICLE = `Isis attacks SDF positions in Raqqa

Isis fighters attacked Syrian Democratic Forces positions in Raqqa on Wednesday, killing three fighters, the SDF said.`;

type MapHandle = {
  jumpTo(o: unknown): void;
  once(ev: string, fn: () => void): void;
  queryRenderedFeatures(o: unknown): { geometry: { coordinates: [number, number] }; properties: { id?: string } }[];
  project(c: [number, number]): { x: number; y: number };
  getCanvas(): HTMLCanvasElement;
};

/** Page-side: a rendered event point's position on screen (after zooming in to break clusters). */
async function eventOnScreen(page: Page): Promise<{ x: number; y: number; id: string | null } | null> {
  return page.evaluate(async () => {
    const map = (window as unknown as { sitrep: { map: MapHandle } }).sitrep.map;
    let f = map.queryRenderedFeatures({ layers: ["events", "clusters"] });
    if (!f.length) return null;
    map.jumpTo({ center: f[0].geometry.coordinates, zoom: 12 });
    await new Promise<void>((r) => map.once("idle", () => r()));
    f = map.queryRenderedFeatures({ layers: ["events"] });
    if (!f.length) return null;
    // Prefer a single event; several events at one point open a list first.
    const one = f.find((x) => x.properties.id !== undefined) ?? f[0];
    const p = map.project(one.geometry.coordinates);
    const box = map.getCanvas().getBoundingClientRect();
    return { x: box.left + p.x, y: box.top + p.y, id: one.properties.id === undefined ? null : String(one.properties.id) };
  });
}

describe("web app", { skip: browserSkip }, () => {
  let s: Session;
  before(async () => {
    s = await openSession();
  });
  after(async () => {
    await s?.close();
  });

  test("an empty database tells a newcomer how to add articles", async () => {
    await s.page.goto(s.url);
    await s.page.waitForFunction(() => (window as unknown as { sitrep: { ready: boolean } }).sitrep?.ready);
    const empty = s.page.locator("#empty");
    await empty.waitFor({ state: "visible" });
    const text = await empty.innerText();
    assert.match(text, /No articles yet/);
    assert.match(text, /sitrep demo/);
    assert.match(text, /Add articles/);
    await screenshot(s.page, "01-empty");
  });

  test("ingest through the page; events reach the map, the panel, the reader and the graph", async () => {
    const { page } = s;
    await page.click('a[data-view="ingest"]');
    await page.fill("#ingest-text", ARTICLE);
    await page.fill("#ingest-date", "2017-09-10");
    await page.click("#ingest-text-go");
    const done = page.locator("#ingest-log li.ok, #ingest-log li.failed").first();
    await done.waitFor({ timeout: 30000 });
    assert.equal(await done.getAttribute("class"), "ok", await done.innerText());
    assert.match(await done.innerText(), /inserted: [1-9]\d* events?/);
    // A dropped or chosen file goes the same way, with its name.
    await page.setInputFiles("#ingest-files", { name: "raqqa-report.txt", mimeType: "text/plain", buffer: Buffer.from(FILE_ARTICLE) });
    const fileDone = page.locator("#ingest-log li", { hasText: "raqqa-report.txt" });
    await fileDone.and(page.locator(".ok, .failed")).waitFor({ timeout: 30000 });
    assert.equal(await fileDone.getAttribute("class"), "ok", await fileDone.innerText());
    assert.equal(await page.locator("#ingest-progress").getAttribute("value"), "1");
    await screenshot(page, "02-ingested");

    // The live stream brought the events to the open page without a reload.
    await page.waitForFunction(() => (window as unknown as { sitrep: { live: number } }).sitrep.live > 0, null, { timeout: 15000 });
    await page.click('a[data-view="map"]');
    await page.waitForFunction(
      () => {
        const m = (window as unknown as { sitrep: { map: MapHandle } }).sitrep.map;
        return m.queryRenderedFeatures({ layers: ["events", "clusters"] }).length > 0;
      },
      null,
      { timeout: 15000 },
    );
    await page.waitForTimeout(300);
    await screenshot(page, "03-map");

    const target = await eventOnScreen(page);
    assert.ok(target, "an event point is drawn");
    await page.mouse.click(target.x, target.y);
    let id = target.id;
    if (id === null) {
      // A point with several events lists them; open the first.
      const first = page.locator("#panel .place-events .event-list a").first();
      await first.waitFor({ timeout: 10000 });
      await screenshot(page, "04a-place-events");
      id = ((await first.getAttribute("href")) ?? "").replace("#/event/", "");
      await first.click();
    }
    const panel = page.locator("#panel .event");
    await panel.waitFor({ timeout: 10000 });
    assert.equal(await panel.getAttribute("data-event-id"), id);
    const panelText = await panel.innerText();
    assert.match(panelText, /precision \d/);
    assert.match(panelText, /Reported by/i);
    const mark = page.locator("#panel .sentence mark").first();
    const sentence = await mark.innerText();
    assert.ok([ARTICLE, FILE_ARTICLE].some((a) => a.includes(sentence.trim())), `highlighted sentence "${sentence}" comes from an ingested article`);
    await screenshot(page, "04-event-panel");

    await page.click("#panel .source a.read");
    const focus = page.locator("#view-reader .ev-sentence.focus");
    await focus.waitFor({ timeout: 10000 });
    assert.equal((await focus.innerText()).trim(), sentence.trim());
    assert.ok((await page.locator("#view-reader a.m-actor").count()) > 0, "actors are marked in the reader");
    assert.ok((await page.locator("#view-reader a.m-event").count()) > 0, "events are marked in the reader");
    await screenshot(page, "05-reader");

    // From an actor in the text to the graph; clicking a node there filters the map.
    await page.click('a[data-view="graph"]');
    await page.waitForFunction(() => document.querySelectorAll("#graph canvas").length > 0, null, { timeout: 15000 });
    await page.waitForTimeout(500);
    await screenshot(page, "06-graph");
    const node = await page.evaluate(() => {
      type Sig = { getGraph(): { nodes(): string[] }; getNodeDisplayData(n: string): { x: number; y: number }; framedGraphToViewport(p: { x: number; y: number }): { x: number; y: number }; getContainer(): HTMLElement };
      const g = (window as unknown as { sitrep: { graph: { sigma(): Sig } } }).sitrep.graph.sigma();
      const id = g.getGraph().nodes()[0];
      const v = g.framedGraphToViewport(g.getNodeDisplayData(id));
      const box = g.getContainer().getBoundingClientRect();
      return { id, x: box.left + v.x, y: box.top + v.y };
    });
    await page.mouse.click(node.x, node.y);
    await page.waitForFunction((id) => (document.getElementById("f-actor") as HTMLSelectElement).value === id, node.id, { timeout: 10000 });
    assert.equal(decodeURIComponent(new URL(page.url()).hash), `#/actor/${node.id}`);
    await page.locator("#panel .actor-profile").waitFor();
    await screenshot(page, "07-actor-filter");

    assert.deepEqual(foreignRequests(s), [], "the page asks nothing of other origins");
    assert.deepEqual(s.pageErrors, []);
  });
});
