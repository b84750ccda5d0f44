// `sitrep extract <paths | urls | ->`: one JSON document per input article, one per line.
// Failures go to stderr as one line each ("sitrep: INPUT: MESSAGE [CODE]"); the exit status
// is 1 when any input failed, 2 for a bad option.
import type { Command } from "commander";
import { DEFAULT_MAX_BYTES, readInputs } from "../ingest/index.js";
import { extract } from "../pipeline.js";
import { UserError } from "./errors.js";

interface ExtractOptions {
  pretty?: boolean;
  explain?: boolean;
  allowPrivate?: boolean;
  timeout: string;
  maxBytes: string;
  maxRedirects: string;
}

function positiveInt(value: string, flag: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new UserError(`${flag} expects a whole number, got "${value}"`);
  return n;
}

export function registerExtract(program: Command): void {
  program
    .command("extract")
    .description("read articles and print what sitrep finds in them, as JSON Lines")
    .argument("<inputs...>", "files, directories, URLs, feeds, .jsonl files, or - for standard input")
    .option("--pretty", "indented JSON for people")
    .option("--explain", "add, for each fact, the sentence and the rule that made it")
    .option("--allow-private", "allow URLs on loopback, private or link-local addresses")
    .option("--timeout <ms>", "per-URL timeout in milliseconds", "15000")
    .option("--max-bytes <n>", "largest input (or JSON Lines line) accepted, in bytes", String(DEFAULT_MAX_BYTES))
    .option("--max-redirects <n>", "most redirects followed per URL", "5")
    .action(async (inputs: string[], o: ExtractOptions) => {
      const opts = {
        allowPrivate: o.allowPrivate,
        timeoutMs: positiveInt(o.timeout, "--timeout"),
        maxBytes: positiveInt(o.maxBytes, "--max-bytes"),
        maxRedirects: positiveInt(o.maxRedirects, "--max-redirects"),
      };
      let failed = 0;
      for await (const r of readInputs(inputs, opts)) {
        if (!r.ok) {
          failed++;
          process.stderr.write(`sitrep: ${r.input}: ${r.message} [${r.code}]\n`);
          continue;
        }
        let doc: unknown;
        try {
          doc = extract(r.article, { explain: o.explain });
        } catch (e) {
          // a bug in a later stage must not lose the other inputs
          failed++;
          process.stderr.write(`sitrep: ${r.article.source}: extraction failed: ${String((e as Error).message).split("\n")[0]} [PASS_FAILED]\n`);
          continue;
        }
        process.stdout.write(`${o.pretty ? JSON.stringify(doc, null, 2) : JSON.stringify(doc)}\n`);
      }
      if (failed > 0) process.exitCode = 1;
    });
}
