// Alerts on the map, added from outside map.ts onto the app's MapLibre map: rings where current
// alerts are (coloured by kind), coalition areas of operation as H3 hexagons, a small box to toggle
// both, and the "watch" actions: subscribe to the current view, or draw a region and subscribe to it.
import type { GeoJSONSource, Map as MlMap, MapMouseEvent } from "maplibre-gl";
import { watch } from "./account.js";
import type { Alert, AreaFeature } from "./alerts-api.js";
import { alertsApi, timeWindow } from "./alerts-api.js";
import { $, fill, h } from "./dom.js";
import { state } from "./state.js";

export const KIND_COLORS: Record<string, string> = { converging: "#d9822b", racing: "#8e44ad", clash: "#c0392b", sponsor: "#1f6fb2" };
export const KIND_LABELS: Record<string, string> = { converging: "converging", racing: "racing", clash: "direct clash", sponsor: "sponsor involved" };
const COALITION_PALETTE = ["#2f6fb0", "#c0392b", "#2e9d6a", "#222222", "#d9822b", "#8e5cd9", "#7a8794"];

const empty = { type: "FeatureCollection", features: [] as unknown[] };
/** The layers of each source this file adds. */
const LAYERS: Record<string, string[]> = { "sitrep-areas": ["sitrep-areas", "sitrep-areas-line"], "sitrep-draw": ["sitrep-draw-fill", "sitrep-draw-line"], "sitrep-alerts": ["sitrep-alerts"] };
const hidden = { visibility: "none" } as const;
const stored = (k: string, d: boolean) => (localStorage.getItem(`sitrep.layer.${k}`) ?? String(d)) === "true";

/** Stable colour per coalition id (in order of first appearance). */
const coalitionColor = (() => {
  const seen = new Map<string, string>();
  return (id: string) => {
    if (!seen.has(id)) seen.set(id, COALITION_PALETTE[seen.size % COALITION_PALETTE.length]);
    return seen.get(id)!;
  };
})();

export interface AlertLayer {
  /** Redraws from the given alerts (the Alerts view shares what it fetched). */
  setAlerts(items: Alert[]): void;
  refresh(): Promise<void>;
}

export function addAlertLayer(map: MlMap, onAlert: (id: string) => void): AlertLayer {
  const show = { alerts: stored("alerts", true), areas: stored("areas", false) };
  let alerts: Alert[] = [];
  let ready = false;
  const msg = h("p", { class: "alerts-msg", id: "watch-msg", role: "status" });
  const legend = h("div", { class: "area-legend" });

  const draw: [number, number][] = [];
  let drawing = false;

  /**
   * New data for a source; its layers are drawn only while it holds features. A shown layer costs
   * each frame even when empty: its source's tile clipping masks are drawn again (a full-screen
   * stencil pass in each of the two render passes, heavy for software WebGL while panning).
   */
  const setData = (id: string, data: { type: string; features: unknown[] }) => {
    (map.getSource(id) as GeoJSONSource | undefined)?.setData(data as never);
    const visibility = data.features.length ? "visible" : "none";
    for (const layer of LAYERS[id]) if (map.getLayer(layer) && map.getLayoutProperty(layer, "visibility") !== visibility) map.setLayoutProperty(layer, "visibility", visibility);
  };

  const drawAlerts = () => {
    if (!ready) return;
    const features = show.alerts
      ? alerts.flatMap((a) =>
          a.places.slice(0, 1).map((p) => ({
            type: "Feature",
            geometry: { type: "Point", coordinates: [p.lon, p.lat] },
            properties: { id: a.id, kind: a.kind, color: KIND_COLORS[a.kind] ?? "#444" },
          })),
        )
      : [];
    setData("sitrep-alerts", { type: "FeatureCollection", features });
  };

  const drawAreas = async () => {
    if (!ready) return;
    if (!show.areas) {
      setData("sitrep-areas", empty);
      fill(legend);
      return;
    }
    fill(legend, h("div", { class: "muted" }, "loading areas of operation…"));
    try {
      const r = await alertsApi.areas(timeWindow().until);
      const ids = [...new Set(r.features.map((f) => f.properties.id))];
      const features: AreaFeature[] = r.features.map((f) => ({ ...f, properties: { ...f.properties, color: coalitionColor(f.properties.id) } }));
      setData("sitrep-areas", { type: "FeatureCollection", features });
      fill(
        legend,
        ids.length ? h("div", { class: "muted" }, `areas of operation, ${r.windowDays} days to ${r.asOf}`) : h("div", { class: "muted" }, "no areas of operation"),
        ...ids.map((id) => {
          const s = h("span", { class: "swatch" });
          s.style.background = coalitionColor(id);
          return h("div", { class: "legend-row" }, s, id);
        }),
      );
    } catch (err) {
      fill(legend, h("span", { class: "error" }, (err as Error).message));
    }
  };

  const drawRegion = () => {
    const ring = draw.length ? [...draw, draw[0]] : [];
    setData("sitrep-draw", {
      type: "FeatureCollection",
      features: ring.length >= 2 ? [{ type: "Feature", properties: {}, geometry: draw.length >= 3 ? { type: "Polygon", coordinates: [ring] } : { type: "LineString", coordinates: draw.length === 1 ? [draw[0], draw[0]] : draw } }] : [],
    });
  };

  const install = () => {
    if (map.getSource("sitrep-alerts")) return;
    const below = map.getLayer("clusters") ? "clusters" : undefined;
    map.addSource("sitrep-areas", { type: "geojson", data: empty as never });
    map.addLayer({ id: "sitrep-areas", type: "fill", source: "sitrep-areas", layout: hidden, paint: { "fill-color": ["get", "color"], "fill-opacity": 0.28 } }, below);
    map.addLayer({ id: "sitrep-areas-line", type: "line", source: "sitrep-areas", layout: hidden, paint: { "line-color": ["get", "color"], "line-width": 1.5, "line-opacity": 0.8 } }, below);
    map.addSource("sitrep-draw", { type: "geojson", data: empty as never });
    map.addLayer({ id: "sitrep-draw-fill", type: "fill", source: "sitrep-draw", layout: hidden, paint: { "fill-color": "#2f6fb0", "fill-opacity": 0.15 } });
    map.addLayer({ id: "sitrep-draw-line", type: "line", source: "sitrep-draw", layout: hidden, paint: { "line-color": "#2f6fb0", "line-width": 2, "line-dasharray": [2, 1] } });
    map.addSource("sitrep-alerts", { type: "geojson", data: empty as never });
    map.addLayer({
      id: "sitrep-alerts",
      type: "circle",
      source: "sitrep-alerts",
      layout: hidden,
      paint: { "circle-radius": 20, "circle-color": "rgba(0,0,0,0)", "circle-stroke-color": ["get", "color"], "circle-stroke-width": 3, "circle-stroke-opacity": 0.9 },
    });
    ready = true;
    drawAlerts();
    void drawAreas();
  };
  // After the first view is drawn: the three sources would otherwise delay the first render. The
  // map's style starts with the base map alone (map.ts), so an idle before the events layer is
  // in does not count: the first idle after it does.
  const whenDrawn = () => {
    if (!map.getLayer("events")) return;
    map.off("idle", whenDrawn);
    install();
  };
  if (map.getLayer("events") && map.loaded()) install();
  else map.on("idle", whenDrawn);

  map.on("click", (e: MapMouseEvent) => {
    if (drawing) {
      draw.push([Number(e.lngLat.lng.toFixed(5)), Number(e.lngLat.lat.toFixed(5))]);
      drawRegion();
      finish.disabled = draw.length < 3;
      return;
    }
    if (!ready || !show.alerts) return;
    // An event point under the click wins: map.ts opens it.
    if (map.queryRenderedFeatures(e.point, { layers: ["events", "clusters"].filter((l) => map.getLayer(l)) }).length) return;
    const f = map.queryRenderedFeatures(e.point, { layers: ["sitrep-alerts"] })[0];
    if (f) onAlert(String(f.properties.id));
  });

  const toggle = (key: "alerts" | "areas", label: string) => {
    const box = h("input", { type: "checkbox", id: `layer-${key}` }) as HTMLInputElement;
    box.checked = show[key];
    box.addEventListener("change", () => {
      show[key] = box.checked;
      localStorage.setItem(`sitrep.layer.${key}`, String(box.checked));
      if (key === "alerts") drawAlerts();
      else void drawAreas();
    });
    return h("label", { class: "check-row" }, box, label);
  };

  const polygonOfView = () => {
    const b = map.getBounds();
    const w = Math.max(-180, b.getWest());
    const e = Math.min(180, b.getEast());
    const s = Math.max(-90, b.getSouth());
    const n = Math.min(90, b.getNorth());
    const r = (x: number, y: number): [number, number] => [Number(x.toFixed(4)), Number(y.toFixed(4))];
    return { type: "Polygon" as const, coordinates: [[r(w, s), r(e, s), r(e, n), r(w, n), r(w, s)]] };
  };

  const say = (m: { ok: boolean; message: string }) => {
    msg.textContent = m.message;
    msg.className = m.ok ? "alerts-msg ok" : "alerts-msg error";
  };
  const centerName = () => {
    const c = map.getCenter();
    return `${c.lat.toFixed(2)}, ${c.lng.toFixed(2)}`;
  };

  const watchView = h("button", { type: "button", id: "watch-view", title: "notify me of new events and alerts inside the current map view" }, "Watch this view");
  watchView.addEventListener("click", async () => say(await watch(`Map view around ${centerName()}`, { kind: "region", polygon: polygonOfView() })));
  const drawBtn = h("button", { type: "button", id: "draw-region", class: "secondary", title: "click points on the map, then Watch region" }, "Draw a region");
  const finish = h("button", { type: "button", id: "draw-finish", disabled: true }, "Watch region") as HTMLButtonElement;
  const cancel = h("button", { type: "button", id: "draw-cancel", class: "secondary" }, "Cancel");
  const drawRow = h("div", { class: "draw-row", hidden: true }, finish, cancel);
  const endDraw = () => {
    drawing = false;
    draw.length = 0;
    drawRegion();
    drawRow.hidden = true;
    drawBtn.hidden = false;
    map.getCanvas().style.cursor = "";
  };
  drawBtn.addEventListener("click", () => {
    drawing = true;
    draw.length = 0;
    finish.disabled = true;
    drawRow.hidden = false;
    drawBtn.hidden = true;
    map.getCanvas().style.cursor = "crosshair";
    say({ ok: true, message: "Click the corners of the region on the map." });
  });
  cancel.addEventListener("click", () => {
    endDraw();
    msg.textContent = "";
  });
  finish.addEventListener("click", async () => {
    const ring: [number, number][] = [...draw, draw[0]];
    endDraw();
    say(await watch(`Drawn region around ${centerName()}`, { kind: "region", polygon: { type: "Polygon", coordinates: [ring] } }));
  });

  $("view-map").append(
    h("div", { class: "alerts-box", id: "alerts-box" }, toggle("alerts", "Alerts"), toggle("areas", "Areas of operation"), legend, h("div", { class: "watch-row" }, watchView, drawBtn), drawRow, msg),
  );

  // Alerts are computed on the server over every stored event (seconds with 100,000 of them):
  // ask after the map has settled, not on every live update.
  let timer = 0;
  const later = (ms: number) => () => {
    clearTimeout(timer);
    timer = window.setTimeout(() => {
      if (map.loaded()) void layer.refresh();
      else map.once("idle", () => void layer.refresh());
    }, ms);
  };
  state.on("window", later(400));
  state.on("points", later(2000));

  const layer: AlertLayer = {
    setAlerts(items) {
      alerts = items;
      drawAlerts();
    },
    async refresh() {
      if (show.alerts) {
        try {
          alerts = (await alertsApi.alerts(timeWindow())).items;
        } catch {
          alerts = [];
        }
        drawAlerts();
      }
      await drawAreas();
    },
  };
  return layer;
}
