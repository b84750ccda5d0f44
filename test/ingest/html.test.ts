// HTML pages: the seed-like page as a golden file, boilerplate removal, metadata sources.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { extractHtml } from "../../src/ingest/html/extract.js";
import { readInputs } from "../../src/ingest/index.js";
import type { Article } from "../../src/types/index.js";
import { assertGolden } from "./golden.js";

const FIX = "test/fixtures/ingest/seed-html";

async function all(inputs: string[]) {
  const out = [];
  for await (const r of readInputs(inputs)) out.push(r);
  return out;
}

test("seed-like HTML page: golden file", async () => {
  const [r] = await all([`${FIX}/input.html`]);
  assert.ok(r?.ok);
  const a = (r as { article: Article }).article;
  assert.ok(a.body.startsWith("Two rival campaigns"), a.body.slice(0, 60));
  assert.ok(a.body.endsWith("before the fighting settles."));
  for (const chrome of ["notifications", "cookie", "Your support", "donation", "Related stories", "newsletter", "commenting", "registering", "rights reserved", "Home"])
    assert.ok(!a.body.includes(chrome), `body still holds "${chrome}"`);
  assert.equal(a.byline, "Jane Example");
  assert.equal(a.publishedAt, "2017-09-09T17:49:00-04:00");
  assert.equal(a.outlet, "The Daily Example");
  assert.equal(a.language, "en");
  assert.deepEqual(a.captions, [{ text: "Fighters on the road to Deir Ezzor", credit: "Reuters" }]);
  assert.ok(!a.body.includes("Fighters on the road"), "the caption stays out of the body");
  assert.deepEqual(a.credits, ["Additional reporting by Reuters"]);
  assertGolden(FIX, a);
});

const para = (n: number) =>
  `<p>Paragraph ${n} of the report describes the fighting around the town in some detail, with quotes from residents and officials who saw it.</p>`;

test("link lists, share bars and hidden blocks are not body text", () => {
  const html = `<html><body><article><h1>Headline here</h1>${para(1)}
    <div class="share-tools"><a href="#">Share on Facebook</a> <a href="#">Tweet</a></div>
    ${para(2)}<div style="display:none"><p>Hidden promotional text that should never appear in the body at all.</p></div>
    <p>Read more: <a href="/x">Another story about something else entirely</a></p>${para(3)}
    <p>Advertisement</p>${para(4)}</article></body></html>`;
  const r = extractHtml(html);
  assert.deepEqual(
    r.paragraphs.map((p) => p.slice(0, 11)),
    ["Paragraph 1", "Paragraph 2", "Paragraph 3", "Paragraph 4"],
  );
});

test("metadata from JSON-LD @graph, meta tags and <time>", () => {
  const ld = { "@graph": [{ "@type": "WebSite", name: "Site" }, { "@type": "NewsArticle", headline: "From JSON-LD", datePublished: "2018-03-05T10:00:00+03:00", author: [{ name: "Ann Lee" }, { name: "Bob Ray" }], publisher: { name: "Example News" } }] };
  const html = `<html lang="fr"><head><script type="application/ld+json">${JSON.stringify(ld)}</script></head><body><article>${para(1)}${para(2)}</article></body></html>`;
  const r = extractHtml(html);
  assert.equal(r.title, "From JSON-LD");
  assert.equal(r.publishedAt, "2018-03-05T10:00:00+03:00");
  assert.equal(r.byline, "Ann Lee and Bob Ray");
  assert.equal(r.outlet, "Example News");
  assert.equal(r.language, "fr");
  const noLd = extractHtml(`<html><head><meta property="article:published_time" content="2019-06-09T17:49:00+01:00"></head><body><article><time datetime="2000-01-01">x</time>${para(1)}</article></body></html>`);
  assert.equal(noLd.publishedAt, "2019-06-09T17:49:00+01:00");
  const timeOnly = extractHtml(`<html><body><article><time datetime="2020-02-02T08:00:00Z">Feb 2</time>${para(1)}</article></body></html>`);
  assert.equal(timeOnly.publishedAt, "2020-02-02T08:00:00Z");
});

test("the declared language is checked against the body", async () => {
  const html = readFileSync(`${FIX}/input.html`, "utf8").replace('lang="en-GB"', 'lang="de"');
  const r = extractHtml(html);
  assert.equal(r.language, "de");
  const { makeArticle } = await import("../../src/ingest/article.js");
  assert.equal(makeArticle({ ...r, source: "x", format: "html" }).language, "en");
});

test("when Readability finds little, the publisher's JSON-LD articleBody is used", () => {
  const body = "The full article text as the publisher gives it. ".repeat(20);
  const html = `<html><head><script type="application/ld+json">${JSON.stringify({ "@type": "NewsArticle", articleBody: body })}</script></head><body><div class="paywall-teaser"><p>Subscribe to read.</p></div></body></html>`;
  const r = extractHtml(html);
  assert.equal(r.via, "jsonld");
  assert.equal(r.body, body.trim());
});

test("a page without <article>/<main>: the paragraph container is found, sidebars left out", () => {
  const side = `<div class="col-right"><p>Sidebar text about an unrelated product launch, long enough to look like a paragraph of prose here.</p></div>`;
  const html = `<html><body><div id="wrap"><div class="col-left">${para(1)}${para(2)}${para(3)}${para(4)}${para(5)}${para(6)}</div>${side}</div></body></html>`;
  const r = extractHtml(html);
  assert.equal(r.paragraphs.length, 6);
  assert.ok(!r.body.includes("Sidebar text"));
});

test("an unclosed <script> swallows the rest, as in a browser, without rescanning the page", () => {
  const html = `<html><body><article>${para(1)}${para(2)}</article>${"<script>var x = 1;".repeat(2000)}<p>never shown</p></body></html>`;
  const r = extractHtml(html);
  assert.equal(r.paragraphs.length, 2);
  assert.ok(!r.body.includes("never shown"));
});

test("paragraphs are separated by exactly one blank line, also for <br><br> pages", async () => {
  const { makeArticle } = await import("../../src/ingest/article.js");
  const html = `<html><body><div class="post">First paragraph of a page that uses line breaks, long enough to count as prose.<br><br><br>Second paragraph, which is also long enough to count as prose on this page.<br>With a second line.</div></body></html>`;
  const a = makeArticle({ ...extractHtml(html), source: "x", format: "html" });
  assert.equal(
    a.body,
    "First paragraph of a page that uses line breaks, long enough to count as prose.\n\nSecond paragraph, which is also long enough to count as prose on this page.\nWith a second line.",
  );
});

test("a captioned figure inside the article: caption and credit kept apart from the body", () => {
  const html = `<html><body><article>${para(1)}<figure><img src="x.jpg"><figcaption>Smoke rises over the old city. Photograph: AFP/Getty Images</figcaption></figure>${para(2)}</article></body></html>`;
  const r = extractHtml(html);
  assert.equal(r.paragraphs.length, 2);
  assert.deepEqual(r.captions, [{ text: "Smoke rises over the old city", credit: "AFP/Getty Images" }]);
});

test("a standfirst marked by data-testid is read (the attribute survives the pre-parse pass)", () => {
  const sf = "Government forces reached the edge of the city after a week of heavy fighting, officials said";
  const html = `<html><head><meta name="description" content="A different summary of the story for search engines."></head><body><article><h1>Headline of the report</h1><div data-testid="standfirst"><p>${sf}</p></div>${para(1)}${para(2)}</article></body></html>`;
  const r = extractHtml(html);
  assert.equal(r.standfirst, sf, `standfirst: ${r.standfirst}`);
  assert.ok(!r.body.includes("Government forces reached"), "the standfirst is not repeated in the body");
});

test("a page in another European language: dateline month names are read", () => {
  const r = extractHtml(`<html lang="fr"><body><article><time>Publié le 9 septembre 2017 à 17:49</time>${para(1)}</article></body></html>`);
  assert.equal(r.publishedAt, "2017-09-09T17:49:00", `publishedAt from "${r.dateUnparsed ?? ""}"`);
});

test("paragraphs spread over sibling blocks: the best-scoring block, widened to hold most of them, is the article", () => {
  const side = (n: number) => `<p>Other story number ${n} from another desk runs here in a box beside the report text</p>`;
  const html = `<html><body><div id="story"><div class="part">${para(1)}${para(2)}</div><div class="part">${para(3)}${para(4)}</div></div><div class="extra-box">${side(1)}${side(2)}</div></body></html>`;
  const r = extractHtml(html);
  assert.equal(r.via, "article", `read via ${r.via}`);
  for (const n of [1, 2, 3, 4]) assert.ok(r.body.includes(`Paragraph ${n} of`), `paragraph ${n} kept: ${r.body.slice(0, 80)}`);
  assert.ok(!r.body.includes("Other story"), "the box beside the article is left out");
});
