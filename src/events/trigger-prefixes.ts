// The literal prefixes of triggers.tsv's patterns (the trigger index in classify.ts), computed at
// install by scripts/install/15-trigger-prefixes.ts into data/build/trigger-prefixes.json, so that a
// start does not run literalPrefixes over every pattern (~25 ms of CPU before the first sentence).
// The file maps each pattern's text to its prefixes and carries a fingerprint of literal-prefixes.ts:
// a pattern the file lacks (triggers.tsv edited since) is computed in the process, and a file that is
// missing, unreadable or made by another literal-prefixes.ts is not used at all. Same prefixes either way.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { writeBuildOutput } from "../build-output.js";
import { literalPrefixes } from "./literal-prefixes.js";

const here = dirname(fileURLToPath(import.meta.url));

/** Where the install step writes the prefixes. */
export const TRIGGER_PREFIXES_PATH = join(here, "..", "..", "data", "build", "trigger-prefixes.json");

export interface TriggerPrefixFile {
  /** sha1 of literal-prefixes.ts's source: prefixes made by other code are not used */
  fingerprint: string;
  /** pattern text → its literal prefixes (null: none derivable, the pattern is scanned in full) */
  prefixes: Record<string, string[] | null>;
}

/** The fingerprint of the code that computes the prefixes. */
export function prefixCodeFingerprint(): string {
  return createHash("sha1").update(readFileSync(join(here, "literal-prefixes.ts"))).digest("hex");
}

/** The file's content for `patterns`. */
export function buildTriggerPrefixes(patterns: string[]): TriggerPrefixFile {
  const prefixes: Record<string, string[] | null> = {};
  for (const p of patterns) prefixes[p] = literalPrefixes(p) ?? null;
  return { fingerprint: prefixCodeFingerprint(), prefixes };
}

/** Writes the file atomically (a start meanwhile reads the old file or the new one). */
export function writeTriggerPrefixes(patterns: string[], path = TRIGGER_PREFIXES_PATH): void {
  writeBuildOutput(path, JSON.stringify(buildTriggerPrefixes(patterns)));
}

/**
 * A function giving a pattern's literal prefixes: from the file at `path` when it holds the pattern
 * and was made by this literal-prefixes.ts, else computed here.
 */
export function triggerPrefixes(path = TRIGGER_PREFIXES_PATH): (pattern: string) => string[] | undefined {
  let file: TriggerPrefixFile | undefined;
  try {
    file = JSON.parse(readFileSync(path, "utf8")) as TriggerPrefixFile;
    if (typeof file?.prefixes !== "object" || file.prefixes === null || file.fingerprint !== prefixCodeFingerprint()) file = undefined;
  } catch {
    file = undefined; // missing or unreadable: computed in the process
  }
  if (!file) return literalPrefixes;
  const known = file.prefixes;
  return (pattern) => {
    const p = Object.hasOwn(known, pattern) ? known[pattern] : undefined;
    if (p === null) return undefined;
    // an entry that is not a list of strings (a hand-edited file) is computed, like a missing one
    return Array.isArray(p) && p.every((s) => typeof s === "string") ? p : literalPrefixes(pattern);
  };
}
