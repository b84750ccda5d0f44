// Every reader through readInputs: files by extension and by content, directories,
// JSON Lines, RSS and Atom feeds, standard input, and the bad-input paths.
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { after, test } from "node:test";
import { gzipSync } from "node:zlib";
import { type ReadOptions, type ReadResult, readInputs } from "../../src/ingest/index.js";
import type { Article } from "../../src/types/index.js";

const dir = mkdtempSync(join(tmpdir(), "sitrep-ingest-"));
after(() => rmSync(dir, { recursive: true, force: true }));
const P = (n: number) =>
  `<p>Paragraph ${n}: government forces and rebel fighters exchanged fire near the town on Tuesday, according to residents and a monitoring group.</p>`;
const PAGE = `<!doctype html><html lang="en"><head><title>Clashes near the town</title></head><body><article><h1>Clashes near the town</h1>${P(1)}${P(2)}${P(3)}</article></body></html>`;

async function read(inputs: string[], opts: ReadOptions = {}): Promise<ReadResult[]> {
  const out: ReadResult[] = [];
  for await (const r of readInputs(inputs, opts)) out.push(r);
  return out;
}
const articles = (rs: ReadResult[]) => rs.filter((r): r is { ok: true; article: Article } => r.ok).map((r) => r.article);
const failures = (rs: ReadResult[]) => rs.filter((r) => !r.ok) as Extract<ReadResult, { ok: false }>[];

test("HTML files: .html, .htm and .html.gz", async () => {
  writeFileSync(join(dir, "a.html"), PAGE);
  writeFileSync(join(dir, "b.htm"), PAGE);
  writeFileSync(join(dir, "c.html.gz"), gzipSync(PAGE));
  const rs = await read([join(dir, "a.html"), join(dir, "b.htm"), join(dir, "c.html.gz")]);
  const as = articles(rs);
  assert.equal(as.length, 3);
  for (const a of as) {
    assert.equal(a.format, "html");
    assert.equal(a.title, "Clashes near the town");
    assert.equal(a.body.split("\n\n").length, 3);
  }
  // the same body gives the same content id
  assert.equal(as[0]!.id, as[2]!.id);
  assert.match(as[0]!.id, /^[0-9a-f]{16}$/);
});

test("JSON Lines: ids kept, html or text, bad lines reported with their line number", async () => {
  const lines = [
    JSON.stringify({ id: "g-1", url: "https://www.theguardian.com/world/x", publishedAt: "2018-01-20T12:00:00+00:00", text: "Turkish jets struck positions held by the Kurdish militia in the Afrin region on Saturday, the army said." }),
    "{not json",
    JSON.stringify({ id: 7, outlet: "Example", title: "A page", html: PAGE }),
    JSON.stringify({ id: "no-body" }),
    "",
    JSON.stringify(["an", "array"]),
    JSON.stringify({ id: "bad-date", publishedAt: "someday", text: "Some text that is long enough to be a paragraph of its own, with a full stop." }),
  ];
  writeFileSync(join(dir, "in.jsonl"), lines.join("\n"));
  const rs = await read([join(dir, "in.jsonl")]);
  const as = articles(rs);
  assert.deepEqual(as.map((a) => a.id), ["g-1", "7", "bad-date"]);
  assert.equal(as[0]!.outlet, "The Guardian");
  assert.equal(as[0]!.publishedAt, "2018-01-20T12:00:00+00:00");
  assert.equal(as[0]!.source, `${join(dir, "in.jsonl")}:1`);
  assert.ok(as[0]!.body.startsWith("Turkish jets"));
  assert.equal(as[1]!.title, "A page");
  assert.equal(as[1]!.outlet, "Example");
  assert.equal(as[2]!.warnings[0]?.code, "DATE_UNPARSED");
  assert.deepEqual(
    failures(rs).map((f) => [f.input.split(":").pop(), f.code]),
    [["2", "JSONL_LINE_INVALID"], ["4", "JSONL_LINE_INVALID"], ["6", "JSONL_LINE_INVALID"]],
  );
});

const RSS = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Example Wire</title>
<item><title>Offensive launched</title><link>https://example.org/1</link><pubDate>Sat, 09 Sep 2017 17:49:00 -0400</pubDate><dc:creator>Rachel Roberts</dc:creator>
<content:encoded><![CDATA[<p>The alliance launched an offensive on Saturday.</p><p>Officials said it would be quick.</p>]]></content:encoded></item>
<item></item>
<item><title>Second item</title><link>https://example.org/2</link><pubDate>not a date</pubDate><description>Fighting continued overnight.</description></item>
</channel></rss>`;

const ATOM = `<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Atom Example</title>
<entry><title>Atom entry</title><link href="https://example.org/atom/1"/><id>urn:1</id><published>2019-06-09T17:49:00+01:00</published><author><name>Jane Example</name></author>
<content type="html">&lt;p&gt;First paragraph of the entry.&lt;/p&gt;&lt;p&gt;Second paragraph.&lt;/p&gt;</content></entry></feed>`;

test("RSS: one article per item with its own date, link and author; broken items reported, others go on", async () => {
  writeFileSync(join(dir, "feed.xml"), RSS);
  const rs = await read([join(dir, "feed.xml")]);
  const as = articles(rs);
  assert.equal(as.length, 2);
  assert.equal(as[0]!.format, "feed");
  assert.equal(as[0]!.url, "https://example.org/1");
  assert.equal(as[0]!.byline, "Rachel Roberts");
  assert.equal(as[0]!.publishedAt, "2017-09-09T17:49:00-04:00");
  assert.equal(as[0]!.outlet, "Example Wire");
  assert.equal(as[0]!.body, "The alliance launched an offensive on Saturday.\n\nOfficials said it would be quick.");
  assert.deepEqual(as[0]!.warnings.map((w) => [w.code, w.where]), [["FEED_ITEM_SKIPPED", `${join(dir, "feed.xml")}#item2`]]);
  assert.deepEqual(as[1]!.warnings.map((w) => w.code), ["FEED_ITEM_SKIPPED", "DATE_UNPARSED"]);
  assert.deepEqual(failures(rs), []);
});

test("Atom feed from a file", async () => {
  writeFileSync(join(dir, "feed.atom"), ATOM);
  const [a] = articles(await read([join(dir, "feed.atom")]));
  assert.equal(a?.title, "Atom entry");
  assert.equal(a?.url, "https://example.org/atom/1");
  assert.equal(a?.publishedAt, "2019-06-09T17:49:00+01:00");
  assert.equal(a?.byline, "Jane Example");
  assert.equal(a?.body, "First paragraph of the entry.\n\nSecond paragraph.");
});

test("a feed that is not well-formed XML, or has no usable item, fails with FEED_INVALID", async () => {
  writeFileSync(join(dir, "broken.rss"), '<?xml version="1.0"?><rss><channel><item><title>x</title></item>');
  writeFileSync(join(dir, "hollow.rss"), '<?xml version="1.0"?><rss version="2.0"><channel><title>T</title><item></item><item><link>x</link></item></channel></rss>');
  const rs = await read([join(dir, "broken.rss"), join(dir, "hollow.rss")]);
  assert.deepEqual(failures(rs).map((f) => f.code), ["FEED_INVALID", "FEED_INVALID"]);
  assert.ok(failures(rs).every((f) => !f.message.includes("\n")));
});

test("directories are read recursively, known extensions only, in name order", async () => {
  const d = join(dir, "tree");
  mkdirSync(join(d, "sub", "deeper"), { recursive: true });
  writeFileSync(join(d, "one.html"), PAGE);
  writeFileSync(join(d, "sub", "two.txt"), "Headline of the text\n\nThe army said on Monday that it had retaken the district after a week of fighting, residents confirmed.");
  writeFileSync(join(d, "sub", "deeper", "three.html"), PAGE);
  writeFileSync(join(d, "image.png"), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0]));
  const as = articles(await read([d]));
  assert.deepEqual(as.map((a) => a.source.slice(d.length + 1)), ["one.html", "sub/deeper/three.html", "sub/two.txt"]);
  assert.equal(as[2]!.format, "text");
  assert.equal(as[2]!.title, "Headline of the text");
});

test("standard input: HTML, text, JSON Lines and feeds are told apart", async () => {
  const stdin = (s: string) => Readable.from([Buffer.from(s)]);
  const [h] = articles(await read(["-"], { stdin: stdin(PAGE) }));
  assert.equal(h?.format, "html");
  assert.equal(h?.source, "stdin");
  const [t] = articles(await read(["-"], { stdin: stdin("Headline\n\nA plain paragraph of text that is clearly written as a full sentence, with a stop.") }));
  assert.equal(t?.format, "text");
  const j = articles(await read(["-"], { stdin: stdin(`${JSON.stringify({ id: "s1", text: "One." })}\n${JSON.stringify({ id: "s2", text: "Two." })}\n`) }));
  assert.deepEqual(j.map((a) => [a.id, a.source]), [["s1", "stdin:1"], ["s2", "stdin:2"]]);
  const f = articles(await read(["-"], { stdin: stdin(RSS) }));
  assert.equal(f.length, 2);
});

test("bad input: empty, binary, too large, missing; each a one-line failure, the rest go on", async () => {
  writeFileSync(join(dir, "empty.html"), "");
  writeFileSync(join(dir, "blank.txt"), "  \n\n ");
  writeFileSync(join(dir, "binary.html"), Buffer.from(Array.from({ length: 4000 }, (_, i) => (i * 7919) % 256)));
  writeFileSync(join(dir, "big.html"), `<html><body>${"<p>word word word</p>".repeat(5000)}</body></html>`);
  writeFileSync(join(dir, "good.html"), PAGE);
  const rs = await read(
    [join(dir, "empty.html"), join(dir, "blank.txt"), join(dir, "binary.html"), join(dir, "big.html"), join(dir, "missing.html"), join(dir, "good.html")],
    { maxBytes: 50_000 },
  );
  assert.deepEqual(
    rs.map((r) => (r.ok ? "ok" : r.code)),
    ["EMPTY_INPUT", "EMPTY_INPUT", "BINARY_INPUT", "TOO_LARGE", "NOT_FOUND", "ok"],
  );
  for (const f of failures(rs)) assert.ok(!f.message.includes("\n") && !f.message.includes("    at "), f.message);
});

test("malformed HTML is read as far as it goes, never thrown", async () => {
  writeFileSync(join(dir, "mal.html"), `<html><body><div><p>Unclosed <b>bold text in the first paragraph, which goes on for a while to be read as prose.<p>Second<table><tr><td>cell</div></span></i></html>`);
  writeFileSync(join(dir, "tags-only.html"), "<html><head></head><body></body></html>");
  const rs = await read([join(dir, "mal.html"), join(dir, "tags-only.html")]);
  const [m, t] = rs;
  assert.ok(m?.ok && m.article.body.includes("Unclosed bold text"));
  assert.ok(t?.ok);
  assert.deepEqual(t.article.warnings.map((w) => w.code), ["MALFORMED_HTML", "NO_BODY"]);
});

test("a page date that cannot be parsed is a DATE_UNPARSED warning, not a guess", async () => {
  writeFileSync(join(dir, "baddate.html"), PAGE.replace("<head>", '<head><meta property="article:published_time" content="last Tuesday">'));
  const [a] = articles(await read([join(dir, "baddate.html")]));
  assert.equal(a?.publishedAt, undefined);
  assert.deepEqual(a?.warnings.map((w) => w.code), ["DATE_UNPARSED"]);
});
