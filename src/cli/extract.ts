// `sitrep extract <paths | urls | ->`: one JSON document per input article, one per line.
import type { Command } from "commander";
import { readInputs } from "../ingest/index.js";
import { extract } from "../pipeline.js";

export function registerExtract(program: Command): void {
  program
    .command("extract")
    .description("read articles and print what sitrep finds in them, as JSON Lines")
    .argument("<inputs...>", "files, directories, URLs, feeds, .jsonl files, or - for standard input")
    .option("--pretty", "indented JSON for people")
    .option("--explain", "add, for each fact, the sentence and the rule that made it")
    .option("--allow-private", "allow URLs on loopback, private or link-local addresses")
    .option("--timeout <ms>", "per-URL timeout in milliseconds", "15000")
    .action(async (inputs: string[], o: { pretty?: boolean; explain?: boolean; allowPrivate?: boolean; timeout: string }) => {
      let failed = 0;
      for await (const r of readInputs(inputs, { allowPrivate: o.allowPrivate, timeoutMs: Number(o.timeout) })) {
        if (!r.ok) {
          failed++;
          process.stderr.write(`sitrep: ${r.input}: ${r.message} [${r.code}]\n`);
          continue;
        }
        const doc = extract(r.article, { explain: o.explain });
        process.stdout.write(`${o.pretty ? JSON.stringify(doc, null, 2) : JSON.stringify(doc)}\n`);
      }
      if (failed > 0) process.exitCode = 1;
    });
}
