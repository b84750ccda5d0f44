// The browser's client for the alert, area, account and subscription routes (src/alerts/routes.ts,
// src/accounts/routes.ts, src/notify/routes.ts). Writes carry the session's CSRF token.
import type { Alert, AlertKind, AlertOptions } from "../../src/alerts/types.js";
import type { User } from "../../src/accounts/users.js";
import type { SubscriptionSpec } from "../../src/notify/match.js";
import { ApiFailure } from "./api.js";
import { state } from "./state.js";

export type { Alert, AlertKind, SubscriptionSpec };

export interface AlertsAnswer {
  asOf: string;
  options: AlertOptions;
  items: Alert[];
}

export interface AreaFeature {
  type: "Feature";
  properties: { id: string; cell: string; count: number; lastDate: string; eventIds: string[]; color?: string };
  geometry: { type: "Polygon"; coordinates: [number, number][][] };
}

export interface AreasAnswer {
  type: "FeatureCollection";
  asOf: string;
  windowDays: number;
  features: AreaFeature[];
}

export interface Me {
  user: User;
  csrfToken: string;
  feedToken?: string;
}

async function call<T>(path: string, init?: RequestInit): Promise<T> {
  const res = await fetch(path, { credentials: "same-origin", ...init });
  const body = await res.json().catch(() => null);
  if (!res.ok) {
    const e = body?.error;
    throw new ApiFailure(res.status, e?.code ?? "HTTP", e?.message ?? `${res.status} ${res.statusText}`);
  }
  return body as T;
}

/** The time bar's window as since/until, or nothing when it spans every day (the server then uses the latest event date). */
export function timeWindow(): { since?: string; until?: string } {
  const n = state.days.length;
  if (!n || (state.from === 0 && state.to === n - 1)) return {};
  return { since: state.days[state.from], until: state.days[state.to] };
}

function qs(p: Record<string, string | undefined>): string {
  const u = new URLSearchParams();
  for (const [k, v] of Object.entries(p)) if (v) u.set(k, v);
  const s = u.toString();
  return s ? `?${s}` : "";
}

let me: Me | null = null;

export const alertsApi = {
  alerts: (w: { since?: string; until?: string }) => call<AlertsAnswer>(`/api/alerts${qs(w)}`),
  areas: (asOf?: string) => call<AreasAnswer>(`/api/alerts/areas${qs({ asOf })}`),
  /** The signed-in user, or null. */
  me: async (): Promise<Me | null> => {
    // The readable CSRF cookie comes and goes with the (HttpOnly) session cookie: without it
    // nobody is signed in, and asking would only log a 401 in the console.
    if (!/(?:^|;\s*)sitrep_csrf=[^;]/.test(document.cookie)) return (me = null);
    try {
      me = await call<Me>("/api/auth/me");
    } catch (err) {
      if (err instanceof ApiFailure && err.status === 401) me = null;
      else throw err;
    }
    return me;
  },
  current: () => me,
  subscribe: (name: string, spec: SubscriptionSpec) => {
    if (!me) return Promise.reject(new ApiFailure(401, "UNAUTHORIZED", "sign in first"));
    return call<{ id: string; name: string }>("/api/subscriptions", {
      method: "POST",
      headers: { "content-type": "application/json", "x-csrf-token": me.csrfToken },
      body: JSON.stringify({ name, spec, channels: ["browser", "feed"] }),
    });
  },
};
