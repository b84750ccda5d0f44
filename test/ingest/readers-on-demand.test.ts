// The HTML, feed and URL readers load on first need (src/ingest/readers-on-demand.ts), and iconv-lite
// when an input is not plain UTF-8 (src/ingest/decode.ts): text and JSON Lines text records load none,
// an HTML record met first (the reader loads mid-file) reads the same as when the reader was loaded
// before, and a page in windows-1252 loads iconv-lite and is decoded with it. Each case runs in a fresh
// process, since a reader once loaded stays loaded.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";

const root = join(import.meta.dirname, "..", "..");
const dir = mkdtempSync(join(tmpdir(), "sitrep-on-demand-"));
after(() => rmSync(dir, { recursive: true, force: true }));

const P = (n: number) =>
  `<p>Paragraph ${n}: government forces and rebel fighters exchanged fire near the town on Tuesday, according to residents and a monitoring group.</p>`;
const PAGE = `<!doctype html><html lang="en"><head><title>Clashes near the town</title></head><body><article><h1>Clashes near the town</h1>${P(1)}${P(2)}</article></body></html>`;
const TEXT = "Shelling hit the town overnight and fighting spread north of the river, officials said on Tuesday.\n\nA second paragraph says more about it.";

/** In a fresh process: optionally loads the HTML reader first, reads `inputs`, prints the results and what was loaded. */
function readFresh(inputs: string[], preload: boolean): { results: unknown[]; htmlLoaded: boolean; httpsLoaded: boolean; iconvLoaded: boolean } {
  const code = `
    const { readInputs } = await import("./src/ingest/index.ts");
    const lazy = await import("./src/ingest/readers-on-demand.ts");
    if (${preload}) await lazy.htmlReader();
    const results = [];
    for await (const r of readInputs(${JSON.stringify(inputs)})) results.push(r);
    const httpsLoaded = process.moduleLoadList.some((m) => /^NativeModule https$/.test(m));
    const { createRequire } = await import("node:module");
    const iconvLoaded = Object.keys(createRequire(import.meta.url).cache).some((f) => f.includes("/iconv-lite/"));
    console.log(JSON.stringify({ results, htmlLoaded: lazy.loadedHtmlReader() !== undefined, httpsLoaded, iconvLoaded }));`;
  const r = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", code], { cwd: root, encoding: "utf8" });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout);
}

test("text files and JSON Lines text records load neither the HTML reader, node:https nor iconv-lite", () => {
  writeFileSync(join(dir, "a.txt"), TEXT);
  writeFileSync(join(dir, "b.jsonl"), `${JSON.stringify({ id: "t1", text: TEXT })}\n${JSON.stringify({ id: "t2", title: "T", text: TEXT })}\n`);
  const r = readFresh([join(dir, "a.txt"), join(dir, "b.jsonl")], false);
  assert.equal(r.results.length, 3, "three articles read");
  assert.ok(r.results.every((x) => (x as { ok: boolean }).ok), JSON.stringify(r.results));
  assert.equal(r.htmlLoaded, false, "the HTML reader stayed unloaded");
  assert.equal(r.httpsLoaded, false, "node:https (the URL fetcher's) stayed unloaded");
  assert.equal(r.iconvLoaded, false, "iconv-lite (for inputs not in UTF-8) stayed unloaded");
});

test("an HTML record met before the HTML reader is loaded reads as when it was loaded", () => {
  const lines = [
    JSON.stringify({ id: "h1", url: "https://example.org/a", html: PAGE }),
    JSON.stringify({ id: "t1", text: TEXT }),
    JSON.stringify({ id: "h2", title: "Given title", html: PAGE.replace("Paragraph 2", "Paragraph two") }),
  ];
  writeFileSync(join(dir, "h.jsonl"), `${lines.join("\n")}\n`);
  writeFileSync(join(dir, "page.html"), PAGE);
  const inputs = [join(dir, "h.jsonl"), join(dir, "page.html")];
  const onDemand = readFresh(inputs, false);
  const preloaded = readFresh(inputs, true);
  assert.equal(onDemand.htmlLoaded, true, "the HTML records loaded the reader");
  assert.equal(onDemand.results.length, 4, "four articles");
  const first = onDemand.results[0] as { ok: boolean; article?: { title?: string; body?: string } };
  assert.ok(first.ok && first.article?.title === "Clashes near the town" && first.article.body?.split("\n\n").length === 2, JSON.stringify(first));
  assert.deepEqual(onDemand.results, preloaded.results, "the same articles either way");
});

test("a page that declares windows-1252 loads iconv-lite and is decoded with it", () => {
  const page = PAGE.replace("<head>", '<head><meta charset="windows-1252">').replace("Paragraph 1:", "Caf\u00e9 paragraph 1:");
  writeFileSync(join(dir, "cp1252.html"), Buffer.from(page, "latin1"));
  const r = readFresh([join(dir, "cp1252.html")], false);
  assert.equal(r.iconvLoaded, true, "iconv-lite was loaded");
  const a = r.results[0] as { ok: boolean; article?: { body?: string } };
  assert.ok(a.ok && a.article?.body?.startsWith("Caf\u00e9 paragraph 1:"), JSON.stringify(a));
});
