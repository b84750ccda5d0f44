// Alerts in the web app, in Debian's Chromium: sign in (the header shows the user and the
// notification stream opens), ingest a short report of US-backed and Russia/Iran-backed forces
// fighting each other, open the Alerts view and see the clash with its coalitions, explanation
// and the event behind it (which opens the event panel), see it on the map with the areas of
// operation, and watch the current map view as a region subscription.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { browserSkip, foreignRequests, openSession, type Session, screenshot } from "./harness.js";

const ARTICLE = `Syrian Democratic Forces and government troops clash near Deir ez-Zor

BEIRUT (Reuters) - US-backed Syrian Democratic Forces fighters clashed with Syrian government forces near the town of al-Salihiya, east of Deir ez-Zor, on Monday, the Syrian Observatory for Human Rights said.

The Syrian army, backed by Iranian-backed militias, captured the village of Hatla near Deir ez-Zor on Saturday, state media reported. The SDF seized the industrial zone east of Deir ez-Zor on Saturday.`;

const LATER = `Government forces shell SDF positions near Deir ez-Zor

BEIRUT (Reuters) - Syrian government forces shelled positions of the US-backed Syrian Democratic Forces near Deir ez-Zor on Wednesday, the SDF said.`;

type Sitrep = { ready: boolean; alerts?: { loads: number; count: number }; map: { getSource(id: string): unknown; querySourceFeatures(id: string): unknown[] } };

/** Ingests `text` through the page's own session (as the app's ingest form does); returns the new event ids. */
async function ingestFromPage(page: Session["page"], text: string, publishedAt: string): Promise<string[]> {
  const ingest = await page.evaluate(
    async ([text, publishedAt]) => {
      const r = await fetch("/api/ingest", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ text, publishedAt }) });
      return r.json();
    },
    [text, publishedAt] as const,
  );
  const ids: string[] = ingest.articles?.[0]?.eventIds ?? [];
  assert.ok(ids.length > 0, JSON.stringify(ingest));
  return ids;
}

describe("alerts in the web app", { skip: browserSkip }, () => {
  let s: Session;
  before(async () => {
    s = await openSession();
  });
  after(async () => {
    await s?.close();
  });

  test("a clash between rival coalitions is an alert with its explanation, events, map ring and a watch action", { timeout: 90_000 }, async () => {
    const { page } = s;
    await page.goto(s.url);
    await page.waitForFunction(() => (window as unknown as { sitrep: Sitrep }).sitrep?.ready);
    assert.equal(await page.locator("#account-link").innerText(), "Sign in");

    // Register through the API as the account page does, then reload: the header knows the user
    // and the notification stream is open.
    const reg = await page.evaluate(async () => {
      const r = await fetch("/api/auth/register", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ email: "ana@example.org", displayName: "Ana <i>analyst</i>", password: "a long enough passphrase" }),
      });
      return r.status;
    });
    assert.equal(reg, 201);
    await page.reload();
    await page.waitForFunction(() => (window as unknown as { sitrep: Sitrep }).sitrep?.ready);
    await page.waitForSelector("html[data-sitrep-stream=open]", { timeout: 15_000 });
    assert.equal(await page.locator("#account-link").innerText(), "Ana <i>analyst</i>", "names are text");

    const eventIds = await ingestFromPage(page, ARTICLE, "2017-09-18T10:00:00Z");

    await page.click("#nav-alerts");
    const card = page.locator('.alert-card[data-kind="clash"]').first();
    await card.waitFor({ timeout: 20_000 });
    assert.equal(await page.locator("#view-map").isHidden(), true);
    assert.equal(await page.locator("#timebar").isVisible(), true, "the time bar sets the alerts' window");
    assert.match(await card.locator(".alert-kind").innerText(), /clash/i);
    const sides = await card.locator(".alert-side").evaluateAll((els) => els.map((e) => e.getAttribute("data-coalition")).sort());
    assert.equal(sides.length, 2);
    assert.notEqual(sides[0], sides[1], "two different coalitions");
    const explanation = await card.locator(".explanation").innerText();
    assert.match(explanation, /clash/i);
    assert.match(explanation, /Syrian Democratic Forces/);
    assert.match(await card.locator(".alert-places").innerText(), /Deir/);
    const link = card.locator("a.alert-event").first();
    const eventId = await link.getAttribute("data-event-id");
    assert.ok(eventId && eventIds.includes(eventId), `the alert's event ${eventId} is one of the ingested ${eventIds}`);
    await page.waitForFunction(() => !document.querySelector("a.alert-event")?.textContent?.startsWith("event "), null, { timeout: 10_000 });
    await screenshot(page, "alerts-01-view");
    // The time bar's window is the alerts' window: a week before the fighting has no alerts.
    const setWindow = (from: number, to: number) =>
      page.evaluate(
        ([a, b]) => {
          for (const [id, v] of [
            ["t-from", a],
            ["t-to", b],
          ] as const) {
            const r = document.getElementById(id) as HTMLInputElement;
            r.value = String(v);
            r.dispatchEvent(new Event("input"));
          }
        },
        [from, to],
      );
    const max = Number(await page.locator("#t-to").getAttribute("max"));
    await setWindow(0, 6);
    await page.locator(".alerts-none").waitFor({ timeout: 10_000 });
    assert.match(await page.locator(".alerts-head").innerText(), /time bar's window/);
    await setWindow(0, max);
    await card.waitFor({ timeout: 10_000 });

    // Why each side is a coalition: opened on demand, memberships explained.
    await page.click("#coalitions summary");
    const coalition = page.locator(`#coalitions .coalition[data-coalition="${sides[0]}"]`);
    await coalition.waitFor({ timeout: 10_000 });
    const whys = await coalition.locator(".why").allInnerTexts();
    assert.ok(whys.length > 0 && whys.every((w) => / (is in|is a sponsor of|is a core member of|was put in) /.test(w)), whys.join("\n"));

    // The event behind it opens the event panel on the map, where the alert ring is drawn.
    await link.click();
    const panel = page.locator("#panel .event");
    await panel.waitFor({ timeout: 10_000 });
    assert.equal(await panel.getAttribute("data-event-id"), eventId);
    assert.equal(await page.locator("#view-alerts").isHidden(), true);
    await page.waitForFunction(() => (window as unknown as { sitrep: Sitrep }).sitrep.map.querySourceFeatures("sitrep-alerts").length > 0, null, { timeout: 15_000 });

    // Areas of operation as hexagons.
    await page.check("#layer-areas");
    await page.waitForFunction(() => (window as unknown as { sitrep: Sitrep }).sitrep.map.querySourceFeatures("sitrep-areas").length > 0, null, { timeout: 15_000 });
    assert.match(await page.locator("#alerts-box .area-legend").innerText(), /areas of operation/);
    await page.waitForTimeout(300);
    await screenshot(page, "alerts-02-map");

    // Watch this view: a region subscription with the view as a GeoJSON polygon.
    await page.click("#watch-view");
    await page.locator("#watch-msg.ok").waitFor({ timeout: 10_000 });
    const subs = await page.evaluate(async () => (await (await fetch("/api/subscriptions")).json()).items);
    assert.equal(subs.length, 1);
    assert.equal(subs[0].spec.kind, "region");
    assert.equal(subs[0].spec.polygon.type, "Polygon");
    const ring: [number, number][] = subs[0].spec.polygon.coordinates[0];
    const place = await page.evaluate(async (id) => (await (await fetch(`/api/events/${id}`)).json()).place, eventId);
    const lons = ring.map((c) => c[0]);
    const lats = ring.map((c) => c[1]);
    assert.ok(place.lon >= Math.min(...lons) && place.lon <= Math.max(...lons) && place.lat >= Math.min(...lats) && place.lat <= Math.max(...lats), "the watched view contains the event");

    // A new report inside the watched view arrives as notifications on the open page (its event,
    // and the alerts it makes), each with a link to what it is about.
    const newIds = await ingestFromPage(page, LATER, "2017-09-20T09:00:00Z");
    const open = page.locator("#sitrep-toasts .sitrep-toast a.toast-open", { hasText: "open the event" }).first();
    await open.waitFor({ timeout: 20_000 });
    await screenshot(page, "alerts-03-notified");
    await open.click();
    await page.waitForFunction((ids) => ids.includes(document.querySelector("#panel .event")?.getAttribute("data-event-id") ?? ""), newIds, { timeout: 10_000 });

    // Draw a region: three clicks on the map (away from the event point), then watch it.
    await page.click("#draw-region");
    const box = (await page.locator("#map").boundingBox())!;
    const [cx, cy] = [box.x + box.width / 2, box.y + box.height / 2];
    for (const [dx, dy] of [
      [-160, -120],
      [160, -120],
      [0, 150],
    ])
      await page.mouse.click(cx + dx, cy + dy);
    assert.equal(await page.locator("#draw-finish").isEnabled(), true);
    await screenshot(page, "alerts-04-draw");
    await page.click("#draw-finish");
    await page.locator("#watch-msg.ok", { hasText: "Drawn region" }).waitFor({ timeout: 10_000 });
    const drawn = await page.evaluate(async () => (await (await fetch("/api/subscriptions")).json()).items.find((x: { name: string }) => /Drawn/.test(x.name)));
    assert.equal(drawn.spec.polygon.type, "Polygon");
    assert.equal(drawn.spec.polygon.coordinates[0].length, 4, "three corners and the closing position");
    const [dLon, dLat] = drawn.spec.polygon.coordinates[0][0];
    const center = await page.evaluate(() => (window as unknown as { sitrep: { map: { getCenter(): { lng: number; lat: number } } } }).sitrep.map.getCenter());
    assert.ok(dLon < center.lng && dLat > center.lat, "the first corner is up and left of the map's centre, where it was clicked");

    // Opening #/alerts/<id> directly focuses that alert.
    const alertId = await page.evaluate(async () => (await (await fetch("/api/alerts")).json()).items[0].id);
    await page.goto(`${s.url}/#/alerts/${alertId}`);
    await page.locator(`.alert-card.focus[data-alert-id="${alertId}"]`).waitFor({ timeout: 15_000 });

    assert.deepEqual(foreignRequests(s), [], "the page asks nothing of other origins");
    assert.deepEqual(s.pageErrors, []);
    assert.deepEqual(s.dialogs, []);
  });
});
