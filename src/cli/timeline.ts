// `sitrep timeline --by day|week`: events per day or week, by ACLED event type.
import type { Command } from "commander";
import { table } from "../query/format.js";
import type { EventType } from "../types/index.js";
import { ACLED_TYPES } from "../store/acled.js";
import { UserError } from "./errors.js";
import { addEventFilters, type EventOptions, eventQuery } from "./events.js";
import { addDbOption, withStore } from "./store-option.js";

export function registerTimeline(program: Command): void {
  const cmd = program
    .command("timeline")
    .description("events per day or week, by event type")
    .option("--by <bucket>", "day or week", "week")
    .option("--format <format>", "table, jsonl or csv", "table");
  addDbOption(addEventFilters(cmd)).action(async (o: EventOptions & { by: string }) => {
    if (o.by !== "day" && o.by !== "week") throw new UserError(`--by: expected day or week, got "${o.by}"`);
    if (!["table", "jsonl", "csv"].includes(o.format)) throw new UserError(`--format: expected table, jsonl or csv, got "${o.format}"`);
    const q = await eventQuery(o);
    await withStore(
      o.db,
      async (store) => {
        const buckets = await store.timeline({ ...q, by: o.by as "day" | "week" });
        const types = Object.keys(ACLED_TYPES) as EventType[];
        if (o.format === "jsonl") for (const b of buckets) process.stdout.write(`${JSON.stringify(b)}\n`);
        else if (o.format === "csv") {
          process.stdout.write(`${[o.by, ...types.map((t) => `"${t}"`), "total"].join(",")}\n`);
          for (const b of buckets) process.stdout.write(`${[b.bucket, ...types.map((t) => b.counts[t] ?? 0), b.total].join(",")}\n`);
        } else {
          const short = ["battles", "explosions", "vs civilians", "protests", "riots", "strategic"];
          process.stdout.write(
            table(
              [o.by, ...short, "total"],
              buckets.map((b) => [b.bucket, ...types.map((t) => String(b.counts[t] ?? "")), String(b.total)]),
            ),
          );
        }
      },
      { read: true },
    );
  });
}
