// Turns the hand-made seed-situation events into ExtractedDocs (one short article each), so the
// store tests can save them with `saveDoc` like the pipeline's output.
import type { AlertEvent } from "../../src/alerts/types.js";
import type { Actor, ConflictEvent, ExtractedDoc, Place, Relation } from "../../src/types/index.js";

export function docFor(e: AlertEvent, actors: Actor[], relations: Relation[], n: number): ExtractedDoc {
  const who = [e.actor1, e.actor2].filter(Boolean).join(" and ");
  const body = `Report ${n}: ${who} in a ${e.subEventType.toLowerCase()} at ${e.place?.name ?? "an unknown place"} on ${e.date}.`;
  const places: Place[] = e.place
    ? [{ id: e.place.id, name: e.place.name, mentions: [], lat: e.place.lat, lon: e.place.lon, featureCode: "PPL", countryCode: "SY", precision: e.place.precision as 1 | 2 | 3 }]
    : [];
  const ev: ConflictEvent = {
    id: "e1",
    eventType: e.eventType,
    subEventType: e.subEventType,
    assocActors1: e.assocActors1,
    assocActors2: e.assocActors2,
    ...(e.actor1 ? { actor1: e.actor1 } : {}),
    ...(e.actor2 ? { actor2: e.actor2 } : {}),
    ...(e.place ? { placeId: e.place.id } : {}),
    date: { date: e.date, precision: 1 },
    modality: e.modality,
    attribution: { name: "Reuters", kind: "wire" },
    primary: true,
    sentence: { start: 0, end: body.length },
    trigger: { start: 0, end: 6, text: "Report" },
    evidence: [],
    confidence: 0.9,
  };
  const used = new Set([e.actor1, e.actor2, ...e.assocActors1, ...e.assocActors2, ...relations.flatMap((r) => [r.source, r.target])]);
  return {
    id: `doc-${n}`,
    article: {
      id: `doc-${n}`,
      source: `test:${n}`,
      format: "text",
      url: `https://news.example/${n}`,
      outlet: "Example Wire",
      title: `Report ${n}`,
      publishedAt: `${e.date}T12:00:00Z`,
      body,
      captions: [],
      credits: [],
      warnings: [],
    },
    actors: actors.filter((a) => used.has(a.id)),
    relations,
    places,
    events: [ev],
    quotes: [],
    warnings: [],
  };
}
