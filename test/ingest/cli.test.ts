// `sitrep extract` end to end: JSON Lines out, one line per failure on stderr, no stack
// trace, and a non-zero exit when any input failed.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";

const dir = mkdtempSync(join(tmpdir(), "sitrep-cli-"));
after(() => rmSync(dir, { recursive: true, force: true }));

function sitrep(...args: string[]) {
  return spawnSync(process.execPath, ["bin/sitrep.js", "extract", ...args], { encoding: "utf8", timeout: 60_000 });
}

test("extract: good and bad inputs together", () => {
  writeFileSync(join(dir, "empty.html"), "");
  const r = sitrep("test/fixtures/ingest/seed-html/input.html", join(dir, "empty.html"), join(dir, "nope.txt"));
  assert.equal(r.status, 1, r.stderr);
  const out = r.stdout.trim().split("\n");
  assert.equal(out.length, 1);
  const doc = JSON.parse(out[0]!);
  assert.equal(doc.article.byline, "Jane Example");
  assert.equal(doc.id, doc.article.id);
  const err = r.stderr.trim().split("\n");
  assert.equal(err.length, 2, r.stderr);
  assert.match(err[0]!, /empty\.html: .*\[EMPTY_INPUT\]$/);
  assert.match(err[1]!, /nope\.txt: .*\[NOT_FOUND\]$/);
  assert.ok(!r.stderr.includes("    at "), "no stack trace");
});

test("extract: all good exits 0", () => {
  const r = sitrep("test/fixtures/ingest/seed-html/input.html");
  assert.equal(r.status, 0, r.stderr);
});

test("extract: a bad option value is a user error (exit 2, one line)", () => {
  const r = sitrep("--timeout", "abc", "test/fixtures/ingest/seed-html/input.html");
  assert.equal(r.status, 2);
  assert.equal(r.stderr.trim().split("\n").length, 1);
  assert.match(r.stderr, /--timeout expects a whole number/);
});
