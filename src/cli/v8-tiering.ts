// How soon V8 recompiles a hot function with its optimizing compiler (TurboFan), set for the CLI's
// process before any pipeline code runs. V8's default (an interrupt budget of 67,584 bytecode units)
// suits short browser scripts; an ingest of new text keeps meeting branches it has not run yet, each
// optimized function deoptimizes there and is compiled again, and on one core the compiler threads
// took ~40% of the CPU of a 233-article `sitrep ingest`. Three times the budget lets a function's
// type feedback settle before it is compiled: on one core, the 233 articles went from 4.59 to 4.03 s
// of CPU (median of 5, alternated), new articles in a warm process (bench:ingest-warm) from 11.8 to
// 10.1 ms each, and 2,330 articles from 19.8 to 19.4 s. Higher budgets were no better (300,000 and
// 400,000 slowed the warm runs); Maglev (--maglev) added nothing on top. SITREP_V8_BUDGET=0 keeps V8's
// default (to measure against it); another number sets that budget.
// The budget is read and set by bin/v8-budget.js (plain JavaScript, so that bin/sitrep.js sets it
// before compiling the bundle, under the flags its code cache was made with); importing this module
// sets it for code that runs the sources without bin/sitrep.js (tests, benches).
export { INTERRUPT_BUDGET, budgetOf } from "../../bin/v8-budget.js";
