// The data the alert detectors read and the alerts they produce. Detectors never touch the
// store directly: an adapter (src/alerts/source.ts) turns stored or extracted documents into
// `AlertData`, so the same pure functions run on the CLI, the API and in tests.
import type { Actor, EventKindAndSides, Modality, Relation } from "../types/index.js";

/** Where a stored event came from: the article and who said so. */
export interface AlertSource {
  articleId?: string;
  url?: string;
  outlet?: string;
  title?: string;
  /** The attributed source ("Syrian Observatory for Human Rights", "Reuters"). */
  attribution?: string;
}

/** A place an event happened at, already resolved. */
export interface AlertPlace {
  id: string;
  name: string;
  lat: number;
  lon: number;
  /** ACLED geo-precision 1..3 */
  precision: number;
}

/** One event with a global id, as the detectors need it. */
export interface AlertEvent extends EventKindAndSides {
  id: string;
  /** YYYY-MM-DD */
  date: string;
  modality: Modality;
  place?: AlertPlace;
  sources: AlertSource[];
  /** Reviewer's verdict when an analyst has reviewed it; rejected events are ignored. */
  review?: "accepted" | "corrected" | "rejected";
}

/** An analyst's decision that overrides the derived coalition of one actor. */
export interface CoalitionOverride {
  actorId: string;
  /** null = "belongs to no coalition". */
  coalitionId: string | null;
  by: string;
  /** ISO timestamp */
  at: string;
  note?: string;
}

/** Everything the detectors read. */
export interface AlertData {
  actors: Actor[];
  relations: Relation[];
  events: AlertEvent[];
  overrides?: CoalitionOverride[];
}

export type MemberRole = "sponsor" | "core" | "member";

/** One step of the chain that makes an actor a member: "sdf backed-by usa", with its evidence text. */
export interface MembershipStep {
  type: Relation["type"] | "affiliation" | "kind" | "lexicon" | "override";
  source: string;
  target?: string;
  evidence: string[];
  confidence: number;
}

export interface Membership {
  actorId: string;
  actorName: string;
  coalitionId: string;
  role: MemberRole;
  /** The chain from the actor to the coalition's defining members. */
  via: MembershipStep[];
  /** Other coalitions the actor is also linked to (the tie was broken by path length, then order). */
  alsoLinked: string[];
  explanation: string;
}

export interface Coalition {
  id: string;
  name: string;
  members: Membership[];
}

export interface CoalitionSet {
  coalitions: Coalition[];
  /** actor id → membership */
  byActor: Map<string, Membership>;
  /** Unordered rival pairs, each as "a|b" with a < b. */
  rivals: Set<string>;
}

export type AlertKind = "converging" | "racing" | "clash" | "sponsor";

export interface AlertSide {
  coalition: string;
  coalitionName: string;
  actors: { id: string; name: string }[];
}

export interface Alert {
  /** Stable: the same data gives the same id. */
  id: string;
  kind: AlertKind;
  /** YYYY-MM-DD: the date the alert was computed for. */
  asOf: string;
  sides: [AlertSide, AlertSide];
  places: { id: string; name: string; lat: number; lon: number }[];
  distanceKm?: number;
  /** For converging: the distance N days earlier and the change. */
  trend?: { days: number; fromKm: number; toKm: number; changeKm: number; direction: "closing" | "widening" | "steady" };
  eventIds: string[];
  sources: AlertSource[];
  /** The first and last date of the events behind it. */
  firstDate: string;
  lastDate: string;
  explanation: string;
}

/** Thresholds; every one has a default (src/alerts/options.ts). */
export interface AlertOptions {
  /** YYYY-MM-DD: compute as of this day (default: the latest event date). */
  asOf?: string;
  /** Only events on or after this day count at all. */
  since?: string;
  /** Days of events that make an area of operation. */
  windowDays: number;
  /** Converging: areas closer than this. */
  distanceKm: number;
  /** Converging: compare with the distance this many days earlier. */
  trendDays: number;
  /** Converging: the gap must have shrunk by at least this much. */
  minShrinkKm: number;
  /** Racing: both sides fighting within this distance of the same place. */
  objectiveKm: number;
  /** Sponsor: a sponsor's own forces within this distance of the rival's area. */
  sponsorKm: number;
  /** H3 resolution of the area grid. */
  h3Resolution: number;
  /** Places vaguer than this (ACLED geo-precision) do not make an area. */
  maxPrecision: number;
  /** Modalities that count (planned, hypothetical and negated events never make an alert by default). */
  modalities: Modality[];
}
