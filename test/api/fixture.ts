// Small extracted documents for the API and browser tests, built from their own text so every
// span is computed (never typed in). Each `report()` is one article with one event.
import type { Actor, ConflictEvent, EventType, ExtractedDoc, Place, Relation, SubEventType } from "../../src/types/index.js";

/** An actor and, when the text names it otherwise, the words that name it ("US" for the United States). */
export type ActorSpec = { id: string; name: string; kind: Actor["kind"]; text?: string };

export interface ReportSpec {
  id: string;
  outlet: string;
  publishedAt: string;
  /** The sentence that reports the event; must contain every name below. */
  sentence: string;
  trigger: string;
  eventType: EventType;
  subEventType: SubEventType;
  actor1: ActorSpec;
  actor2?: ActorSpec;
  /** actor1 backed-by this actor (named in the sentence). */
  sponsor?: ActorSpec;
  place: { name: string; lat: number; lon: number; country: string; geonameId: number };
  date: string;
  fatalities?: number;
}

function span(body: string, text: string, from = 0) {
  const start = body.indexOf(text, from);
  if (start < 0) throw new Error(`fixture: "${text}" not in the text`);
  return { start, end: start + text.length, text };
}

function mention(body: string, text: string) {
  return { ...span(body, text), pass: "fixture", rule: "fixture", confidence: 1 };
}

/** One article with one event, its actors, place and (optionally) a backed-by relation. */
export function report(s: ReportSpec): ExtractedDoc {
  const title = `${s.actor1.name} ${s.trigger} near ${s.place.name}`;
  const body = `${s.sentence}\n\nThe report could not be independently verified.`;
  const actor = (a: ActorSpec): Actor => ({
    id: a.id,
    name: a.name,
    kind: a.kind,
    aliases: [],
    mentions: [mention(body, a.text ?? a.name)],
    known: true,
  });
  const actors = [s.actor1, s.actor2, s.sponsor].filter(Boolean).map((a) => actor(a!));
  const relations: Relation[] = s.sponsor
    ? [{ type: "backed-by", source: s.actor1.id, target: s.sponsor.id, confidence: 0.9, evidence: [{ ...mention(body, s.sponsor.text ?? s.sponsor.name), pass: "fixture", rule: "backed" }] }]
    : [];
  const place: Place = {
    id: `geonames:${s.place.geonameId}`,
    name: s.place.name,
    mentions: [mention(body, s.place.name)],
    lat: s.place.lat,
    lon: s.place.lon,
    geonameId: s.place.geonameId,
    featureCode: "PPL",
    countryCode: s.place.country,
    precision: 1,
  };
  const sentence = span(body, s.sentence);
  const ev: ConflictEvent = {
    id: "e1",
    eventType: s.eventType,
    subEventType: s.subEventType,
    actor1: s.actor1.id,
    actor2: s.actor2?.id,
    assocActors1: [],
    assocActors2: [],
    location: span(body, s.place.name),
    placeId: place.id,
    date: { date: s.date, precision: 1 },
    fatalities: s.fatalities,
    modality: "asserted",
    attribution: { name: s.outlet, kind: "outlet" },
    primary: true,
    sentence: { start: sentence.start, end: sentence.end },
    trigger: span(body, s.trigger),
    evidence: [{ ...mention(body, s.trigger), pass: "fixture", rule: "trigger" }],
    confidence: 0.9,
  };
  return {
    id: s.id,
    article: {
      id: s.id,
      source: `fixture:${s.id}`,
      format: "text",
      url: `https://news.example.org/${s.id}`,
      outlet: s.outlet,
      title,
      publishedAt: s.publishedAt,
      language: "en",
      body,
      captions: [],
      credits: [],
      warnings: [],
    },
    actors,
    relations,
    places: [place],
    events: [ev],
    quotes: [],
    warnings: [],
  };
}

export const SDF = { id: "sdf", name: "Syrian Democratic Forces", kind: "rebel-group" as const };
export const ISIS = { id: "isis", name: "Isis", kind: "jihadist-group" as const };
export const USA = { id: "usa", name: "United States", kind: "state" as const, text: "US" };
export const IRAQ_ARMY = { id: "iraq-army", name: "Iraqi army", kind: "state-force" as const };

/** A battle near Deir Ezzor (Syria) reported by one outlet. */
export const deirEzzor = (id = "deir-ezzor", outlet = "Example Wire") =>
  report({
    id,
    outlet,
    publishedAt: "2017-09-09T17:49:00-04:00",
    sentence: "US-backed Syrian Democratic Forces launched an offensive against Isis near Deir Ezzor on Saturday.",
    trigger: "launched an offensive",
    eventType: "Battles",
    subEventType: "Armed clash",
    actor1: SDF,
    actor2: ISIS,
    sponsor: USA,
    place: { name: "Deir Ezzor", lat: 35.336, lon: 40.146, country: "SY", geonameId: 170794 },
    date: "2017-09-09",
  });

/** An air strike near Tal Afar (Iraq) with a fatality figure. */
export const talAfar = (id = "tal-afar") =>
  report({
    id,
    outlet: "Other Daily",
    publishedAt: "2017-08-27T08:00:00+00:00",
    sentence: "The Iraqi army carried out an air strike on Isis positions in Tal Afar, killing 12 militants.",
    trigger: "carried out an air strike",
    eventType: "Explosions/Remote violence",
    subEventType: "Air/drone strike",
    actor1: IRAQ_ARMY,
    actor2: ISIS,
    place: { name: "Tal Afar", lat: 36.376, lon: 42.449, country: "IQ", geonameId: 89570 },
    date: "2017-08-26",
    fatalities: 12,
  });
