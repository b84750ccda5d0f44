// Places that events happened at, and the base map layers (countries, admin-1) as GeoJSON.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import type { Store } from "../../store/types.js";
import { type BaseCollection, buildAdmin1, buildCountries } from "../basemap.js";
import { ApiError } from "../errors.js";
import type { ApiRoutes } from "../openapi.js";

const LAYERS: Record<string, () => BaseCollection> = {
  countries: () => buildCountries("50m"),
  "countries-110m": () => buildCountries("110m"),
  admin1: buildAdmin1,
};

/** Serves each base layer from the install step's prebuilt file, else builds it once in memory. */
class BaseLayers {
  private cache = new Map<string, { json: Buffer; gz: Buffer }>();
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

export function placeRoutes(r: ApiRoutes, store: Store, webRoot?: string): void {
  r.add({
    method: "GET",
    url: "/api/places",
    tag: "places",
    summary: "Places where stored events happened, with event and article counts",
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
      return { items: await store.listPlaces({ bbox, text: p.text, limit: p.limit }) };
    },
  });

  const layers = new BaseLayers(webRoot);
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
