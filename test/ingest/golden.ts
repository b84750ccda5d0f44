// Golden-file comparison for ingest fixtures: UPDATE=1 rewrites expected.json; a mismatch
// writes actual.json beside it (gitignored) so the difference is easy to read.
import assert from "node:assert/strict";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export function assertGolden(dir: string, actual: unknown): void {
  const expectedPath = join(dir, "expected.json");
  const actualPath = join(dir, "actual.json");
  const text = `${JSON.stringify(actual, null, 2)}\n`;
  if (process.env.UPDATE === "1") {
    mkdirSync(dir, { recursive: true });
    writeFileSync(expectedPath, text);
    if (existsSync(actualPath)) rmSync(actualPath);
    return;
  }
  if (!existsSync(expectedPath)) {
    writeFileSync(actualPath, text);
    assert.fail(`${expectedPath} is missing; run with UPDATE=1 to write it`);
  }
  const expected = JSON.parse(readFileSync(expectedPath, "utf8"));
  try {
    assert.deepEqual(JSON.parse(text), expected);
    if (existsSync(actualPath)) rmSync(actualPath);
  } catch (e) {
    writeFileSync(actualPath, text);
    throw e;
  }
}
