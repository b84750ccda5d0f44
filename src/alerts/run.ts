// One call for the CLI and the API: load from the store the events an "as of" date needs
// (the area window plus the trend look-back), detect, and keep the alerts in [since, until].
import type { Store } from "../store/types.js";
import { type DetectResult, detectAlerts } from "./detect.js";
import { addDays, resolveAlertOptions } from "./options.js";
import { loadAlertData } from "./source.js";
import type { AlertKind, AlertOptions } from "./types.js";

export interface AlertQuery extends Partial<AlertOptions> {
  /** Alerts whose latest event is on or after this day. */
  since?: string;
  /** Compute as of this day (default: the latest stored event). */
  until?: string;
  kinds?: AlertKind[];
}

/** @example const { alerts } = await alertsFromStore(store, { until: "2017-09-10", distanceKm: 30 }); */
export async function alertsFromStore(store: Store, q: AlertQuery = {}): Promise<DetectResult> {
  const { since, until, kinds, ...rest } = q;
  const o = resolveAlertOptions({ ...rest, asOf: until ?? rest.asOf });
  let asOf = o.asOf;
  if (!asOf) asOf = (await store.stats()).lastEvent?.slice(0, 10) ?? "1970-01-01";
  const from = addDays(asOf, -(o.windowDays + o.trendDays));
  const data = await loadAlertData(store, { since: from, until: asOf });
  const r = detectAlerts(data, { ...o, asOf, since: undefined });
  r.alerts = r.alerts.filter((a) => (!since || a.lastDate >= since) && (!kinds || kinds.includes(a.kind)));
  return r;
}
