// SITREP_V8_BUDGET: how the CLI reads the interrupt budget it gives V8 (src/cli/v8-tiering.ts).
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { test } from "node:test";
import { INTERRUPT_BUDGET, budgetOf } from "../../src/cli/v8-tiering.js";

test("unset or blank keeps sitrep's budget; a whole number replaces it; 0 means V8's default", () => {
  assert.equal(budgetOf(undefined), INTERRUPT_BUDGET);
  assert.equal(budgetOf("  "), INTERRUPT_BUDGET);
  assert.equal(budgetOf("150000"), 150_000);
  assert.equal(budgetOf("0"), 0);
});

test("a value that is not a whole number is named on stderr and the default is used", () => {
  const root = join(import.meta.dirname, "..", "..");
  const code = `import("./src/cli/v8-tiering.ts").then((m) => console.log(m.budgetOf(process.env.SITREP_V8_BUDGET)))`;
  const r = spawnSync(process.execPath, ["--import", "tsx", "-e", code], {
    cwd: root,
    encoding: "utf8",
    env: { ...process.env, SITREP_V8_BUDGET: "fast" },
  });
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout.trim(), String(INTERRUPT_BUDGET));
  assert.ok(r.stderr.includes(`SITREP_V8_BUDGET=fast is not a whole number; using ${INTERRUPT_BUDGET}`), r.stderr);
});
