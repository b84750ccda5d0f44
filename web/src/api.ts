// The browser's client for the sitrep API: typed fetches that turn `{error:{code,message}}` into Errors.
import type {
  ActorGraph,
  ActorProfile,
  ActorSummary,
  ArticleSummary,
  Page,
  PlaceSummary,
  SearchHit,
  StoreStats,
  StoredArticle,
  StoredEvent,
} from "../../src/store/types.js";

export type { ActorGraph, ActorProfile, ActorSummary, ArticleSummary, PlaceSummary, SearchHit, StoreStats, StoredArticle, StoredEvent };

/** The map's points as columns, decoded from the server's compact answer (src/api/map-answer.ts). */
import { decodeMapAnswer, type MapAnswer, type PointColumns as MapPoints } from "../../src/api/map-answer.js";
export type { MapPoints };

export interface IngestResult {
  articles: { articleId: string; title?: string; status: string; eventIds: string[]; newEvents: number; mergedEvents: number; warnings: { code: string; message: string }[] }[];
}

export class ApiFailure extends Error {
  constructor(
    public status: number,
    public code: string,
    message: string,
  ) {
    super(message);
  }
}

async function call<T>(path: string, init?: RequestInit): Promise<T> {
  const res = await fetch(path, init);
  const body = await res.json().catch(() => null);
  if (!res.ok) {
    const e = body?.error;
    throw new ApiFailure(res.status, e?.code ?? "HTTP", e?.message ?? `${res.status} ${res.statusText}`);
  }
  return body as T;
}

function qs(params: Record<string, string | number | boolean | undefined>): string {
  const u = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== "" && v !== false) u.set(k, String(v));
  const s = u.toString();
  return s ? `?${s}` : "";
}

export interface Filters {
  actor?: string;
  includeBacked?: boolean;
  type?: string;
  source?: string;
  region?: string;
}

export const api = {
  stats: () => call<StoreStats>("/api/stats"),
  points: async (f: Filters): Promise<MapPoints> => decodeMapAnswer(await call<MapAnswer>(`/api/map/points${qs({ ...f })}`)),
  /** Events within ~100 m of a point (one map feature), newest first. */
  eventsNear: (lat: number, lon: number, f: Filters) =>
    call<Page<StoredEvent>>(`/api/events${qs({ ...f, near: `${lat},${lon},0.1`, limit: 100, withSources: false })}`),
  event: (id: string) => call<StoredEvent>(`/api/events/${encodeURIComponent(id)}`),
  article: (id: string) => call<StoredArticle>(`/api/articles/${encodeURIComponent(id)}`),
  articles: (limit = 200) => call<Page<ArticleSummary>>(`/api/articles${qs({ limit })}`),
  search: (q: string) => call<{ items: SearchHit[] }>(`/api/search${qs({ q, limit: 50 })}`),
  actors: () => call<Page<ActorSummary>>("/api/actors?limit=1000"),
  actor: (id: string) => call<ActorProfile>(`/api/actors/${encodeURIComponent(id)}`),
  graph: () => call<ActorGraph>("/api/graph?limit=300"),
  regions: (country: string) => call<{ items: { code: string; name: string }[] }>(`/api/regions${qs({ country })}`),
  places: () => call<{ items: PlaceSummary[] }>("/api/places?limit=5000"),
  ingest: (body: { text?: string; html?: string; url?: string; name?: string }) =>
    call<IngestResult>("/api/ingest", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) }),
};
