// Health, store statistics, and the API's own description (OpenAPI document + readable page).
import type { Store } from "../../store/types.js";
import type { ApiRoutes } from "../openapi.js";

export function metaRoutes(r: ApiRoutes, store: Store): void {
  r.add({
    method: "GET",
    url: "/api/health",
    tag: "meta",
    summary: "Liveness: `{ok: true}` without touching the store",
    handler: async () => ({ ok: true }),
  });
  r.add({
    method: "GET",
    url: "/api/stats",
    tag: "meta",
    summary: "Counts of articles, events, actors, places; events by type; first and last event date",
    handler: async () => store.stats(),
  });
  r.add({
    method: "GET",
    url: "/api/openapi.json",
    tag: "meta",
    summary: "This document",
    handler: async () => r.document(),
  });
}
