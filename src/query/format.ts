// Output formats for stored events: a table for people, JSON Lines, CSV and GeoJSON for tools.
import { csvLine } from "../store/csv.js";
import type { StoredEvent } from "../store/types.js";

export type EventFormat = "table" | "jsonl" | "csv" | "geojson";

export const EVENT_FORMATS: EventFormat[] = ["table", "jsonl", "csv", "geojson"];

const CSV_COLUMNS = [
  "id",
  "date",
  "date_precision",
  "event_type",
  "sub_event_type",
  "actor1",
  "actor2",
  "assoc_actors_1",
  "assoc_actors_2",
  "location",
  "latitude",
  "longitude",
  "geo_precision",
  "country",
  "admin1",
  "modality",
  "fatalities",
  "source_count",
  "article_count",
  "sources",
  "origin",
] as const;

export function csvHeader(): string {
  return CSV_COLUMNS.join(",");
}

export function csvRow(e: StoredEvent): string {
  return csvLine([
    e.id,
    e.date,
    e.datePrecision,
    e.eventType,
    e.subEventType,
    e.actor1,
    e.actor2,
    e.assocActors1.join("; "),
    e.assocActors2.join("; "),
    e.place?.name ?? e.locationText,
    e.place?.lat,
    e.place?.lon,
    e.place?.precision,
    e.place?.country,
    e.place?.admin1,
    e.modality,
    e.fatalities,
    e.sourceCount,
    e.articleIds.length,
    [...new Set(e.sources.map((s) => s.outlet ?? s.attribution.name))].join("; ") || e.sourceText,
    e.origin,
  ]);
}

/** A GeoJSON Feature (Point, or null geometry when unplaced) with the event as properties. */
export function geojsonFeature(e: StoredEvent): object {
  const { place, ...props } = e;
  return {
    type: "Feature",
    id: e.id,
    geometry: place ? { type: "Point", coordinates: [place.lon, place.lat] } : null,
    properties: { ...props, place },
  };
}

/** Fixed-width table for a terminal. */
export function eventTable(events: StoredEvent[]): string {
  const rows = events.map((e) => [
    e.id,
    e.date + (e.datePrecision > 1 ? (e.datePrecision === 2 ? "~w" : "~m") : ""),
    e.subEventType,
    [e.actor1, e.actor2].filter(Boolean).join(" vs ") || "-",
    e.place ? e.place.name : (e.locationText ?? "-"),
    e.fatalityClaims.length > 1
      ? e.fatalityClaims.map((c) => c.fatalities).join("/")
      : e.fatalities === undefined
        ? ""
        : String(e.fatalities),
    String(e.sourceCount),
  ]);
  return table(["id", "date", "type", "actors", "place", "killed", "src"], rows);
}

export function table(head: string[], rows: string[][]): string {
  const width = head.map((h, i) => Math.min(40, Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length))));
  const cut = (s: string, w: number) => (s.length > w ? `${s.slice(0, w - 1)}…` : s.padEnd(w));
  const line = (r: string[]) => r.map((c, i) => cut(c ?? "", width[i])).join("  ").trimEnd();
  return [line(head), line(width.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n") + "\n";
}
