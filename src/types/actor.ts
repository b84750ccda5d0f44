// Actors (armed groups, states, persons …) and the relations between them.
import type { Evidence, Mention } from "./annotations.js";

/**
 * ACLED-style actor kinds. `inter` codes: 1 state forces, 2 rebel groups,
 * 3 political militias, 4 identity militias, 5 rioters, 6 protesters,
 * 7 civilians, 8 external/other forces.
 */
export type ActorKind =
  | "state"
  | "state-force"
  | "rebel-group"
  | "political-militia"
  | "identity-militia"
  | "jihadist-group"
  | "rioters"
  | "protesters"
  | "civilians"
  | "external-force"
  | "international-org"
  | "media"
  | "monitor"
  | "person"
  | "other";

export interface Actor {
  /** Canonical id, stable across articles: "sdf", "isis", "syria-gov-forces"; discovered actors get "x:" + slug. */
  id: string;
  /** Canonical name: "Syrian Democratic Forces" */
  name: string;
  kind: ActorKind;
  /** ACLED inter code 1-8 where one applies. */
  inter?: number;
  /** ISO 3166-1 alpha-2 of the actor's home country where known. */
  country?: string;
  aliases: string[];
  /** For persons: "head of the Deir Ezzor Military Council". */
  role?: string;
  /** For persons: the actor they lead or speak for. */
  affiliation?: string;
  mentions: Mention[];
  /** true when the actor came from the lexicon, false when discovered in the text. */
  known: boolean;
}

export type RelationType = "backed-by" | "part-of" | "led-by" | "dominated-by" | "allied-with" | "opposes";

/** A directed relation: `source` <type> `target` ("sdf" backed-by "usa"). */
export interface Relation {
  type: RelationType;
  source: string;
  target: string;
  evidence: Evidence[];
  confidence: number;
}

/** A direct quotation with its speaker. */
export interface Quote {
  start: number;
  end: number;
  text: string;
  /** Actor id of the speaker when known. */
  speaker?: string;
  speakerName?: string;
  role?: string;
  evidence: Evidence[];
}
