#!/usr/bin/env node
// The `sitrep` command. Runs the bundled CLI (dist/cli/sitrep.cjs, built at install by
// scripts/build-cli.mjs) while it is up to date with src/; otherwise, or with SITREP_FROM_SOURCE=1,
// loads the TypeScript sources through tsx. SITREP_DEBUG=1 says on stderr which one runs.
// V8's interrupt budget is set first (bin/v8-budget.js): the bundle's code cache is keyed to it.
import "./v8-budget.js";
import { join } from "node:path";
import { loadBundle } from "./bundle.js";

const root = join(import.meta.dirname, "..");
const debug = (msg) => {
  if (process.env.SITREP_DEBUG) process.stderr.write(`sitrep: ${msg}\n`);
};

let main;
if (process.env.SITREP_FROM_SOURCE) debug("running the sources through tsx (SITREP_FROM_SOURCE is set)");
else {
  const b = loadBundle(root);
  if (b.main) {
    debug(`running the bundle dist/cli/sitrep.cjs (code cache: ${b.cache})`);
    main = b.main;
  } else debug(`running the sources through tsx: ${b.reason}`);
}
if (!main) {
  const { register } = await import("tsx/esm/api");
  register();
  ({ main } = await import("../src/cli/main.ts"));
}
process.exitCode = await main(process.argv);
