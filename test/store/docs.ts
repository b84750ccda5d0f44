// Hand-built ExtractedDocs for the store tests: small articles about the same few events,
// shaped like what the pipeline produces (spans point into the body).
import type { Actor, ConflictEvent, ExtractedDoc, Place, Relation } from "../../src/types/index.js";

export const PLACES: Record<string, Place> = {
  deir: {
    id: "geonames:170794",
    geonameId: 170794,
    name: "Deir ez-Zor",
    mentions: [],
    lat: 35.336,
    lon: 40.141,
    featureCode: "PPLA",
    countryCode: "SY",
    admin1: "Deir ez-Zor",
    precision: 1,
  },
  muhasan: {
    id: "geonames:167000",
    geonameId: 167000,
    name: "Muhasan",
    mentions: [],
    lat: 35.28,
    lon: 40.36,
    featureCode: "PPL",
    countryCode: "SY",
    admin1: "Deir ez-Zor",
    precision: 1,
  },
  raqqa: {
    id: "geonames:163915",
    geonameId: 163915,
    name: "Raqqa",
    mentions: [],
    lat: 35.95,
    lon: 39.01,
    featureCode: "PPLA",
    countryCode: "SY",
    admin1: "Raqqa",
    precision: 1,
  },
  afrin: {
    id: "geonames:174018",
    geonameId: 174018,
    name: "Afrin",
    mentions: [],
    lat: 36.51,
    lon: 36.87,
    featureCode: "PPLA2",
    countryCode: "SY",
    admin1: "Aleppo",
    precision: 1,
  },
  abuKamal: {
    id: "geonames:173578",
    geonameId: 173578,
    name: "Abu Kamal",
    mentions: [],
    lat: 34.4506,
    lon: 40.9171,
    featureCode: "PPLA2",
    countryCode: "SY",
    admin1: "Deir ez-Zor",
    precision: 1,
  },
  deirProvince: {
    id: "geonames:170792",
    geonameId: 170792,
    name: "Deir ez-Zor Governorate",
    mentions: [],
    lat: 35.0,
    lon: 40.5,
    featureCode: "ADM1",
    countryCode: "SY",
    admin1: "Deir ez-Zor",
    precision: 3,
  },
};

export const ACTORS: Record<string, Omit<Actor, "mentions">> = {
  sdf: { id: "sdf", name: "Syrian Democratic Forces", kind: "rebel-group", inter: 2, aliases: ["SDF"], known: true },
  isis: { id: "isis", name: "Islamic State", kind: "jihadist-group", inter: 2, aliases: ["Isis", "Daesh"], known: true },
  usa: { id: "usa", name: "United States", kind: "state", inter: 8, country: "US", aliases: ["US"], known: true },
  ypg: { id: "ypg", name: "People's Protection Units", kind: "identity-militia", inter: 4, aliases: ["YPG"], known: true },
  sygov: { id: "sygov", name: "Syrian government forces", kind: "state-force", inter: 1, aliases: ["regime"], known: true },
  russia: { id: "russia", name: "Russia", kind: "state", inter: 8, aliases: ["Russian"], known: true },
  turkey: { id: "turkey", name: "Turkey", kind: "state", inter: 8, aliases: ["Turkish"], known: true },
};

export interface EvSpec {
  type?: ConflictEvent["eventType"];
  sub?: ConflictEvent["subEventType"];
  a1?: string;
  a2?: string;
  assoc1?: string[];
  date: string;
  precision?: 1 | 2 | 3;
  dateText?: string | null;
  place?: keyof typeof PLACES;
  fatalities?: number;
  source?: string;
  sourceKind?: ConflictEvent["attribution"]["kind"];
  modality?: ConflictEvent["modality"];
  sentence: string;
}

export interface DocSpec {
  id: string;
  url?: string;
  outlet?: string;
  title?: string;
  publishedAt: string;
  extra?: string;
  events: EvSpec[];
  relations?: [Relation["type"], string, string][];
}

/** Builds an ExtractedDoc whose body is the events' sentences, so every span is real. */
export function makeDoc(s: DocSpec): ExtractedDoc {
  let body = "";
  const spans: { start: number; end: number }[] = [];
  for (const e of s.events) {
    if (body) body += " ";
    spans.push({ start: body.length, end: body.length + e.sentence.length });
    body += e.sentence;
  }
  if (s.extra) body += `\n\n${s.extra}`;
  const actorIds = new Set<string>();
  for (const e of s.events) for (const a of [e.a1, e.a2, ...(e.assoc1 ?? [])]) if (a) actorIds.add(a);
  for (const [, x, y] of s.relations ?? []) actorIds.add(x).add(y);
  const actors: Actor[] = [...actorIds].map((id) => {
    const base = ACTORS[id] ?? { id, name: id, kind: "other" as const, aliases: [], known: false };
    const at = body.indexOf(base.aliases[0] ?? base.name);
    return {
      ...base,
      mentions:
        at >= 0
          ? [{ start: at, end: at + (base.aliases[0] ?? base.name).length, text: base.aliases[0] ?? base.name, pass: "test", rule: "lexicon", confidence: 0.9 }]
          : [],
    };
  });
  const placeIds = new Set(s.events.map((e) => e.place).filter((p): p is string => !!p));
  const places = [...placeIds].map((p) => PLACES[p]);
  const events: ConflictEvent[] = s.events.map((e, i) => ({
    id: `e${i + 1}`,
    eventType: e.type ?? "Battles",
    subEventType: e.sub ?? "Armed clash",
    actor1: e.a1,
    actor2: e.a2,
    assocActors1: e.assoc1 ?? [],
    assocActors2: [],
    placeId: e.place ? PLACES[e.place].id : undefined,
    location: e.place ? { start: spans[i].start, end: spans[i].start + 1, text: PLACES[e.place].name } : undefined,
    date: {
      date: e.date,
      precision: e.precision ?? 1,
      ...(e.dateText === null ? {} : { text: e.dateText ?? "on Saturday" }),
    },
    fatalities: e.fatalities,
    modality: e.modality ?? "asserted",
    attribution: { name: e.source ?? s.outlet ?? "unknown", kind: e.sourceKind ?? "outlet" },
    primary: i === 0,
    sentence: spans[i],
    trigger: { start: spans[i].start, end: spans[i].start + 5, text: e.sentence.slice(0, 5) },
    evidence: [],
    confidence: 0.8,
  }));
  const relations: Relation[] = (s.relations ?? []).map(([type, source, target]) => ({
    type,
    source,
    target,
    evidence: [{ start: 0, end: 3, text: body.slice(0, 3), pass: "test", rule: "pattern", confidence: 0.9 }],
    confidence: 0.9,
  }));
  return {
    id: s.id,
    article: {
      id: s.id,
      source: `test:${s.id}`,
      format: "jsonl",
      url: s.url,
      outlet: s.outlet,
      title: s.title ?? `Article ${s.id}`,
      publishedAt: s.publishedAt,
      body,
      captions: [],
      credits: [],
      warnings: [],
    },
    actors,
    relations,
    places,
    events,
    quotes: [],
    warnings: [],
  };
}

/** The corpus the contract suite stores: three outlets on one SDF offensive, plus unrelated events. */
export function corpus(): ExtractedDoc[] {
  return [
    makeDoc({
      id: "ind-1",
      url: "https://example.org/independent/sdf-offensive",
      outlet: "The Independent",
      title: "US-backed forces launch offensive on Deir ez-Zor",
      publishedAt: "2017-09-09T17:49:00-04:00",
      extra: "The Syrian Democratic Forces, backed by the United States, said the operation would continue.",
      events: [
        { a1: "sdf", a2: "isis", date: "2017-09-09", place: "deir", fatalities: 12, source: "Syrian Observatory for Human Rights", sourceKind: "monitor", sentence: "The SDF launched an offensive against Isis near Deir ez-Zor on Saturday, killing 12, the Syrian Observatory said." },
        { type: "Explosions/Remote violence", sub: "Air/drone strike", a1: "russia", a2: "isis", date: "2017-09-08", place: "raqqa", sentence: "Russian jets struck Isis positions in Raqqa on Friday." },
      ],
      relations: [["backed-by", "sdf", "usa"], ["part-of", "ypg", "sdf"]],
    }),
    makeDoc({
      id: "reu-1",
      url: "https://example.org/reuters/deir-offensive",
      outlet: "Reuters",
      title: "Syrian Democratic Forces push into Deir ez-Zor province",
      publishedAt: "2017-09-10T08:00:00Z",
      events: [
        { a1: "sdf", a2: "isis", assoc1: ["usa"], date: "2017-09-09", place: "deir", fatalities: 20, source: "SDF commander", sourceKind: "official", sentence: "US-backed SDF fighters attacked Isis outside Deir ez-Zor on Saturday and killed 20 militants, a commander said." },
      ],
      relations: [["backed-by", "sdf", "usa"]],
    }),
    makeDoc({
      id: "afp-1",
      url: "https://example.org/afp/deir",
      outlet: "AFP",
      title: "Clashes in Deir ez-Zor countryside",
      publishedAt: "2017-09-11T10:00:00Z",
      events: [
        { a1: "isis", a2: "sdf", date: "2017-09-10", precision: 1, place: "deirProvince", sentence: "Isis fighters clashed with the SDF in the Deir ez-Zor countryside on Sunday." },
        { type: "Violence against civilians", sub: "Abduction/forced disappearance", a1: "isis", date: "2017-09-11", dateText: null, place: "deir", sentence: "Isis abducted an aid worker in Deir ez-Zor." },
      ],
      relations: [["backed-by", "sygov", "russia"], ["opposes", "sdf", "sygov"]],
    }),
    makeDoc({
      id: "grd-1",
      url: "https://example.org/guardian/afrin",
      outlet: "The Guardian",
      title: "Turkey begins Afrin offensive against Kurdish YPG",
      publishedAt: "2018-01-21T12:00:00Z",
      events: [
        { type: "Explosions/Remote violence", sub: "Air/drone strike", a1: "turkey", a2: "ypg", date: "2018-01-20", place: "afrin", fatalities: 8, sentence: "Turkish jets bombed YPG positions around Afrin on Saturday, killing eight." },
        { a1: "sygov", a2: "isis", date: "2017-09-09", place: "deir", source: "state media", sourceKind: "state-media", sentence: "Syrian government forces fought Isis in Deir ez-Zor on Saturday, state media said." },
      ],
      relations: [["backed-by", "sdf", "usa"]],
    }),
  ];
}
