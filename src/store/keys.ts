// How the store recognises an article it has seen: its key (the URL when there is one, else the
// document id) and a hash of its content. Same key + same hash → unchanged; same key + new hash →
// a new version that replaces the old one.
import { createHash } from "node:crypto";
import type { Article, Place } from "../types/index.js";

/** The stored article id: the canonical URL when known, else the article's id. */
export function articleKey(a: Pick<Article, "url" | "id">): string {
  if (a.url) {
    try {
      const u = new URL(a.url);
      u.hash = "";
      return u.toString();
    } catch {
      return a.url;
    }
  }
  return a.id;
}

/** The last hash computed for an article object, with the fields it was computed from. */
const hashes = new WeakMap<object, { title?: string; publishedAt?: string; body: string; hash: string }>();

/**
 * sha256 over what makes an article's content: title, publication time and body. `sitrep ingest`
 * asks for it before extracting and the store again when saving: the second time it is remembered
 * (per article object, while those three fields are the same strings).
 */
export function contentHash(a: Pick<Article, "title" | "publishedAt" | "body">): string {
  const seen = hashes.get(a);
  if (seen && seen.body === a.body && seen.title === a.title && seen.publishedAt === a.publishedAt) return seen.hash;
  const hash = createHash("sha256")
    .update(`${a.title ?? ""}\u0000${a.publishedAt ?? ""}\u0000${a.body}`)
    .digest("hex")
    .slice(0, 32);
  hashes.set(a, { title: a.title, publishedAt: a.publishedAt, body: a.body, hash });
  return hash;
}

/** A store-wide key for a resolved place: its GeoNames id, else its own id, else name@lat,lon. */
export function placeKey(p: Pick<Place, "id" | "geonameId" | "name" | "lat" | "lon">): string {
  if (p.geonameId) return `geonames:${p.geonameId}`;
  if (p.id && !p.id.startsWith("rel:") && p.id.includes(":")) return p.id;
  return `${p.name.toLowerCase()}@${p.lat.toFixed(3)},${p.lon.toFixed(3)}`;
}
