// Untrusted article text and HTML in a real browser: script tags, event-handler attributes and
// javascript: links, ingested through the page, must never run or become live markup.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { browserSkip, openSession, type Session, screenshot } from "./harness.js";

const HOSTILE_HTML = `<!doctype html><html><head><title>Militia attack near Aleppo <script>window.__xss="title"</script></title>
<meta property="article:published_time" content="2018-03-02T10:00:00Z">
<script>window.__xss = "head"; alert("head")</script></head>
<body onload="window.__xss='body'"><article><h1>Militia attack near Aleppo</h1>
<p>Gunmen from a pro-government militia attacked a checkpoint held by Syrian rebels near Aleppo on Thursday, killing four fighters, the Syrian Observatory for Human Rights said. <img src="x" onerror="window.__xss='img';alert('img')"></p>
<p>Read the <a href="javascript:window.__xss='link';alert('link')">full statement</a> from the rebels, who said they repelled the attack. <svg onload="window.__xss='svg'"></svg><iframe src="javascript:alert('iframe')"></iframe></p>
<p>Rebel commanders said the militia, backed by Iran, had shelled the area for two days before the attack.</p>
</article></body></html>`;

const HOSTILE_TEXT = `Clashes reported in Idlib <script>window.__xss="text-title"</script>

Syrian rebels clashed with government forces near Idlib on Monday <img src=x onerror="window.__xss='text-img'">, a monitoring group said.

Activists posted a link javascript:alert('text') and <a href="javascript:alert(1)">this</a> on social media, according to the Syrian Observatory for Human Rights.`;

describe("untrusted article content", { skip: browserSkip }, () => {
  let s: Session;
  before(async () => {
    s = await openSession();
  });
  after(async () => {
    await s?.close();
  });

  test("script tags, on* attributes and javascript: links never run", async () => {
    const { page } = s;
    await page.goto(`${s.url}/#/ingest`);
    await page.waitForFunction(() => (window as unknown as { sitrep: { ready: boolean } }).sitrep?.ready);
    for (const [i, content] of [HOSTILE_HTML, HOSTILE_TEXT].entries()) {
      await page.fill("#ingest-text", content);
      await page.click("#ingest-text-go");
      await page.locator(`#ingest-log li:not(.pending)`).nth(0).waitFor({ timeout: 30000 });
      await page.waitForFunction((n) => document.querySelectorAll("#ingest-log li:not(.pending)").length >= n, i + 1, { timeout: 30000 });
    }
    const results = await page.locator("#ingest-log li").allInnerTexts();
    assert.equal(results.length, 2);
    for (const r of results) assert.match(r, /inserted/, r);

    // Open every stored article in the reader and every event in the panel.
    const articleIds = await page.evaluate(async () => ((await (await fetch("/api/articles")).json()).items as { id: string }[]).map((a) => a.id));
    assert.equal(articleIds.length, 2);
    for (const id of articleIds) {
      await page.evaluate((x) => {
        location.hash = `#/article/${encodeURIComponent(x)}`;
      }, id);
      await page.locator("#view-reader .reader").waitFor();
      const live = await page.evaluate(() => {
        const root = document.getElementById("view-reader")!;
        return {
          elements: root.querySelectorAll("script, img, svg, iframe, object, embed").length,
          handlers: [...root.querySelectorAll("*")].filter((el) => [...el.attributes].some((at) => /^on/i.test(at.name))).length,
          text: root.innerText,
        };
      });
      assert.equal(live.elements, 0, "no markup from the article became elements");
      assert.equal(live.handlers, 0, "no event-handler attribute from the article");
    }
    await screenshot(s.page, "08-hostile-reader");
    const eventIds = await page.evaluate(async () => ((await (await fetch("/api/events")).json()).items as { id: string }[]).map((e) => e.id));
    for (const id of eventIds) {
      await page.evaluate((x) => {
        location.hash = `#/event/${x}`;
      }, id);
      await page.locator(`#panel .event[data-event-id="${id}"]`).waitFor();
    }
    await page.click('a[data-view="articles"]');
    await page.locator(".articles li").first().waitFor();
    await page.waitForTimeout(300);

    const state = await page.evaluate(() => ({
      xss: (window as unknown as { __xss?: string }).__xss,
      jsLinks: [...document.querySelectorAll("a[href]")].filter((a) => /^\s*javascript:/i.test(a.getAttribute("href") ?? "")).length,
      handlers: [...document.querySelectorAll("*")].filter((el) => [...el.attributes].some((at) => /^on/i.test(at.name))).length,
      scripts: [...document.querySelectorAll("script")].filter((sc) => !sc.src).length,
    }));
    assert.equal(state.xss, undefined, "no injected script ran");
    assert.equal(state.jsLinks, 0, "no javascript: link reached the page");
    assert.equal(state.handlers, 0, "no event-handler attribute reached the page");
    assert.equal(state.scripts, 0, "no inline script element exists");
    assert.deepEqual(s.dialogs, [], "no alert() opened");
  });
});
