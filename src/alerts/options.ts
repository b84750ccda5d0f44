// Default thresholds for contact and escalation alerts, and their validation.
import type { AlertOptions } from "./types.js";

export const DEFAULT_ALERT_OPTIONS: AlertOptions = {
  windowDays: 14,
  distanceKm: 30,
  trendDays: 7,
  minShrinkKm: 1,
  objectiveKm: 25,
  sponsorKm: 30,
  h3Resolution: 6,
  maxPrecision: 2,
  modalities: ["asserted", "claimed"],
};

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Merges user thresholds over the defaults and checks them; throws a plain Error whose message
 * says which option is wrong and what was expected (the CLI turns it into a UserError).
 * @example resolveAlertOptions({ distanceKm: 50 })
 */
export function resolveAlertOptions(partial: Partial<AlertOptions> = {}): AlertOptions {
  const o: AlertOptions = { ...DEFAULT_ALERT_OPTIONS };
  for (const [k, v] of Object.entries(partial)) if (v !== undefined) (o as unknown as Record<string, unknown>)[k] = v;
  const positive: (keyof AlertOptions)[] = ["windowDays", "distanceKm", "trendDays", "objectiveKm", "sponsorKm"];
  for (const k of positive) {
    const v = o[k];
    if (typeof v !== "number" || !Number.isFinite(v) || v <= 0) throw new Error(`${k} must be a positive number, got ${String(v)}`);
  }
  if (!(o.minShrinkKm >= 0)) throw new Error(`minShrinkKm must be zero or more, got ${o.minShrinkKm}`);
  if (!Number.isInteger(o.h3Resolution) || o.h3Resolution < 0 || o.h3Resolution > 15)
    throw new Error(`h3Resolution must be an integer 0..15, got ${o.h3Resolution}`);
  for (const k of ["asOf", "since"] as const) {
    const v = o[k];
    if (v !== undefined && (!DATE.test(v) || Number.isNaN(Date.parse(v)))) throw new Error(`${k} must be a date YYYY-MM-DD, got "${v}"`);
  }
  return o;
}

/** Adds `days` (may be negative) to a YYYY-MM-DD date. */
export function addDays(date: string, days: number): string {
  const t = Date.parse(`${date}T00:00:00Z`) + days * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}
