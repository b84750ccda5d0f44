// `sitrep actors [id]`: the actors stored, or one actor's profile (aliases, sponsors, allies,
// opponents, parts, recent events, evidence counts, first/last seen).
import type { Command } from "commander";
import { eventTable, table } from "../query/format.js";
import type { ActorProfile, RelationSummary } from "../store/types.js";
import { UserError } from "./errors.js";
import { addDbOption, withStore } from "./store-option.js";

function relLines(title: string, rs: RelationSummary[]): string {
  if (rs.length === 0) return "";
  const items = rs.map(
    (r) => `  ${r.name ?? r.actor} (${r.actor})${r.type === "led-by" || r.type === "dominated-by" ? ` [${r.type}]` : ""}: ${r.evidenceCount} evidence, ${r.articleCount} articles, ${r.firstSeen ?? "?"} … ${r.lastSeen ?? "?"}`,
  );
  return `${title}:\n${items.join("\n")}\n`;
}

export function profileText(p: ActorProfile): string {
  return (
    `${p.name} (${p.id}) · ${p.kind}${p.inter ? ` · inter ${p.inter}` : ""}${p.country ? ` · ${p.country}` : ""}\n` +
    (p.aliases.length ? `aliases: ${p.aliases.join(", ")}\n` : "") +
    (p.role ? `role: ${p.role}${p.affiliation ? ` (${p.affiliation})` : ""}\n` : "") +
    `${p.articleCount} articles, ${p.mentionCount} mentions, ${p.eventCount} events; seen ${p.firstSeen ?? "?"} … ${p.lastSeen ?? "?"}\n` +
    relLines("backed by", p.sponsors) +
    relLines("backs", p.backs) +
    relLines("allies", p.allies) +
    relLines("opponents", p.opponents) +
    relLines("part of / led by", p.partOf) +
    relLines("parts", p.parts) +
    (p.recentEvents.length ? `recent events:\n${eventTable(p.recentEvents)}` : "")
  );
}

export function registerActors(program: Command): void {
  const cmd = program
    .command("actors")
    .description("list stored actors, or show one actor's profile")
    .argument("[id]", "an actor id (sdf, isis …)")
    .option("--search <text>", "name or alias contains")
    .option("--limit <n>", "at most n actors", "50")
    .option("--format <format>", "table or json", "table");
  addDbOption(cmd).action(async (id: string | undefined, o: { db?: string; search?: string; limit: string; format: string }) => {
    if (!["table", "json"].includes(o.format)) throw new UserError(`--format: expected table or json, got "${o.format}"`);
    await withStore(
      o.db,
      async (store) => {
        if (id) {
          const p = await store.getActor(id);
          if (!p) {
            const like = await store.listActors({ text: id, limit: 5 });
            const hint = like.items.length ? ` (did you mean ${like.items.map((a) => a.id).join(", ")}?)` : "";
            throw new UserError(`no actor with id "${id}"${hint}`);
          }
          process.stdout.write(o.format === "json" ? `${JSON.stringify(p, null, 2)}\n` : profileText(p));
          return;
        }
        const page = await store.listActors({ text: o.search, limit: Number(o.limit) || 50 });
        if (o.format === "json") {
          for (const a of page.items) process.stdout.write(`${JSON.stringify(a)}\n`);
          return;
        }
        process.stdout.write(
          table(
            ["id", "name", "kind", "articles", "events"],
            page.items.map((a) => [a.id, a.name, a.kind, String(a.articleCount), String(a.eventCount)]),
          ),
        );
        process.stdout.write(`${page.items.length} of ${page.total} actors\n`);
      },
      { read: true },
    );
  });
}
