// `sitrep import --format acled <file>`: loads an ACLED CSV export next to sitrep's own events
// (origin "acled", never merged with them). A malformed row is reported with its line number and
// skipped; the rest loads.
import { readFileSync } from "node:fs";
import type { Command } from "commander";
import { defaultResolver, parseAcled } from "../store/acled.js";
import { UserError } from "./errors.js";
import { addDbOption, withStore } from "./store-option.js";

export function registerImport(program: Command): void {
  const cmd = program
    .command("import")
    .description("load an ACLED CSV export into the store")
    .argument("<file>", "an ACLED CSV file, or - for standard input")
    .option("--format <format>", "acled", "acled");
  addDbOption(cmd).action(async (file: string, o: { db?: string; format: string }) => {
    if (o.format !== "acled") throw new UserError(`--format: only acled can be imported, got "${o.format}"`);
    let text: string;
    try {
      text = readFileSync(file === "-" ? 0 : file, "utf8");
    } catch (err) {
      throw new UserError(`${file}: cannot read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
    }
    await withStore(o.db, async (store) => {
      // Map ACLED actor names onto actors already stored under the same name.
      const known = new Map<string, string>();
      for (let offset = 0; ; offset += 5000) {
        const page = await store.listActors({ limit: 5000, offset });
        for (const a of page.items) known.set(a.name.toLowerCase(), a.id);
        if (page.items.length < 5000) break;
      }
      let parsed: ReturnType<typeof parseAcled>;
      try {
        parsed = parseAcled(text, defaultResolver(known));
      } catch (err) {
        throw new UserError(`${file}: ${(err as Error).message}`);
      }
      for (const p of parsed.problems) process.stderr.write(`sitrep: ${file}:${p.line}: ${p.message}; row skipped\n`);
      const r = await store.importEvents(parsed.events);
      process.stderr.write(
        `sitrep import: ${r.inserted} events added, ${r.updated} updated, ${parsed.problems.length} rows skipped\n`,
      );
      if (parsed.problems.length > 0) process.exitCode = 1;
    });
  });
}
