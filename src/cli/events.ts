// `sitrep events`: stored events by time, place, actor, type and source, as a table, JSON Lines,
// CSV or GeoJSON.
import type { Command } from "commander";
import { EVENT_FORMATS, type EventFormat, eventTable, csvHeader, csvRow, geojsonFeature } from "../query/format.js";
import type { EventQuery, EventSort } from "../store/types.js";
import type { EventType } from "../types/index.js";
import { ACLED_TYPES } from "../store/acled.js";
import { UserError } from "./errors.js";
import { addDbOption, parseBbox, parseDay, parseRadius, resolveNear, withStore } from "./store-option.js";

export interface EventOptions {
  db?: string;
  since?: string;
  until?: string;
  bbox?: string;
  near?: string;
  radius: string;
  actor?: string;
  includeBacked?: boolean;
  type?: string[];
  subType?: string[];
  source?: string;
  text?: string;
  origin?: string;
  minSources?: string;
  limit: string;
  offset: string;
  sort: string;
  format: string;
}

const collect = (v: string, prev: string[] = []) => [...prev, v];

/** Adds the event filter options (shared by `events`, `timeline` and `export`). */
export function addEventFilters(cmd: Command): Command {
  return cmd
    .option("--since <date>", "events on or after YYYY-MM-DD")
    .option("--until <date>", "events on or before YYYY-MM-DD")
    .option("--bbox <w,s,e,n>", "inside a bounding box, degrees")
    .option("--near <place>", 'near a place name ("Deir ez-Zor") or lat,lon')
    .option("--radius <km>", "radius for --near", "50km")
    .option("--actor <id>", "events involving an actor id (sdf, isis …)")
    .option("--include-backed", "with --actor: also everything the actor (and its sponsors) back, and its parts")
    .option("--type <type>", "ACLED event type or sub-event type (repeatable)", collect)
    .option("--source <name>", "reported by an outlet or source (Reuters, SOHR) or an article id")
    .option("--text <words>", "words in a reporting sentence")
    .option("--origin <origin>", "sitrep (extracted) or acled (imported)")
    .option("--min-sources <n>", "only events reported by at least n sources");
}

/** Turns CLI options into a store query (resolving --near through the gazetteer). */
export async function eventQuery(o: Partial<EventOptions>): Promise<EventQuery> {
  const q: EventQuery = {};
  q.since = parseDay(o.since, "--since");
  q.until = parseDay(o.until, "--until");
  if (o.bbox) q.bbox = parseBbox(o.bbox);
  if (o.near) {
    const p = await resolveNear(o.near);
    q.near = { lat: p.lat, lon: p.lon, radiusKm: parseRadius(o.radius ?? "50km") };
  }
  if (o.actor) q.actor = o.actor.trim();
  if (o.includeBacked) {
    if (!o.actor) throw new UserError("--include-backed needs --actor");
    q.includeBacked = true;
  }
  for (const t of o.type ?? []) {
    const type = Object.keys(ACLED_TYPES).find((k) => k.toLowerCase() === t.toLowerCase()) as EventType | undefined;
    const sub = Object.values(ACLED_TYPES)
      .flat()
      .find((k) => k.toLowerCase() === t.toLowerCase());
    if (type) q.eventType = [...((q.eventType as EventType[]) ?? []), type];
    else if (sub) q.subEventType = [...((q.subEventType as string[] as never[]) ?? []), sub];
    else throw new UserError(`--type: "${t}" is not an ACLED event or sub-event type (e.g. Battles, "Air/drone strike")`);
  }
  if (o.source) q.source = o.source;
  if (o.text) q.text = o.text;
  if (o.origin) {
    if (o.origin !== "sitrep" && o.origin !== "acled") throw new UserError(`--origin: expected sitrep or acled, got "${o.origin}"`);
    q.origin = o.origin;
  }
  if (o.minSources) q.minSources = positive(o.minSources, "--min-sources");
  return q;
}

function positive(s: string, name: string): number {
  if (!/^\d+$/.test(s)) throw new UserError(`${name}: expected a whole number, got "${s}"`);
  return Number(s);
}

export function registerEvents(program: Command): void {
  const cmd = program.command("events").description("list stored events (merged across articles) with filters");
  addEventFilters(cmd)
    .option("--limit <n>", "at most n events", "50")
    .option("--offset <n>", "skip the first n", "0")
    .option("--sort <order>", "date-desc, date-asc, sources-desc or reported-desc", "date-desc")
    .option("--format <format>", `${EVENT_FORMATS.join(", ")}`, "table");
  addDbOption(cmd).action(async (o: EventOptions) => {
    const format = o.format as EventFormat;
    if (!EVENT_FORMATS.includes(format)) throw new UserError(`--format: expected ${EVENT_FORMATS.join(", ")}, got "${o.format}"`);
    if (!["date-desc", "date-asc", "sources-desc", "reported-desc"].includes(o.sort))
      throw new UserError(`--sort: expected date-desc, date-asc, sources-desc or reported-desc, got "${o.sort}"`);
    const q = await eventQuery(o);
    q.limit = positive(o.limit, "--limit");
    q.offset = positive(o.offset, "--offset");
    q.sort = o.sort as EventSort;
    q.withSources = format !== "table";
    q.withTotal = format === "table";
    await withStore(
      o.db,
      async (store) => {
        const page = await store.queryEvents(q);
        const out = process.stdout;
        if (format === "table") {
          out.write(eventTable(page.items));
          out.write(`${page.items.length} of ${page.total} events\n`);
        } else if (format === "jsonl") for (const e of page.items) out.write(`${JSON.stringify(e)}\n`);
        else if (format === "csv") out.write([csvHeader(), ...page.items.map(csvRow)].join("\n") + "\n");
        else out.write(`${JSON.stringify({ type: "FeatureCollection", features: page.items.map(geojsonFeature) })}\n`);
      },
      { read: true },
    );
  });
}
