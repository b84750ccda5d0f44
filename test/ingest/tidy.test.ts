// The one-walk tidy of an article's container: what is not prose goes, prose stays.
import assert from "node:assert/strict";
import { test } from "node:test";
import { parseDocument } from "../../src/ingest/html/dom.js";
import { blocksOf } from "../../src/ingest/html/text.js";
import { tidyArticle } from "../../src/ingest/html/tidy.js";

const prose = (n: number) =>
  `<p>Paragraph ${n} says that the convoy, which left at dawn, reached the town by noon, and residents, officials and medics described what they saw.</p>`;

test("tidyArticle: link lists, author boxes, chrome-named blocks and the article header go; prose stays", () => {
  const doc = parseDocument(`<html><body><article id="a">
    <header><h1>Headline</h1><p>By Jane Example, 9 September 2017</p></header>
    <div class="body">${prose(1)}${prose(2)}</div>
    <div><a href="/x">More on this story</a> <a href="/y">Another story</a></div>
    <div class="author-box">Jane Example writes on security</div>
    <div class="social-share-tools">Share this</div>
    <div>${prose(3)}<p>Read <a href="/z">the full report</a> on the ministry's site, where, as ever, the figures are given.</p></div>
    <ul><li>A list item of the article</li><li>Another list item</li></ul>
  </article></body></html>`);
  const el = doc.getElementById("a")!;
  const removed = tidyArticle(el);
  const texts = blocksOf(el).map((b) => b.text);
  assert.ok(texts.some((t) => t.startsWith("Paragraph 1")), `prose kept: ${texts.join(" | ")}`);
  assert.ok(texts.some((t) => t.startsWith("Paragraph 3")), `prose with a link kept: ${texts.join(" | ")}`);
  assert.ok(texts.some((t) => t.startsWith("Read the full report")), "a sentence holding a link is kept");
  assert.ok(texts.includes("A list item of the article"), "a plain list is kept");
  for (const gone of ["More on this story", "Jane Example writes", "Share this", "By Jane Example", "Headline"])
    assert.ok(!texts.some((t) => t.includes(gone)), `"${gone}" removed: ${texts.join(" | ")}`);
  assert.ok(removed >= 4, `removed ${removed}`);
});

test("tidyArticle: an empty or text-free container is left as it is", () => {
  const doc = parseDocument(`<html><body><div id="a"></div><div id="b">${prose(1)}</div></body></html>`);
  assert.equal(tidyArticle(doc.getElementById("a")!), 0, "nothing to remove in an empty element");
  assert.equal(tidyArticle(doc.getElementById("b")!), 0, "a plain paragraph is kept");
});

test("tidyArticle: a block holding most of the article stays even when its name sounds like chrome", () => {
  const doc = parseDocument(
    `<html><body><div id="a"><div class="related-wrapper">${prose(1)}${prose(2)}${prose(3)}</div><div class="related">Short related box</div>${prose(4)}</div></body></html>`,
  );
  const el = doc.getElementById("a")!;
  tidyArticle(el);
  const texts = blocksOf(el).map((b) => b.text);
  assert.ok(texts.some((t) => t.startsWith("Paragraph 2")), `the big block is kept: ${texts.join(" | ")}`);
  assert.ok(!texts.includes("Short related box"), "the small block of the same name goes");
});
