// The fastify plugin for issue 7: alerts, coalitions and areas of operation, plus the account,
// discussion, review, subscription and notification routes (src/accounts/routes.ts,
// src/notify/routes.ts). The API server registers it with one line:
//
//   await app.register(alertsPlugin, { store });
//
//   GET /api/alerts?since&until&distanceKm&days&windowDays&objectiveKm&sponsorKm&kind
//   GET /api/alerts/coalitions                      (each actor's membership, explained)
//   POST /api/alerts/coalitions/overrides          (analyst: { actorId, coalitionId | null, note })
//   GET /api/alerts/areas?asOf&actor|coalition      (areas of operation as GeoJSON H3 cells)
import type { ServerResponse } from "node:http";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { cellToBoundary } from "h3-js";
import type { CookieOptions } from "../accounts/http.js";
import { doc, requireUser } from "../accounts/http.js";
import { accountRoutes, guarded } from "../accounts/routes.js";
import { AccountError } from "../accounts/users.js";
import { notifyRoutes } from "../notify/routes.js";
import type { Store } from "../store/types.js";
import { areasOfOperation, coalitionAreas } from "./areas.js";
import { deriveCoalitions } from "./coalitions.js";
import { addDays, resolveAlertOptions } from "./options.js";
import { alertsFromStore, keepAsked, sameOptions } from "./run.js";
import { createServices, type ServiceOptions, type SitrepServices } from "./services.js";
import { loadAlertData, relationEvidence } from "./source.js";
import type { AlertKind } from "./types.js";

export interface AlertsPluginOptions extends ServiceOptions {
  store: Store;
  /** Secure cookies: true, false, or "auto" (when the request is https; default). */
  secureCookies?: boolean | "auto";
  /** Use services built elsewhere (tests); otherwise built from `store`. */
  services?: SitrepServices;
  /** Start the watcher and webhook queue (default true). */
  autoStart?: boolean;
}

const KINDS: AlertKind[] = ["converging", "racing", "clash", "sponsor"];
const DATE = /^\d{4}-\d{2}-\d{2}$/;

function queryOptions(req: FastifyRequest) {
  const q = req.query as Record<string, string | undefined>;
  const num = (k: string) => {
    const v = q[k];
    if (v === undefined || v === "") return undefined;
    const n = Number(v);
    if (!Number.isFinite(n) || n <= 0) throw new AccountError(400, `query parameter ${k} must be a positive number`);
    return n;
  };
  for (const k of ["since", "until", "asOf"]) if (q[k] !== undefined && !DATE.test(q[k]!)) throw new AccountError(400, `query parameter ${k} must be a date YYYY-MM-DD`);
  const kinds = q.kind ? q.kind.split(",") : undefined;
  if (kinds?.some((k) => !KINDS.includes(k as AlertKind))) throw new AccountError(400, `query parameter kind must list some of ${KINDS.join(", ")}`);
  return {
    since: q.since,
    until: q.until ?? q.asOf,
    distanceKm: num("distanceKm"),
    trendDays: num("days"),
    windowDays: num("windowDays"),
    objectiveKm: num("objectiveKm"),
    sponsorKm: num("sponsorKm"),
    kinds: kinds as AlertKind[] | undefined,
  };
}

/** VAPID keys from $SITREP_VAPID_PUBLIC_KEY, $SITREP_VAPID_PRIVATE_KEY, $SITREP_VAPID_SUBJECT (all three, or none). */
export function vapidFromEnv(env: NodeJS.ProcessEnv = process.env): ServiceOptions["vapid"] {
  const { SITREP_VAPID_PUBLIC_KEY: publicKey, SITREP_VAPID_PRIVATE_KEY: privateKey, SITREP_VAPID_SUBJECT: subject } = env;
  return publicKey && privateKey && subject ? { publicKey, privateKey, subject } : undefined;
}

/** The plugin. Registered without fastify-plugin's encapsulation break: its routes only. */
export async function alertsPlugin(app: FastifyInstance, o: AlertsPluginOptions): Promise<void> {
  const svc = o.services ?? createServices(o.store, { ...o, vapid: o.vapid ?? vapidFromEnv() });
  const cookies: CookieOptions = { secure: o.secureCookies ?? "auto" };
  const open = new Set<ServerResponse>();
  const g = (fn: Parameters<typeof guarded>[1]) => guarded(svc, fn);

  app.get(
    "/api/alerts",
    doc("Contact and escalation alerts: converging, racing, clash, sponsor (?since&until&distanceKm&days&windowDays&objectiveKm&sponsorKm&kind)"),
    g(async (req) => {
      let q: ReturnType<typeof queryOptions>;
      try {
        q = queryOptions(req);
        resolveAlertOptions({ ...q, kinds: undefined } as never);
      } catch (err) {
        if (err instanceof AccountError) throw err;
        throw new AccountError(400, (err as Error).message);
      }
      // The server's watcher keeps the alerts of its own options up to date; a query with other
      // options (or another as-of day) is a full pass over the store.
      const kept = sameOptions(q, svc.alertQuery) ? await svc.alerts() : undefined;
      if (kept && (!q.until || q.until === kept.asOf)) return { asOf: kept.asOf, options: kept.options, items: keepAsked(kept.alerts, q) };
      const r = await alertsFromStore(svc.store, q);
      return { asOf: r.asOf, options: r.options, items: r.alerts };
    }),
  );

  app.get(
    "/api/alerts/coalitions",
    doc("Coalitions and why each actor belongs to one (quoted evidence)"),
    g(async () => {
      const data = await loadAlertData(svc.store, { evidence: await relationEvidence(svc.store) });
      const set = deriveCoalitions(data);
      return { coalitions: set.coalitions, rivals: [...set.rivals].map((k) => k.split("|")) };
    }),
  );

  app.post(
    "/api/alerts/coalitions/overrides",
    doc("Put an actor in a coalition, or none (analyst): { actorId, coalitionId | null, note? }"),
    g(async (req, reply) => {
      const { user } = await requireUser(req, svc.accounts, "analyst");
      const b = (req.body ?? {}) as { actorId?: unknown; coalitionId?: unknown; note?: unknown };
      const coalitionId = b.coalitionId === null ? null : String(b.coalitionId ?? "");
      const ov = await svc.overrides.set(user, String(b.actorId ?? ""), coalitionId, typeof b.note === "string" ? b.note : undefined);
      return reply.code(201).send(ov);
    }),
  );

  app.get(
    "/api/alerts/areas",
    doc("Areas of operation as GeoJSON H3 cells, and places taken and lost (?asOf&actor|coalition&windowDays)"),
    g(async (req) => {
      const q = req.query as { asOf?: string; actor?: string; coalition?: string; windowDays?: string };
      if (q.asOf !== undefined && !DATE.test(q.asOf)) throw new AccountError(400, "query parameter asOf must be a date YYYY-MM-DD");
      const opts = resolveAlertOptions({ windowDays: q.windowDays ? Number(q.windowDays) || undefined : undefined });
      const asOf = q.asOf ?? (await svc.store.stats()).lastEvent?.slice(0, 10) ?? "1970-01-01";
      // Areas use only the window's events (areasOfOperation filters to it): load no more than that,
      // so a large store is not read whole for every map refresh.
      const data = await loadAlertData(svc.store, { until: asOf, since: addDays(asOf, -(opts.windowDays - 1)) });
      const actorAreas = areasOfOperation(data.events, opts, asOf);
      const areas = q.actor
        ? new Map([...actorAreas].filter(([id]) => id === q.actor))
        : new Map([...coalitionAreas(actorAreas, deriveCoalitions(data), opts.h3Resolution)].filter(([id]) => !q.coalition || id === q.coalition));
      const features = [...areas.values()].flatMap((a) =>
        a.cells.map((c) => ({
          type: "Feature",
          properties: { id: a.id, cell: c.cell, count: c.count, lastDate: c.lastDate, eventIds: c.eventIds },
          geometry: { type: "Polygon", coordinates: [cellToBoundary(c.cell, true)] },
        })),
      );
      return {
        type: "FeatureCollection",
        asOf,
        windowDays: opts.windowDays,
        features,
        took: Object.fromEntries([...areas.values()].map((a) => [a.id, a.took])),
        lost: Object.fromEntries([...areas.values()].map((a) => [a.id, a.lost])),
      };
    }),
  );

  // Answers here can be per user (sessions, notes, subscriptions with webhook secrets): never stored by
  // browsers or shared caches, and a server-side cache must not reuse them across users.
  app.addHook("onSend", async (_req, reply, payload) => {
    if (!reply.getHeader("cache-control")) reply.header("cache-control", "private, no-store");
    return payload;
  });

  accountRoutes(app, svc, cookies);
  notifyRoutes(app, svc, open);

  if (o.autoStart !== false) await svc.start();
  app.addHook("onClose", async () => {
    svc.stop();
    for (const res of open) res.end();
  });
}
