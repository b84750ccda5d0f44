// `sitrep geoparse` end to end: JSON Lines in and out, per-line errors, exit codes.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";

const dir = mkdtempSync(join(tmpdir(), "sitrep-geo-cli-"));
after(() => rmSync(dir, { recursive: true, force: true }));

function geoparseCli(args: string[], input?: string) {
  return spawnSync(process.execPath, ["bin/sitrep.js", "geoparse", ...args], { encoding: "utf8", input, timeout: 120_000 });
}

test("geoparse: spans given → exactly those spans, in order; junk lines → per-line errors", () => {
  const lines = [
    JSON.stringify({ id: "a", text: "Clashes in Deir ez-Zor and al-Shadadi in Hasaka province.", mentions: [{ start: 27, end: 37 }, { start: 11, end: 22 }] }),
    "{not json",
    JSON.stringify({ id: "b", text: "abc", mentions: [{ start: 0, end: 9 }] }),
    JSON.stringify({ id: "c", text: 42 }),
    "",
    JSON.stringify({ id: "d", text: "Talks in the Kazakh capital Astana and in Geneva." }),
  ];
  const r = geoparseCli(["-"], `${lines.join("\n")}\n`);
  assert.equal(r.status, 1, r.stderr);
  assert.ok(!r.stderr.includes("    at "), "no stack trace");
  const out = r.stdout.trim().split("\n").map((l) => JSON.parse(l));
  assert.equal(out.length, 5);
  assert.deepEqual(out[0].places.map((p: { start: number }) => p.start), [27, 11]);
  assert.equal(out[0].places[0].geonameId, 172837);
  assert.equal(out[0].places[1].countryCode, "SY");
  assert.equal(out[0].places[1].precision, 1);
  assert.equal(out[1].error.code, "JSONL_LINE_INVALID");
  assert.equal(out[2].id, "b");
  assert.equal(out[2].errors[0].code, "SPAN_OUT_OF_RANGE");
  assert.equal(out[3].error.code, "JSONL_LINE_INVALID");
  const d = out[4].places.map((p: { name: string; countryCode: string }) => `${p.name}/${p.countryCode}`);
  assert.ok(d.includes("Astana/KZ"), d.join(" "));
  assert.ok(d.some((x: string) => x.endsWith("/CH")), d.join(" "));
});

test("geoparse: a file argument and --explain", () => {
  const f = join(dir, "in.jsonl");
  writeFileSync(f, `${JSON.stringify({ id: 1, text: "Paris, Texas." })}\n`);
  const r = geoparseCli([f, "--explain"]);
  assert.equal(r.status, 0, r.stderr);
  const o = JSON.parse(r.stdout.trim());
  assert.equal(o.places[0].countryCode, "US");
  assert.ok(o.explanations[0].runnersUp.length > 0);
});

test("geoparse: a missing file is a one-line user error, exit 2", () => {
  const r = geoparseCli([join(dir, "nope.jsonl")]);
  assert.equal(r.status, 2);
  assert.match(r.stderr.trim(), /^sitrep: .*nope\.jsonl: no such file$/);
});
