// Runs after `npm install` / `npm ci`: builds the data files sitrep needs at run time
// (the CLI bundle, the offline gazetteer, the trigger patterns' prefixes, the world-countries fields the
// NLP model reads, the web app bundle). Each step is a script in scripts/install/;
// a step that fails prints why and makes the install fail, so problems show at once.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";

const dir = join("scripts", "install");
const steps = existsSync(dir) ? readdirSync(dir).filter((f) => /\.(m?js|ts)$/.test(f)).sort() : [];
for (const step of steps) {
  const t0 = Date.now();
  const r = spawnSync(process.execPath, ["--import", "tsx", join(dir, step)], { stdio: "inherit" });
  if (r.status !== 0) {
    console.error(`sitrep install: step ${step} failed (exit ${r.status})`);
    process.exit(r.status ?? 1);
  }
  console.log(`sitrep install: ${step} done in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}
