// Conflict events in ACLED's categories, with modality and attribution.
import type { Evidence, Span } from "./annotations.js";

export type EventType =
  | "Battles"
  | "Explosions/Remote violence"
  | "Violence against civilians"
  | "Protests"
  | "Riots"
  | "Strategic developments";

/** ACLED's sub-event type names, exactly as ACLED spells them. */
export type SubEventType =
  | "Armed clash"
  | "Government regains territory"
  | "Non-state actor overtakes territory"
  | "Chemical weapon"
  | "Air/drone strike"
  | "Suicide bomb"
  | "Shelling/artillery/missile attack"
  | "Remote explosive/landmine/IED"
  | "Grenade"
  | "Sexual violence"
  | "Attack"
  | "Abduction/forced disappearance"
  | "Peaceful protest"
  | "Protest with intervention"
  | "Excessive force against protesters"
  | "Violent demonstration"
  | "Mob violence"
  | "Agreement"
  | "Arrests"
  | "Change to group/activity"
  | "Disrupted weapons use"
  | "Headquarters or base established"
  | "Looting/property destruction"
  | "Non-violent transfer of territory"
  | "Other";

/** asserted: the text states it; claimed: a named source says so; planned: expected or scheduled;
 * hypothetical: conditional ("if fired upon"); negated: said not to happen. */
export type Modality = "asserted" | "claimed" | "planned" | "hypothetical" | "negated";

/** ACLED time precision: 1 day, 2 week, 3 month or vaguer. */
export type TimePrecision = 1 | 2 | 3;

export interface EventDate {
  /** YYYY-MM-DD: the day, or the first day of the week/month/range. */
  date: string;
  /** Last day of a range when the date is a period. */
  end?: string;
  precision: TimePrecision;
  /** The words that gave it ("on Saturday", "this week"); absent when it defaulted to the publication date. */
  text?: string;
  span?: Span;
}

export type SourceKind = "wire" | "monitor" | "state-media" | "partisan-media" | "official" | "outlet" | "other";

/** Who says so. */
export interface Attribution {
  /** "Syrian Observatory for Human Rights", "Reuters", "pro-Damascus media", or the outlet itself. */
  name: string;
  kind: SourceKind;
  /** Actor id when the source is a known actor. */
  actor?: string;
  span?: Span;
}

/** What kind of event it is and who is on each side (actor ids): the part every stage shares. */
export interface EventKindAndSides {
  eventType: EventType;
  subEventType: SubEventType;
  /** Actor ids. */
  actor1?: string;
  actor2?: string;
  assocActors1: string[];
  assocActors2: string[];
}

export interface ConflictEvent extends EventKindAndSides {
  /** Unique within the document: "e1", "e2" … (the store assigns global ids). */
  id: string;
  /** The place mention the event happened at (set by the events pass) … */
  location?: Span & { text: string };
  /** … and the resolved place id in `places` (set when geoparsing links it). */
  placeId?: string;
  date: EventDate;
  fatalities?: number;
  modality: Modality;
  attribution: Attribution;
  /** The main event of the report. Exactly one per document that has events. */
  primary: boolean;
  /** The sentence that reported it. */
  sentence: Span;
  /** The trigger words ("launched an offensive", "shot down"). */
  trigger: Span & { text: string };
  evidence: Evidence[];
  confidence: number;
}
