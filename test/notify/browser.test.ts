// In a real browser (Debian's Chromium through playwright-core): register on the account page,
// allow notifications, subscribe to a region (Deir ez-Zor + 50 km), ingest an article that creates
// an event there, and see the notification arrive (in-page toast and a service-worker notification);
// then an analyst's review correction shows up in the reviewed export.
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { chromium } from "playwright-core";
import { startServer } from "../../src/api/server.js";
import { openStore } from "../../src/store/index.js";

const CHROMIUM = process.env.SITREP_TEST_CHROMIUM ?? "/usr/bin/chromium";
const skip = existsSync(CHROMIUM) ? false : `needs Chromium at ${CHROMIUM} (set SITREP_TEST_CHROMIUM; .ci/run installs Debian's chromium)`;

const ARTICLE = `Syrian army breaks siege of Deir ez-Zor

BEIRUT (Reuters) - Syrian government forces and their allies on Tuesday broke a three-year Islamic State siege of the city of Deir ez-Zor, state media said, after fierce clashes with the militants on the city's western edge.`;

test("register, subscribe to a region, ingest, see the notification; a correction reaches the export", { skip, timeout: 120_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), "sitrep-notify-web-"));
  const store = await openStore(join(dir, "sitrep.db"));
  const { app, url } = await startServer(store, { port: 0, host: "127.0.0.1", webRoot: join(dir, "no-web") });
  const context = await chromium.launchPersistentContext(join(dir, "profile"), {
    executablePath: CHROMIUM,
    headless: true,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  try {
    await context.grantPermissions(["notifications"], { origin: url });
    const page = context.pages()[0] ?? (await context.newPage());
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    if (process.env.DEBUG_BROWSER) page.on("response", async (r) => console.log("RESP", r.request().method(), r.url(), r.status()));
    if (process.env.DEBUG_BROWSER) page.on("console", (m) => console.log("CONSOLE", m.text()));
    await page.goto(`${url}/account`);

    await page.fill("#register input[name=email]", "ana@example.org");
    await page.fill("#register input[name=displayName]", "Ana <b>analyst</b>");
    await page.fill("#register input[name=password]", "a long enough passphrase");
    await page.click("#register button[type=submit]");
    await page.waitForSelector("#signed-in:not([hidden])");
    assert.equal(await page.textContent("#who"), "Ana <b>analyst</b> (admin)", "names are shown as text");

    await page.click("#enable-notifications");
    await page.waitForFunction(() => document.getElementById("permission")?.textContent === "granted");
    await page.waitForFunction(async () => !!(await navigator.serviceWorker.getRegistration("/")));

    await page.fill("#subscribe input[name=placeName]", "Deir ez-Zor");
    await page.fill("#subscribe input[name=lat]", "35.336");
    await page.fill("#subscribe input[name=lon]", "40.141");
    await page.fill("#subscribe input[name=radiusKm]", "50");
    await page.click("#subscribe button[type=submit]");
    await page.waitForSelector("#subscriptions li", { timeout: 30_000 }).catch(async (e) => {
      throw new Error(`${e.message}; page says: ${await page.textContent("#message")}`);
    });
    assert.match((await page.textContent("#subscriptions li")) ?? "", /50 km around Deir ez-Zor/);
    await page.waitForSelector("html[data-sitrep-stream=open]");

    // Ingest through the API, as the web app's paste box does.
    const ingest = await page.evaluate(async (text) => {
      const r = await fetch("/api/ingest", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ text, publishedAt: "2017-09-05T10:00:00Z" }) });
      return r.json();
    }, ARTICLE);
    const eventIds: string[] = ingest.articles[0].eventIds;
    assert.ok(eventIds.length > 0, JSON.stringify(ingest));

    await page.waitForSelector(".sitrep-toast", { timeout: 20_000 });
    const toast = (await page.textContent(".sitrep-toast")) ?? "";
    assert.match(toast, /Deir ez-Zor/);
    const shown = await page.evaluate(async () => {
      const reg = await navigator.serviceWorker.getRegistration("/");
      return (await reg!.getNotifications()).map((n) => `${n.title} | ${n.body}`);
    });
    assert.ok(shown.some((s) => /Deir ez-Zor/.test(s)), JSON.stringify(shown));
    assert.match((await page.textContent("#notifications")) ?? "", /Deir ez-Zor/);

    // The first account is admin: correct the event, then read the reviewed export.
    const exported = await page.evaluate(async (id) => {
      const me = await (await fetch("/api/auth/me")).json();
      const r = await fetch(`/api/reviews/${id}`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-csrf-token": me.csrfToken },
        body: JSON.stringify({ action: "correct", changes: { subEventType: "Government regains territory", fatalities: 12 }, note: "siege broken" }),
      });
      if (r.status !== 201) return { error: await r.text() };
      return (await (await fetch("/api/export/reviewed")).text()).trim().split("\n").map((l) => JSON.parse(l));
    }, eventIds[0]);
    assert.ok(Array.isArray(exported), JSON.stringify(exported));
    assert.equal(exported.length, 1);
    assert.equal(exported[0].id, eventIds[0]);
    assert.equal(exported[0].subEventType, "Government regains territory");
    assert.equal(exported[0].fatalities, 12);
    assert.deepEqual(exported[0].reviewedBy, ["Ana <b>analyst</b>"]);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
    await app.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
