// `sitrep export --format acled|geojson|jsonl`: every stored event (or those matching the
// filters) as an ACLED-compatible CSV, a GeoJSON FeatureCollection, or JSON Lines.
// `--reviewed-only`: only events an analyst accepted or corrected, corrections applied (the same
// library function as `GET /api/export/reviewed`).
import type { Command } from "commander";
import { reviewedEvents, Reviews } from "../accounts/review.js";
import { sqlOf } from "../accounts/sql.js";
import { systemClock } from "../accounts/clock.js";
import { geojsonFeature } from "../query/format.js";
import { acledHeader, acledLine, type ActorInfo } from "../store/acled.js";
import type { StoredEvent, Store } from "../store/types.js";
import { UserError } from "./errors.js";
import { addEventFilters, type EventOptions, eventQuery } from "./events.js";
import { addDbOption, withStore } from "./store-option.js";

const FORMATS = ["acled", "geojson", "jsonl"];

/** Writes the export to `write` in pages, so a large store never sits in memory at once. */
export async function exportEvents(
  store: Store,
  format: string,
  q: Awaited<ReturnType<typeof eventQuery>>,
  write: (s: string) => void,
  opts: { reviewedOnly?: boolean } = {},
): Promise<number> {
  let actors: ActorInfo = new Map();
  if (format === "acled") {
    actors = new Map();
    for (let offset = 0; ; offset += 5000) {
      const page = await store.listActors({ limit: 5000, offset });
      for (const a of page.items) actors.set(a.id, { name: a.name, inter: a.inter });
      if (page.items.length < 5000) break;
    }
    write(`${acledHeader()}\n`);
  }
  if (format === "geojson") write('{"type":"FeatureCollection","features":[');
  let n = 0;
  const one = (e: StoredEvent) => {
    if (format === "acled") write(`${acledLine(e, actors)}\n`);
    else if (format === "jsonl") write(`${JSON.stringify(e)}\n`);
    else write(`${n > 0 ? "," : ""}\n${JSON.stringify(geojsonFeature(e))}`);
    n++;
  };
  if (opts.reviewedOnly) {
    // Filters select by the machine-coded fields; the events written carry the analysts' corrections.
    let keep: Set<string> | undefined;
    if (Object.values(q).some((v) => v !== undefined)) {
      keep = new Set();
      for (let offset = 0; ; offset += 5000) {
        const page = await store.queryEvents({ ...q, sort: "date-asc", limit: 5000, offset, withSources: false });
        for (const e of page.items) keep.add(e.id);
        if (page.items.length < 5000) break;
      }
    }
    const reviews = new Reviews(sqlOf(store), systemClock);
    for (const e of await reviewedEvents(store, reviews, keep && ((id) => keep.has(id)))) one(e);
  } else
    for (let offset = 0; ; offset += 2000) {
      const page = await store.queryEvents({ ...q, sort: "date-asc", limit: 2000, offset });
      for (const e of page.items) one(e);
      if (page.items.length < 2000) break;
    }
  if (format === "geojson") write("\n]}\n");
  return n;
}

export function registerExport(program: Command): void {
  const cmd = program
    .command("export")
    .description("export stored events as ACLED CSV, GeoJSON or JSON Lines (to standard output)")
    .option("--format <format>", FORMATS.join(", "), "acled")
    .option("--reviewed-only", "only events an analyst accepted or corrected, with the corrections applied");
  addDbOption(addEventFilters(cmd)).action(async (o: EventOptions & { reviewedOnly?: boolean }) => {
    if (!FORMATS.includes(o.format)) throw new UserError(`--format: expected ${FORMATS.join(", ")}, got "${o.format}"`);
    const q = await eventQuery(o);
    await withStore(
      o.db,
      (store) => exportEvents(store, o.format, q, (s) => process.stdout.write(s), { reviewedOnly: o.reviewedOnly }),
      { read: true },
    );
  });
}
