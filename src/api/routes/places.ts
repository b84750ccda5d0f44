// Places that events happened at, and the base map layers (countries, admin-1) as GeoJSON.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import type { Store } from "../../store/types.js";
import { type BaseCollection, buildAdmin1, buildCountries } from "../basemap.js";
import { ApiError } from "../errors.js";
import type { ApiRoutes } from "../openapi.js";
import type { PointIndex } from "../points.js";

const LAYERS: Record<string, () => BaseCollection> = {
  countries: () => buildCountries("50m"),
  "countries-110m": () => buildCountries("110m"),
  admin1: buildAdmin1,
};

/** Serves each base layer from the install step's prebuilt file, else builds it once in memory. */
class BaseLayers {
  private cache = new Map<string, { json: Buffer; gz: Buffer }>();
  private regions: { code: string; name: string; country: string }[] | null = null;

  /** Admin-1 regions (code, name, country) from the admin-1 layer. */
  regionList(): { code: string; name: string; country: string }[] {
    if (!this.regions) {
      const fc = JSON.parse(this.get("admin1").json.toString("utf8")) as BaseCollection;
      const seen = new Map<string, { code: string; name: string; country: string }>();
      for (const f of fc.features) {
        const { code, name, country } = f.properties;
        if (/^[A-Z]{2}-[A-Z0-9]{1,4}$/.test(code) && !seen.has(code)) seen.set(code, { code, name, country });
      }
      this.regions = [...seen.values()].sort((a, b) => a.name.localeCompare(b.name));
    }
    return this.regions;
  }

  constructor(private webRoot?: string) {}
  get(name: string): { json: Buffer; gz: Buffer } {
    let hit = this.cache.get(name);
    if (!hit) {
      const file = this.webRoot ? join(this.webRoot, "basemap", `${name}.geojson`) : "";
      const json = file && existsSync(file) ? readFileSync(file) : Buffer.from(JSON.stringify(LAYERS[name]()));
      hit = { json, gz: gzipSync(json) };
      this.cache.set(name, hit);
    }
    return hit;
  }
}

export function placeRoutes(r: ApiRoutes, store: Store, points: PointIndex, webRoot?: string): void {
  r.add({
    method: "GET",
    url: "/api/places",
    tag: "places",
    summary: "Places where stored events happened, with event and article counts",
    description:
      "`{items: PlaceSummary[]}`, most events first (ties by place id), at most `limit` (default 500, at most 5000); `articleCount` sums the events' source counts. Answered from the server's in-memory index once it has loaded, except with `text`.",
    querystring: {
      bbox: { type: "string", description: "west,south,east,north" },
      text: { type: "string", maxLength: 200 },
      limit: { type: "integer", minimum: 1, maximum: 5000, default: 500 },
    },
    handler: async (req) => {
      const p = req.query as { bbox?: string; text?: string; limit: number };
      let bbox: [number, number, number, number] | undefined;
      if (p.bbox) {
        const n = p.bbox.split(",").map(Number);
        if (n.length !== 4 || n.some((x) => !Number.isFinite(x))) {
          throw new ApiError("BAD_REQUEST", `bbox must be west,south,east,north; got "${p.bbox}"`);
        }
        bbox = n as [number, number, number, number];
      }
      // The point index groups its events by place (the same answer); a text filter is the store's.
      if (points.isReady() && !p.text) return { items: await points.places(bbox, p.limit) };
      return { items: await store.listPlaces({ bbox, text: p.text, limit: p.limit }) };
    },
  });

  const layers = new BaseLayers(webRoot);
  r.add({
    method: "GET",
    url: "/api/regions",
    tag: "places",
    summary: "Admin-1 regions of a country (ISO 3166-2 codes for the `region` filter)",
    querystring: { country: { type: "string", pattern: "^[A-Za-z]{2}$" } },
    handler: async (req) => {
      const { country } = req.query as { country?: string };
      if (!country) throw new ApiError("BAD_REQUEST", "country (ISO 3166-1 alpha-2, e.g. SY) is required");
      const cc = country.toUpperCase();
      return { items: layers.regionList().filter((x) => x.country === cc) };
    },
  });
  r.add({
    method: "GET",
    url: "/api/basemap/:layer",
    tag: "places",
    summary: "Base map layers built from local Natural Earth data: `countries.geojson` (1:50m), `countries-110m.geojson`, `admin1.geojson`",
    params: { layer: { type: "string", enum: ["countries.geojson", "countries-110m.geojson", "admin1.geojson"] } },
    handler: async (req, reply) => {
      const name = (req.params as { layer: string }).layer.replace(/\.geojson$/, "");
      const { json, gz } = layers.get(name);
      reply.header("cache-control", "public, max-age=86400").header("vary", "accept-encoding").type("application/geo+json");
      if (/\bgzip\b/.test(String(req.headers["accept-encoding"] ?? ""))) return reply.header("content-encoding", "gzip").send(gz);
      return reply.send(json);
    },
  });
}
