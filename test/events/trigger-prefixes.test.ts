// The trigger patterns' literal prefixes computed at install (data/build/trigger-prefixes.json,
// src/events/trigger-prefixes.ts): the file holds what literalPrefixes gives, is used only when made
// by this literal-prefixes.ts, and a pattern it lacks, a stale, missing or damaged file fall back to
// computing the prefixes in the process.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { readModel } from "../../src/events/classify.js";
import { literalPrefixes } from "../../src/events/literal-prefixes.js";
import { buildTriggerPrefixes, prefixCodeFingerprint, triggerPrefixes, writeTriggerPrefixes } from "../../src/events/trigger-prefixes.js";

const dir = mkdtempSync(join(tmpdir(), "sitrep-trigger-prefixes-"));
after(() => rmSync(dir, { recursive: true, force: true }));
const patterns = readModel("triggers.tsv", 3).map((cols) => cols[2]!);

test("the file written for triggers.tsv gives every pattern literalPrefixes' answer", () => {
  const path = join(dir, "written.json");
  const none = "\\d+ (?:killed|dead)"; // no literal start: scanned in full (null in the file)
  assert.equal(literalPrefixes(none), undefined);
  writeTriggerPrefixes([...patterns, none], path);
  const prefixesOf = triggerPrefixes(path);
  assert.notEqual(prefixesOf, literalPrefixes, "the file is used");
  let withPrefixes = 0;
  for (const p of [...patterns, none]) {
    assert.deepEqual(prefixesOf(p), literalPrefixes(p), p);
    if (literalPrefixes(p)) withPrefixes++;
  }
  assert.ok(withPrefixes > 50, `most trigger patterns have prefixes (${withPrefixes} of ${patterns.length})`);
});

test("the file's entries are what is used; a pattern it lacks is computed", () => {
  const path = join(dir, "marked.json");
  const file = buildTriggerPrefixes(patterns.slice(1));
  file.prefixes[patterns[1]!] = ["marked"];
  writeFileSync(path, JSON.stringify(file));
  const prefixesOf = triggerPrefixes(path);
  assert.deepEqual(prefixesOf(patterns[1]!), ["marked"], "read from the file");
  assert.deepEqual(prefixesOf(patterns[0]!), literalPrefixes(patterns[0]!), "not in the file: computed");
  assert.deepEqual(prefixesOf("(?:new|other) pattern"), ["new pattern", "other pattern"], "a pattern added since: computed");
  const badEntries = buildTriggerPrefixes(patterns);
  const withPrefixes = patterns.filter((p) => literalPrefixes(p));
  badEntries.prefixes[withPrefixes[0]!] = [1] as unknown as string[];
  badEntries.prefixes[withPrefixes[1]!] = "not a list" as unknown as string[];
  const bad = join(dir, "bad-entries.json");
  writeFileSync(bad, JSON.stringify(badEntries));
  for (const p of withPrefixes.slice(0, 2)) assert.deepEqual(triggerPrefixes(bad)(p), literalPrefixes(p), `an entry that is not a list of strings is computed: ${p}`);
});

test("a file made by other code, a missing or a damaged file is not used", () => {
  const stale = join(dir, "stale.json");
  const file = buildTriggerPrefixes(patterns);
  assert.equal(file.fingerprint, prefixCodeFingerprint());
  writeFileSync(stale, JSON.stringify({ ...file, fingerprint: "0".repeat(40) }));
  const damaged = join(dir, "damaged.json");
  writeFileSync(damaged, JSON.stringify(file).slice(0, 500));
  const noPrefixes = join(dir, "no-prefixes.json");
  writeFileSync(noPrefixes, JSON.stringify({ fingerprint: file.fingerprint }));
  for (const path of [stale, damaged, noPrefixes, join(dir, "missing.json")]) {
    assert.equal(triggerPrefixes(path), literalPrefixes, `${path}: computed in the process`);
  }
});
