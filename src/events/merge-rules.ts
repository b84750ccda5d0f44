// Data for merging reports of the same real-world event across articles (src/events/merge.ts).
// Tolerances are keyed by ACLED precision codes: time 1 day / 2 week / 3 month; place 1 town /
// 2 near a town or part of a region / 3 only the province.
import type { SubEventType } from "../types/index.js";

export const MERGE_RULES = {
  /** Days a report's date may be off, by its time precision (added on both sides of its interval). */
  dateToleranceDays: { 1: 1, 2: 7, 3: 31 } as Record<1 | 2 | 3, number>,
  /**
   * A date that defaulted to the publication date (no date words in the text) only says "on or before":
   * the event may have happened this many days earlier ("the kidnapping", reported again a week later).
   */
  defaultedDateLookbackDays: 14,
  /** How far a place of each precision may be from where the event really was, km. */
  placeToleranceKm: { 1: 8, 2: 30, 3: 150 } as Record<1 | 2 | 3, number>,
  /** Sub-event types that may describe the same fighting and so may merge with each other. */
  compatibleSubTypes: [
    ["Armed clash", "Government regains territory", "Non-state actor overtakes territory"],
    ["Peaceful protest", "Protest with intervention", "Excessive force against protesters"],
    ["Violent demonstration", "Mob violence"],
  ] as SubEventType[][],
  /** Modalities that say the event happened; others (planned, hypothetical, negated) merge only with their own kind. */
  happened: ["asserted", "claimed"],
  /** Without any actors on one side, merge only when both are this precise (time and place precision 1) and this close. */
  actorlessMaxKm: 5,
  actorlessMaxDays: 0,
} as const;

/** Stronger first: the merged event takes the strongest modality any report gives. */
export const MODALITY_STRENGTH = ["asserted", "claimed", "planned", "hypothetical", "negated"] as const;
