// ACLED's CSV format: the exact column names of an ACLED export, stored events → rows, and rows →
// events to import (each malformed row reported with its line number and skipped).
import { createRequire } from "node:module";
import type { Country } from "world-countries";
import type { EventType, GeoPrecision, SubEventType, TimePrecision } from "../types/index.js";
import { csvLine, parseCsv } from "./csv.js";
import type { ImportedEvent, StoredEvent } from "./types.js";

export const ACLED_COLUMNS = [
  "event_id_cnty",
  "event_date",
  "year",
  "time_precision",
  "disorder_type",
  "event_type",
  "sub_event_type",
  "actor1",
  "assoc_actor_1",
  "inter1",
  "actor2",
  "assoc_actor_2",
  "inter2",
  "interaction",
  "civilian_targeting",
  "iso",
  "region",
  "country",
  "admin1",
  "admin2",
  "admin3",
  "location",
  "latitude",
  "longitude",
  "geo_precision",
  "source",
  "source_scale",
  "notes",
  "fatalities",
  "tags",
  "timestamp",
] as const;

export type AcledColumn = (typeof ACLED_COLUMNS)[number];

const REQUIRED: AcledColumn[] = ["event_date", "event_type", "sub_event_type", "actor1", "latitude", "longitude"];

/** ACLED's sub-event types under each event type. */
export const ACLED_TYPES: Record<EventType, SubEventType[]> = {
  Battles: ["Armed clash", "Government regains territory", "Non-state actor overtakes territory"],
  "Explosions/Remote violence": [
    "Chemical weapon",
    "Air/drone strike",
    "Suicide bomb",
    "Shelling/artillery/missile attack",
    "Remote explosive/landmine/IED",
    "Grenade",
  ],
  "Violence against civilians": ["Sexual violence", "Attack", "Abduction/forced disappearance"],
  Protests: ["Peaceful protest", "Protest with intervention", "Excessive force against protesters"],
  Riots: ["Violent demonstration", "Mob violence"],
  "Strategic developments": [
    "Agreement",
    "Arrests",
    "Change to group/activity",
    "Disrupted weapons use",
    "Headquarters or base established",
    "Looting/property destruction",
    "Non-violent transfer of territory",
    "Other",
  ],
};

const DISORDER: Record<EventType, string> = {
  Battles: "Political violence",
  "Explosions/Remote violence": "Political violence",
  "Violence against civilians": "Political violence",
  Protests: "Demonstrations",
  Riots: "Demonstrations",
  "Strategic developments": "Strategic developments",
};

/** UN subregions (world-countries) → ACLED's region names. */
const REGION: Record<string, string> = {
  "Western Asia": "Middle East",
  "Northern Africa": "Northern Africa",
  "Western Africa": "Western Africa",
  "Middle Africa": "Middle Africa",
  "Eastern Africa": "Eastern Africa",
  "Southern Africa": "Southern Africa",
  "Southern Asia": "South Asia",
  "South-Eastern Asia": "Southeast Asia",
  "Eastern Asia": "East Asia",
  "Central Asia": "Caucasus and Central Asia",
  Caribbean: "Caribbean",
  "Central America": "Central America",
  "South America": "South America",
  "North America": "North America",
  Polynesia: "Oceania",
  Melanesia: "Oceania",
  Micronesia: "Oceania",
  "Australia and New Zealand": "Oceania",
};

/**
 * The world-countries tables, loaded on the first ACLED row written or read: the package (1.2 MB of
 * JSON) is required at run time, not imported, so that commands which only name ACLED_TYPES (events,
 * timeline) and the CLI bundle (scripts/build-cli.mjs) do not load it at every start.
 */
let tables: { byCca2: Map<string, Country>; byName: Map<string, Country> } | undefined;
function countryTables(): NonNullable<typeof tables> {
  if (tables) return tables;
  // the package's export is the array (CJS) or a module wrapping it (ESM interop)
  const wc = createRequire(import.meta.url)("world-countries") as Country[] | { default: Country[] };
  const countries: Country[] = Array.isArray(wc) ? wc : wc.default;
  const byCca2 = new Map<string, Country>(countries.map((c) => [c.cca2, c]));
  const byName = new Map<string, Country>();
  for (const c of countries) {
    byName.set(c.name.common.toLowerCase(), c);
    byName.set(c.name.official.toLowerCase(), c);
    byName.set(c.ccn3, c);
    byName.set(String(Number(c.ccn3)), c);
  }
  tables = { byCca2, byName };
  return tables;
}

function region(c?: Country): string {
  if (!c) return "";
  if (["Europe"].includes(c.region)) return "Europe";
  return REGION[c.subregion ?? ""] ?? c.region;
}

/** What the exporter needs to know about actors: display names and ACLED inter codes. */
export type ActorInfo = Map<string, { name: string; inter?: number }>;

/** One stored event as an ACLED row (values in ACLED_COLUMNS order). */
export function toAcledRow(e: StoredEvent, actors: ActorInfo): (string | number)[] {
  const c = e.place?.country ? countryTables().byCca2.get(e.place.country) : undefined;
  const name = (id?: string) => (id ? (actors.get(id)?.name ?? id) : "");
  const inter = (id?: string) => (id ? (actors.get(id)?.inter ?? "") : "");
  const i1 = inter(e.actor1);
  const i2 = inter(e.actor2);
  const interaction = i1 !== "" && i2 !== "" ? Math.min(+i1, +i2) * 10 + Math.max(+i1, +i2) : i1 !== "" ? +i1 * 10 : "";
  const sources = [...new Set(e.sources.map((s) => s.attribution.name || s.outlet || ""))].filter(Boolean).join("; ");
  const stamp = Math.floor(Date.parse(e.lastReported ?? `${e.date}T00:00:00Z`) / 1000);
  const row: Record<AcledColumn, string | number> = {
    event_id_cnty: e.externalId ?? `${c?.cca3 ?? "XXX"}${e.id}`,
    event_date: e.date,
    year: e.date.slice(0, 4),
    time_precision: e.datePrecision,
    disorder_type: DISORDER[e.eventType] ?? "",
    event_type: e.eventType,
    sub_event_type: e.subEventType,
    actor1: name(e.actor1),
    assoc_actor_1: e.assocActors1.map(name).join("; "),
    inter1: i1,
    actor2: name(e.actor2),
    assoc_actor_2: e.assocActors2.map(name).join("; "),
    inter2: i2,
    interaction,
    civilian_targeting: e.eventType === "Violence against civilians" ? "Civilian targeting" : "",
    iso: c ? Number(c.ccn3) : "",
    region: region(c),
    country: c?.name.common ?? e.place?.country ?? "",
    admin1: e.place?.admin1 ?? "",
    admin2: e.place?.admin2 ?? "",
    admin3: "",
    location: e.place?.name ?? e.locationText ?? "",
    latitude: e.place ? Number(e.place.lat.toFixed(4)) : "",
    longitude: e.place ? Number(e.place.lon.toFixed(4)) : "",
    geo_precision: e.place?.precision ?? "",
    source: e.origin === "acled" ? (e.sourceText ?? sources) : sources,
    source_scale: "",
    notes: e.origin === "acled" ? (e.notes ?? "") : (e.sources[0]?.sentence.text ?? ""),
    fatalities: e.fatalities ?? 0,
    tags: "",
    timestamp: Number.isFinite(stamp) ? stamp : "",
  };
  return ACLED_COLUMNS.map((k) => row[k]);
}

export function acledHeader(): string {
  return ACLED_COLUMNS.join(",");
}

export function acledLine(e: StoredEvent, actors: ActorInfo): string {
  return csvLine(toAcledRow(e, actors));
}

export interface RowProblem {
  line: number;
  message: string;
}

export interface AcledParse {
  events: ImportedEvent[];
  problems: RowProblem[];
}

const MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];

/** "2017-09-09", "09 September 2017", "9-Sep-17" → "2017-09-09", or undefined. */
export function acledDate(s: string): string | undefined {
  const t = s.trim();
  let m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(t);
  if (m) return valid(+m[1], +m[2], +m[3]);
  m = /^(\d{1,2})[ -]([A-Za-z]+)[ -](\d{2}|\d{4})$/.exec(t);
  if (m) {
    const mon = MONTHS.findIndex((x) => x.startsWith(m![2].toLowerCase().slice(0, 3)));
    const y = m[3].length === 2 ? 2000 + +m[3] : +m[3];
    return mon >= 0 ? valid(y, mon + 1, +m[1]) : undefined;
  }
  return undefined;
}

function valid(y: number, mo: number, d: number): string | undefined {
  const dt = new Date(Date.UTC(y, mo - 1, d));
  if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== mo - 1 || dt.getUTCDate() !== d) return undefined;
  return dt.toISOString().slice(0, 10);
}

function slug(s: string): string {
  return s
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
}

/** Resolves an ACLED actor name to a store actor id (a known actor by name), else "acled:<slug>". */
export type ActorResolver = (name: string) => string;

export function defaultResolver(known: Map<string, string>): ActorResolver {
  return (name) => known.get(name.trim().toLowerCase()) ?? `acled:${slug(name)}`;
}

/** Parses an ACLED CSV export. Throws only when the header lacks a required column. */
export function parseAcled(text: string, resolve: ActorResolver): AcledParse {
  const events: ImportedEvent[] = [];
  const problems: RowProblem[] = [];
  const records = parseCsv(text);
  const first = records.next();
  if (first.done) return { events, problems };
  const header = first.value.fields.map((h) => h.trim().toLowerCase());
  const missing = REQUIRED.filter((c) => !header.includes(c));
  if (missing.length > 0) throw new Error(`not an ACLED CSV: the header lacks ${missing.join(", ")}`);
  const col = (name: AcledColumn) => header.indexOf(name);
  for (const rec of records) {
    if (rec.error) {
      problems.push({ line: rec.line, message: rec.error });
      continue;
    }
    if (rec.fields.length !== header.length) {
      problems.push({ line: rec.line, message: `expected ${header.length} fields, found ${rec.fields.length}` });
      continue;
    }
    const get = (name: AcledColumn) => {
      const i = col(name);
      return i >= 0 ? rec.fields[i].trim() : "";
    };
    const r = rowToEvent(get, resolve);
    if (typeof r === "string") problems.push({ line: rec.line, message: r });
    else events.push(r);
  }
  return { events, problems };
}

function rowToEvent(get: (c: AcledColumn) => string, resolve: ActorResolver): ImportedEvent | string {
  const eventType = get("event_type") as EventType;
  if (!ACLED_TYPES[eventType]) return `unknown event_type "${get("event_type")}"`;
  const subEventType = get("sub_event_type") as SubEventType;
  if (!ACLED_TYPES[eventType].includes(subEventType)) return `sub_event_type "${subEventType}" is not one of ${eventType}'s`;
  const date = acledDate(get("event_date"));
  if (!date) return `event_date "${get("event_date")}" is not a date`;
  const lat = Number(get("latitude"));
  const lon = Number(get("longitude"));
  if (get("latitude") === "" || !Number.isFinite(lat) || lat < -90 || lat > 90) return `latitude "${get("latitude")}" is not a latitude`;
  if (get("longitude") === "" || !Number.isFinite(lon) || lon < -180 || lon > 180)
    return `longitude "${get("longitude")}" is not a longitude`;
  const fat = get("fatalities");
  if (fat !== "" && !/^\d+$/.test(fat)) return `fatalities "${fat}" is not a whole number`;
  const tp = get("time_precision") || "1";
  if (!/^[123]$/.test(tp)) return `time_precision "${tp}" is not 1, 2 or 3`;
  const gp = get("geo_precision") || "1";
  if (!/^[123]$/.test(gp)) return `geo_precision "${gp}" is not 1, 2 or 3`;
  const actor1Name = get("actor1");
  if (!actor1Name) return "actor1 is empty";
  const actorNames: ImportedEvent["actorNames"] = {};
  const add = (name: string, inter?: string) => {
    const id = resolve(name);
    const code = inter && /^[1-8]$/.test(inter) ? Number(inter) : undefined;
    actorNames[id] = { name, ...(code ? { inter: code } : {}) };
    return id;
  };
  const split = (s: string) =>
    s
      .split(";")
      .map((x) => x.trim())
      .filter(Boolean);
  const actor1 = add(actor1Name, get("inter1"));
  const actor2 = get("actor2") ? add(get("actor2"), get("inter2")) : undefined;
  const assocActors1 = split(get("assoc_actor_1")).map((n) => add(n));
  const assocActors2 = split(get("assoc_actor_2")).map((n) => add(n));
  const { byName } = countryTables();
  const c = byName.get(get("country").toLowerCase()) ?? byName.get(get("iso"));
  const location = get("location") || get("admin2") || get("admin1") || get("country");
  const id = get("event_id_cnty") || `${c?.cca3 ?? "XXX"}-${date}-${slug(location)}-${slug(actor1Name)}`;
  const stamp = get("timestamp");
  return {
    externalId: id,
    eventType,
    subEventType,
    actor1,
    actor2,
    assocActors1,
    assocActors2,
    actorNames,
    date,
    datePrecision: Number(tp) as TimePrecision,
    place: {
      id: `${location.toLowerCase()}@${lat.toFixed(3)},${lon.toFixed(3)}`,
      name: location,
      lat,
      lon,
      precision: Number(gp) as GeoPrecision,
      country: c?.cca2,
      admin1: get("admin1") || undefined,
      admin2: get("admin2") || undefined,
    },
    fatalities: fat === "" ? undefined : Number(fat),
    source: get("source"),
    notes: get("notes") || undefined,
    reportedAt: /^\d+$/.test(stamp) ? new Date(Number(stamp) * 1000).toISOString() : undefined,
  };
}
