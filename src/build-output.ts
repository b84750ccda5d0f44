// Writing a file the install step builds into data/build/ (gazetteer.bin, trigger-prefixes.json,
// world-countries.json): into a temporary file beside it, then renamed over it, so that a sitrep
// starting meanwhile reads the old file or the new one, never half of one.
import { mkdirSync, renameSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";

/** Writes `data` to `path` atomically, making its folder when missing. */
export function writeBuildOutput(path: string, data: string | Uint8Array): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, data);
  renameSync(tmp, path);
}
