// Scraped page text (no markup, site chrome still in it): the seed page as a golden file,
// plus small cases for the rules behind it.
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { test } from "node:test";
import { readInputs } from "../../src/ingest/index.js";
import { parseScrapedText, splitCaption } from "../../src/ingest/scraped.js";
import type { Article } from "../../src/types/index.js";
import { assertGolden } from "./golden.js";

const SEED = "../shared/data/seed/independent-2017-09-09-syria-deir-ezzor.txt";

async function readOne(path: string): Promise<Article> {
  for await (const r of readInputs([path])) {
    assert.ok(r.ok, r.ok ? "" : r.message);
    return r.article;
  }
  throw new Error("no article");
}

test("seed page: golden file", { skip: existsSync(SEED) ? false : "needs ../shared/data (absent)" }, async () => {
  const a = await readOne(SEED);
  assert.ok(a.body.startsWith("US-backed forces and Syrian government troops"), a.body.slice(0, 80));
  assert.ok(a.body.endsWith("terrorist group,” it added."), a.body.slice(-80));
  for (const chrome of ["notifications", "Your support", "donation", "commenting forum", "registering", "refresh the page", "Additional reporting"])
    assert.ok(!a.body.includes(chrome), `body still holds "${chrome}"`);
  assert.equal(a.byline, "Rachel Roberts");
  assert.equal(a.publishedAt, "2017-09-09T17:49:00-04:00");
  assert.equal(a.outlet, "The Independent");
  assert.deepEqual(a.credits, ["Additional reporting by Reuters"]);
  assert.equal(a.captions[0]?.credit, "Reuters");
  assert.match(a.title ?? "", /^US troops and Russia-backed Syrian forces/);
  assert.match(a.standfirst ?? "", /^There are considerable tensions/);
  assert.equal(a.body.split("\n\n").length, 26);
  assertGolden("test/fixtures/ingest/seed", { ...a, source: "../shared/data/seed/independent-2017-09-09-syria-deir-ezzor.txt" });
});

test("a scraped page without dateline or byline keeps its first paragraph", () => {
  const p = parseScrapedText("Hello world. This is a line.");
  assert.deepEqual(p.paragraphs, ["Hello world. This is a line."]);
  assert.equal(p.title, undefined);
});

test("headline then prose: the headline is taken, the prose stays", () => {
  const prose = "Government forces shelled the northern districts of the city on Tuesday, residents said, as fighting spread to the outskirts.";
  const p = parseScrapedText(`Shelling hits northern districts\n\n${prose}\n\nShare this article\n\nAdvertisement\n\n${prose}`);
  assert.equal(p.title, "Shelling hits northern districts");
  assert.deepEqual(p.paragraphs, [prose, prose]);
});

test("donation appeal runs are cut from opener to closer", () => {
  const body = "Rebels said on Monday they had taken three villages north of the town after two days of heavy fighting with government troops.";
  const text = [
    "Rebels take villages",
    "John Smith",
    "Monday 5 March 2018 10:00 GMT",
    "Your support helps us to tell the story",
    "Our reporters are on the ground. We need your help to keep our journalism free.",
    "Your support makes all the difference.",
    body,
  ].join("\n\n");
  const p = parseScrapedText(text);
  assert.deepEqual(p.paragraphs, [body]);
  assert.equal(p.byline, "John Smith");
  assert.equal(p.publishedAt, "2018-03-05T10:00:00+00:00");
});

test("captions and their credits", () => {
  assert.deepEqual(splitCaption("Fighters near Raqqa (AFP/Getty Images)"), { text: "Fighters near Raqqa", credit: "AFP/Getty Images" });
  assert.deepEqual(splitCaption("A destroyed tank (Reuters)"), { text: "A destroyed tank", credit: "Reuters" });
  assert.equal(splitCaption("The ceasefire was agreed on Friday (local time)"), undefined);
});

test("another site's scraped shape: section label, share links, labelled photo credit, tag list", async () => {
  const dir = "test/fixtures/ingest/scraped-labelled";
  const a = await readOne(`${dir}/input.txt`);
  assert.equal(a.title, "Syrian army breaks Isis siege of Deir ez-Zor");
  assert.match(a.standfirst ?? "", /^Government forces reach/);
  assert.equal(a.byline, "Martin Chulov");
  assert.equal(a.publishedAt, "2017-09-05T18:02:00+01:00");
  assert.deepEqual(a.captions, [{ text: "Syrian government forces advance towards Deir ez-Zor", credit: "AFP/Getty Images" }]);
  assert.ok(a.body.startsWith("Syrian troops have broken"));
  assert.ok(a.body.endsWith("said in a statement."));
  assertGolden(dir, a);
});

test("a wire-service shape: label and dateline above the headline, read time, standards line", async () => {
  const dir = "test/fixtures/ingest/scraped-wire";
  const a = await readOne(`${dir}/input.txt`);
  assert.equal(a.title, "U.S.-backed Syrian militias launch offensive in Deir al-Zor");
  assert.equal(a.byline, "Rodi Said");
  assert.equal(a.publishedAt, "2017-09-09T18:21:00");
  assert.equal(a.standfirst, undefined);
  assert.ok(a.body.startsWith("AL-SHADADI, Syria (Reuters)"));
  assert.ok(a.body.endsWith("a commander told Reuters."));
  assert.deepEqual(a.credits, ["Reporting by Rodi Said; Writing by Tom Perry; Editing by Andrew Bolton"]);
  assertGolden(dir, a);
});

test("captions: labelled and bracketed credits", () => {
  assert.deepEqual(splitCaption("Smoke over the old city. Photograph: AFP/Getty Images"), { text: "Smoke over the old city", credit: "AFP/Getty Images" });
  assert.deepEqual(splitCaption("US troops remain in the country [File: Reuters]"), { text: "US troops remain in the country", credit: "Reuters" });
});

test("runs of blanks (tabs, no-break spaces, double spaces) become one space; a single space stays", () => {
  const prose = "Government forces said on Tuesday they had taken the town after a week of fighting with the rebels, residents said.";
  const messy = prose.replace("said on", "said\t \u00a0on").replace("taken the", "taken  the").replace("a week", "a\u00a0\u00a0week");
  const p = parseScrapedText(`${messy}\n${prose}`);
  assert.deepEqual(p.paragraphs, [prose, prose], "the messy line reads as the clean one; the clean one is unchanged");
});
