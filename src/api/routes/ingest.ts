// `POST /api/ingest`: text, HTML or a URL → articles in the store (their events then reach
// open pages over the live stream).
import type { Store } from "../../store/types.js";
import { type IngestOptions, type IngestRequest, ingest } from "../ingest.js";
import type { ApiRoutes } from "../openapi.js";

/** Largest ingest request body, bytes (an HTML page with inline junk fits well under it). */
export const INGEST_BODY_LIMIT = 5 * 1024 * 1024;

export function ingestRoutes(r: ApiRoutes, store: Store, opts: IngestOptions): void {
  r.add({
    method: "POST",
    url: "/api/ingest",
    tag: "ingest",
    summary: "Read, extract and store an article given as text, HTML or a URL",
    description:
      "Body: exactly one of `text`, `html`, `url` (plus an optional `name`, and `publishedAt` for text without a dateline). URLs on loopback or private addresses are refused unless the server runs with --allow-private. Returns `{articles: [{articleId, status, eventIds, newEvents, mergedEvents, warnings}]}`.",
    bodyLimit: INGEST_BODY_LIMIT,
    body: {
      type: "object",
      additionalProperties: false,
      properties: {
        text: { type: "string", maxLength: INGEST_BODY_LIMIT },
        html: { type: "string", maxLength: INGEST_BODY_LIMIT },
        url: { type: "string", maxLength: 2048 },
        name: { type: "string", maxLength: 200 },
        publishedAt: {
          type: "string",
          pattern: "^\\d{4}-\\d{2}-\\d{2}([T ][0-9:.]+(Z|[+-]\\d{2}:?\\d{2})?)?$",
          description: "publication time to use when the article gives none",
        },
      },
    },
    responses: { 200: "what was stored", 413: "the body is too large", 422: "nothing could be read from the input" },
    handler: async (req) => ({ articles: await ingest(store, req.body as IngestRequest, opts) }),
  });
}
