// A reader that stops early (`sitrep extract … | head`) closes sitrep's standard output: the command
// ends quietly, status 0, with no stack trace on stderr (src/cli/main.ts).
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";

const root = join(import.meta.dirname, "..", "..");
const tmp = mkdtempSync(join(tmpdir(), "sitrep-closed-output-"));
after(() => rmSync(tmp, { recursive: true, force: true }));

test("extract into a reader that closes after the first chunk ends with status 0 and no stack trace", async () => {
  const text = "Government forces shelled the town of Maarat al-Numan on Tuesday, the monitoring group said.";
  const lines = Array.from({ length: 400 }, (_, i) => JSON.stringify({ id: `a${i}`, publishedAt: "2020-01-07T12:00:00Z", text }));
  const input = join(tmp, "many.jsonl");
  writeFileSync(input, `${lines.join("\n")}\n`);
  const child = spawn(process.execPath, [join(root, "bin", "sitrep.js"), "extract", input], { cwd: root });
  let stderr = "";
  let chunks = 0;
  child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
  child.stdout.on("data", () => {
    chunks++;
    child.stdout.destroy();
  });
  const status = await new Promise<number | null>((resolve) => child.on("close", (code) => resolve(code)));
  assert.ok(chunks >= 1, "the command wrote output before the reader closed");
  assert.equal(status, 0, `status ${status}; stderr:\n${stderr}`);
  assert.doesNotMatch(stderr, /EPIPE|Error|\n\s+at /, "no error or stack trace on stderr");
});
