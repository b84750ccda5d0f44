// Articles: the list, one stored article with its extracted document, and full-text search.
import type { Store } from "../../store/types.js";
import { ApiError } from "../errors.js";
import type { ApiRoutes } from "../openapi.js";

export function articleRoutes(r: ApiRoutes, store: Store): void {
  r.add({
    method: "GET",
    url: "/api/articles",
    tag: "articles",
    summary: "Stored articles, newest first",
    querystring: {
      outlet: { type: "string", maxLength: 200 },
      since: { type: "string", maxLength: 40, description: "ISO date/time bound on publishedAt" },
      until: { type: "string", maxLength: 40 },
      limit: { type: "integer", minimum: 1, maximum: 1000, default: 50 },
      offset: { type: "integer", minimum: 0, default: 0 },
    },
    handler: async (req) => store.listArticles(req.query as Parameters<Store["listArticles"]>[0]),
  });

  r.add({
    method: "GET",
    url: "/api/articles/:id",
    tag: "articles",
    summary: "One article: clean text, actors, places, events, with the global id of each event",
    description: "The id is the article key (its URL or document id), URL-encoded.",
    params: { id: { type: "string", maxLength: 2048 } },
    responses: { 200: "the StoredArticle", 404: "no such article" },
    handler: async (req) => {
      const { id } = req.params as { id: string };
      const a = await store.getArticle(id);
      if (!a) throw new ApiError("NOT_FOUND", `no article with id ${id}`);
      return a;
    },
  });

  r.add({
    method: "GET",
    url: "/api/search",
    tag: "articles",
    summary: "Full-text search over article titles and bodies",
    description: "Plain words; quotes for phrases. Each hit has a snippet with matches wrapped in «…».",
    querystring: {
      q: { type: "string", minLength: 1, maxLength: 300 },
      limit: { type: "integer", minimum: 1, maximum: 200, default: 20 },
      offset: { type: "integer", minimum: 0, default: 0 },
    },
    handler: async (req) => {
      const { q, limit, offset } = req.query as { q?: string; limit: number; offset: number };
      if (!q?.trim()) throw new ApiError("BAD_REQUEST", "q (the words to search for) is required");
      return { items: await store.searchArticles(q, { limit, offset }) };
    },
  });
}
