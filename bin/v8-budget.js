// The V8 interrupt budget of a `sitrep` process (why 200,000: src/cli/v8-tiering.ts), in plain
// JavaScript so that bin/sitrep.js sets it before it compiles the bundle. V8 keys its code cache to
// the flags in force: the bundle's cache is written after the bundle ran, so with the budget set
// only by the bundle's own first module the cache held the budget's flags while the next start
// checked it without them, refused it, compiled the whole bundle again and rewrote the cache, at
// every start. Applied once per process (the bundle and the sources import this file too).
import { setFlagsFromString } from "node:v8";

export const INTERRUPT_BUDGET = 200_000;

/** The budget asked for by SITREP_V8_BUDGET's value: unset or blank → sitrep's; 0 → V8's default. */
export function budgetOf(asked) {
  if (asked === undefined || asked.trim() === "") return INTERRUPT_BUDGET;
  const n = Number(asked);
  if (Number.isInteger(n) && n >= 0) return n;
  process.stderr.write(`sitrep: SITREP_V8_BUDGET=${asked} is not a whole number; using ${INTERRUPT_BUDGET}\n`);
  return INTERRUPT_BUDGET;
}

const APPLIED = Symbol.for("sitrep.v8Budget");

/** Sets the budget of SITREP_V8_BUDGET (or sitrep's) once per process; later calls change nothing. */
export function applyBudget() {
  if (globalThis[APPLIED] !== undefined) return;
  const budget = budgetOf(process.env.SITREP_V8_BUDGET);
  globalThis[APPLIED] = budget;
  if (budget > 0) setFlagsFromString(`--interrupt-budget=${budget}`);
}

applyBudget();
