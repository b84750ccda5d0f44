// One call for the CLI and the API: load from the store the events an "as of" date needs
// (the area window plus the trend look-back), detect, and keep the alerts in [since, until].
import type { Store } from "../store/types.js";
import { type DetectResult, detectAlerts } from "./detect.js";
import { addDays, resolveAlertOptions } from "./options.js";
import { latestDay, loadAlertData } from "./source.js";
import type { Alert, AlertData, AlertKind, AlertOptions } from "./types.js";

export interface AlertQuery extends Partial<AlertOptions> {
  /** Alerts whose latest event is on or after this day. */
  since?: string;
  /** Compute as of this day (default: the latest stored event). */
  until?: string;
  kinds?: AlertKind[];
}

/** @example const { alerts } = await alertsFromStore(store, { until: "2017-09-10", distanceKm: 30 }); */
export async function alertsFromStore(store: Store, q: AlertQuery = {}): Promise<DetectResult> {
  let asOf = optionsOf(q).asOf;
  if (!asOf) asOf = (await latestDay(store)) ?? "1970-01-01";
  const from = windowStart(q, asOf);
  const data = await loadAlertData(store, { since: from, until: asOf });
  return detectQuery(data, q, asOf);
}

/** The detection step of `alertsFromStore` over data already loaded for `asOf` (also src/alerts/upkeep.ts). */
export function detectQuery(data: AlertData, q: AlertQuery, asOf: string): DetectResult {
  const r = detectAlerts(data, { ...optionsOf(q), asOf, since: undefined });
  r.alerts = keepAsked(r.alerts, q);
  return r;
}

/** The alerts a query keeps of those detected: latest event on or after `since`, of the `kinds` asked for. */
export function keepAsked(alerts: Alert[], q: Pick<AlertQuery, "since" | "kinds">): Alert[] {
  const { since, kinds } = q;
  return alerts.filter((a) => (!since || a.lastDate >= since) && (!kinds || kinds.includes(a.kind)));
}

/**
 * True when `q` has the detector options of `base` (a query that keeps every alert, as of the
 * latest stored day), whatever its as-of day: as of the same day, `keepAsked(base's alerts, q)`
 * is q's answer.
 */
export function sameOptions(q: AlertQuery, base: AlertQuery): boolean {
  if (base.since || base.kinds || optionsOf(base).asOf) return false;
  return JSON.stringify({ ...optionsOf(q), asOf: undefined }) === JSON.stringify({ ...optionsOf(base), asOf: undefined });
}

/** The first day of the events `alertsFromStore` loads for `asOf` (the area window plus the trend look-back). */
export function windowStart(q: AlertQuery, asOf: string): string {
  const o = optionsOf(q);
  return addDays(asOf, -(o.windowDays + o.trendDays));
}

/** The detector options of a query (`until` is the as-of day; `since` and `kinds` filter the result). */
export function optionsOf(q: AlertQuery): AlertOptions {
  const { since, until, kinds, ...rest } = q;
  return resolveAlertOptions({ ...rest, asOf: until ?? rest.asOf });
}
