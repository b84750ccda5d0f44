// `sitrep search "text"`: full-text search over stored articles (titles and bodies).
import type { Command } from "commander";
import { UserError } from "./errors.js";
import { addDbOption, withStore } from "./store-option.js";

export function registerSearch(program: Command): void {
  const cmd = program
    .command("search")
    .description("full-text search over stored articles")
    .argument("<text>", 'words (all must appear); "quoted phrase" for a phrase')
    .option("--limit <n>", "at most n articles", "20")
    .option("--format <format>", "text or jsonl", "text");
  addDbOption(cmd).action(async (text: string, o: { db?: string; limit: string; format: string }) => {
    if (!["text", "jsonl"].includes(o.format)) throw new UserError(`--format: expected text or jsonl, got "${o.format}"`);
    await withStore(
      o.db,
      async (store) => {
        const hits = await store.searchArticles(text, { limit: Number(o.limit) || 20 });
        for (const h of hits) {
          if (o.format === "jsonl") process.stdout.write(`${JSON.stringify(h)}\n`);
          else {
            const a = h.article;
            process.stdout.write(
              `${a.publishedAt?.slice(0, 10) ?? "????-??-??"}  ${a.outlet ?? ""}  ${a.title ?? a.id}\n  ${a.id}\n  ${h.snippet.replace(/\s+/g, " ")}\n\n`,
            );
          }
        }
        if (o.format === "text") process.stdout.write(`${hits.length} articles\n`);
      },
      { read: true },
    );
  });
}
