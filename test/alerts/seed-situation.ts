// Hand-made actors, relations and events modelled on the seed situation (Deir Ezzor, September 2017):
// the SDF advancing on Deir Ezzor down the eastern bank of the Euphrates, government forces on the
// western bank, Isis in between, Russia and Iran backing Damascus, the United States backing the SDF.
// Coordinates are approximate real positions; the events are invented for the tests.
import type { AlertEvent, AlertPlace } from "../../src/alerts/types.js";
import type { Actor, ActorKind, Relation, RelationType } from "../../src/types/index.js";

export function actor(id: string, name: string, kind: ActorKind, country?: string, extra: Partial<Actor> = {}): Actor {
  return { id, name, kind, country, aliases: [], mentions: [], known: true, ...extra };
}

export function rel(source: string, type: RelationType, target: string, text: string, confidence = 0.9): Relation {
  return { type, source, target, confidence, evidence: [{ pass: "test", rule: "hand-made", confidence, start: 0, end: text.length, text }] };
}

export const P: Record<string, AlertPlace> = {
  deirEzzor: { id: "geonames:170794", name: "Deir ez-Zor", lat: 35.336, lon: 40.1408, precision: 1 },
  industrialZone: { id: "sup:deir-ezzor-industrial-zone", name: "Deir Ezzor industrial zone", lat: 35.37, lon: 40.19, precision: 2 },
  jafra: { id: "geonames:jafra", name: "Al-Jafra", lat: 35.3, lon: 40.2, precision: 1 },
  abuKhashab: { id: "geonames:abu-khashab", name: "Abu Khashab", lat: 35.56, lon: 40.46, precision: 1 },
  shaddadi: { id: "geonames:173180", name: "Al-Shaddadi", lat: 36.057, lon: 40.73, precision: 1 },
  shula: { id: "geonames:shula", name: "Al-Shula", lat: 35.0, lon: 39.98, precision: 1 },
  kabajib: { id: "geonames:kabajib", name: "Kabajib", lat: 34.93, lon: 39.66, precision: 1 },
  raqqa: { id: "geonames:163915", name: "Raqqa", lat: 35.95, lon: 39.01, precision: 1 },
  palmyra: { id: "geonames:163800", name: "Palmyra", lat: 34.56, lon: 38.28, precision: 1 },
  deirProvince: { id: "geonames:deir-ezzor-province", name: "Deir ez-Zor Governorate", lat: 35.2, lon: 40.4, precision: 3 },
};

export function seedActors(): Actor[] {
  return [
    actor("sdf", "Syrian Democratic Forces", "rebel-group", "SY"),
    actor("dmc", "Deir Ezzor Military Council", "rebel-group", "SY"),
    actor("usa", "United States", "state", "US"),
    actor("syria-gov-forces", "Syrian government forces", "state-force", "SY"),
    actor("russia", "Russia", "state", "RU"),
    actor("iran", "Iran", "state", "IR"),
    actor("hezbollah", "Hezbollah", "political-militia", "LB"),
    actor("isis", "Islamic State", "jihadist-group"),
    actor("x:ahmad-abu-khawla", "Ahmad Abu Khawla", "person", undefined, { affiliation: "dmc", role: "head of the Deir Ezzor Military Council" }),
  ];
}

export function seedRelations(): Relation[] {
  return [
    rel("sdf", "backed-by", "usa", "US-backed Syrian Democratic Forces"),
    rel("dmc", "part-of", "sdf", "The Military Council is a part of the predominantly-Kurdish SDF"),
    rel("syria-gov-forces", "backed-by", "russia", "Russian-backed Syrian government forces"),
    rel("syria-gov-forces", "backed-by", "iran", "Syrian government troops, supported by Russia and Iran"),
  ];
}

let n = 0;
export function ev(
  date: string,
  sub: AlertEvent["subEventType"],
  actor1: string | undefined,
  actor2: string | undefined,
  place: AlertPlace | undefined,
  extra: Partial<AlertEvent> = {},
): AlertEvent {
  n++;
  const eventType: AlertEvent["eventType"] =
    sub === "Air/drone strike" || sub === "Shelling/artillery/missile attack"
      ? "Explosions/Remote violence"
      : sub === "Headquarters or base established" || sub === "Other"
        ? "Strategic developments"
        : "Battles";
  return {
    id: extra.id ?? `ev${String(n).padStart(3, "0")}`,
    eventType,
    subEventType: sub,
    actor1,
    actor2,
    assocActors1: [],
    assocActors2: [],
    date,
    modality: "asserted",
    place,
    sources: [{ articleId: "independent-2017-09-09", outlet: "The Independent", attribution: "Reuters" }],
    ...extra,
  };
}

/** The race for Deir Ezzor in early September 2017 (the seed's situation): SDF and government forces
 * each fighting Isis near the city, the DMC in its industrial zone, and one SDF–government clash at
 * Raqqa. New events (new ids) on every call. */
export function deirEzzorRace(): AlertEvent[] {
  return [
    ev("2017-09-01", "Armed clash", "sdf", "isis", P.abuKhashab),
    ev("2017-09-02", "Armed clash", "syria-gov-forces", "isis", P.shula),
    ev("2017-09-05", "Government regains territory", "syria-gov-forces", "isis", P.deirEzzor),
    ev("2017-09-09", "Armed clash", "dmc", "isis", P.industrialZone),
    ev("2017-09-10", "Non-state actor overtakes territory", "sdf", "isis", P.jafra),
    ev("2017-09-08", "Armed clash", "sdf", "syria-gov-forces", P.raqqa),
  ];
}
