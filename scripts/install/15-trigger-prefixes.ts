// Install step: the literal prefixes of the event trigger patterns (src/events/model/triggers.tsv)
// → data/build/trigger-prefixes.json, read by the trigger index at start (src/events/trigger-prefixes.ts).
import { relative } from "node:path";
import { readModel } from "../../src/events/classify.js";
import { TRIGGER_PREFIXES_PATH, writeTriggerPrefixes } from "../../src/events/trigger-prefixes.js";

const t0 = Date.now();
const patterns = readModel("triggers.tsv", 3).map((cols) => cols[2]!);
writeTriggerPrefixes(patterns);
console.log(`sitrep triggers: prefixes of ${patterns.length} patterns → ${relative(process.cwd(), TRIGGER_PREFIXES_PATH)} (${Date.now() - t0} ms)`);
