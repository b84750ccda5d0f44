// Charset detection: BOM, HTTP Content-Type, <meta charset>, http-equiv, XML declaration,
// and undeclared legacy bytes (windows-1252) decoded correctly.
import assert from "node:assert/strict";
import { test } from "node:test";
import { gzipSync } from "node:zlib";
import { decodeBytes, gunzipIfNeeded, looksBinary } from "../../src/ingest/decode.js";
import { InputError } from "../../src/types/index.js";

// "Café – “Raqqa” €5" in windows-1252: é=E9, –=96, “=93, ”=94, €=80
const CP1252 = Buffer.from([0x43, 0x61, 0x66, 0xe9, 0x20, 0x96, 0x20, 0x93, 0x52, 0x61, 0x71, 0x71, 0x61, 0x94, 0x20, 0x80, 0x35]);
const WANT = "Café – “Raqqa” €5";

test("windows-1252 declared by <meta charset>", () => {
  const page = Buffer.concat([Buffer.from('<html><head><meta charset="windows-1252"></head><body><p>'), CP1252, Buffer.from("</p></body></html>")]);
  const d = decodeBytes(page);
  assert.equal(d.encoding, "windows-1252");
  assert.ok(d.text.includes(WANT));
  assert.deepEqual(d.warnings, []);
});

test("iso-8859-1 in http-equiv is read as windows-1252, as browsers do", () => {
  const page = Buffer.concat([
    Buffer.from('<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1"><p>'),
    CP1252,
    Buffer.from("</p>"),
  ]);
  assert.ok(decodeBytes(page).text.includes(WANT));
});

test("the HTTP Content-Type header wins over the page's own meta", () => {
  const page = Buffer.concat([Buffer.from('<meta charset="utf-8"><p>'), CP1252]);
  const d = decodeBytes(page, { contentType: "text/html; charset=windows-1252" });
  assert.ok(d.text.includes(WANT));
});

test("undeclared bytes that are not UTF-8 are decoded as windows-1252 with a warning", () => {
  const d = decodeBytes(Buffer.concat([Buffer.from("<p>"), CP1252]));
  assert.ok(d.text.includes(WANT));
  assert.equal(d.warnings[0]?.code, "DECODE_GUESSED");
});

test("UTF-8 with and without BOM, and UTF-16LE with BOM", () => {
  assert.equal(decodeBytes(Buffer.from(`\uFEFF${WANT}`, "utf8")).text, WANT);
  assert.equal(decodeBytes(Buffer.from(WANT, "utf8")).text, WANT);
  const u16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(WANT, "utf16le")]);
  assert.equal(decodeBytes(u16).text, WANT);
  assert.equal(looksBinary(u16), false);
});

test("other legacy encodings: koi8-r from an XML declaration", () => {
  // "Мир" in KOI8-R
  const xml = Buffer.concat([Buffer.from('<?xml version="1.0" encoding="koi8-r"?><t>'), Buffer.from([0xed, 0xc9, 0xd2]), Buffer.from("</t>")]);
  assert.ok(decodeBytes(xml).text.includes("Мир"));
});

test("binary detection and gzip size cap", () => {
  assert.equal(looksBinary(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d])), true);
  assert.equal(looksBinary(Buffer.from("plain text\nwith lines\n")), false);
  const gz = gzipSync(Buffer.alloc(100_000, 0x61));
  assert.equal(gunzipIfNeeded(gz, 200_000).length, 100_000);
  assert.throws(() => gunzipIfNeeded(gz, 1000), (e: unknown) => e instanceof InputError && e.code === "TOO_LARGE");
});

test("a page that declares UTF-16 in ASCII markup is read as UTF-8", () => {
  const page = Buffer.from(`<meta charset="utf-16"><p>${WANT}</p>`, "utf8");
  assert.ok(decodeBytes(page).text.includes(WANT));
});
