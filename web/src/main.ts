// The web app: boots the views, loads the map points, routes by URL hash and follows the
// live stream so new events appear without reloading.
//   #/map  #/event/<id>  #/actor/<id>  #/graph  #/articles  #/search/<q>  #/article/<id>[/<start>-<end>]
//   #/place/<lon>,<lat>  #/date/<YYYY-MM-DD>  #/ingest
import "@fontsource/noto-sans/400.css";
import "@fontsource/noto-sans/600.css";
import "./style.css";
import { api, type StoredEvent } from "./api.js";
import { EVENT_TYPES, TYPE_COLORS } from "./colors.js";
import { $, fill, h } from "./dom.js";
import { createFilters } from "./filters.js";
import { createMap, timings } from "./map.js";
import { hidePanel, showActor, showEvent, showPlaceEvents } from "./panel.js";
import { state } from "./state.js";
import { createTimebar, focusDay } from "./timebar.js";

/** Timings and handles the browser tests read. */
const debug: { timings: typeof timings; pointsAt?: number; firstRenderMs?: number; pointsMs?: number; points?: number; ready: boolean; live: number; map?: unknown; graph?: unknown } = { timings, ready: false, live: 0 };
(window as unknown as { sitrep: typeof debug }).sitrep = debug;

const views = ["map", "graph", "articles", "reader", "ingest"] as const;
type View = (typeof views)[number];

function showView(v: View): void {
  for (const name of views) $(`view-${name}`).hidden = name !== v;
  $("filters").hidden = v !== "map";
  $("timebar").hidden = v !== "map";
  if (v !== "map") $("panel").hidden = true;
  for (const a of $("nav").querySelectorAll<HTMLAnchorElement>("a[data-view]")) a.classList.toggle("active", a.dataset.view === (v === "reader" ? "articles" : v));
  if (v === "map") requestAnimationFrame(() => eventMap.resize());
}

const eventMap = createMap(
  $("map"),
  (id) => {
    location.hash = `#/event/${id}`;
  },
  (lon, lat, count) => void showPlaceEvents(lon, lat, count, state.filters),
);
debug.map = eventMap.map;

// The graph (sigma + graphology), the reader, the article list and the ingest page are loaded
// when first opened: the map's first render does not wait for code it does not draw.
type GraphView = import("./graph.js").GraphView;
let graphLoaded = false;
let graphView: Promise<GraphView> | null = null;
const graph = () =>
  (graphView ??= import("./graph.js").then(({ createGraph }) =>
    createGraph((id) => {
      filters.setActor(id);
      location.hash = `#/actor/${encodeURIComponent(id)}`;
    }),
  ));
let graphReady: GraphView | null = null;
debug.graph = { sigma: () => graphReady?.sigma() ?? null };
let ingestMade: Promise<void> | null = null;
const ingest = () =>
  (ingestMade ??= import("./ingest.js").then(({ createIngest }) => createIngest(() => void refreshStats())));

const NO_POINTS = { count: 0, truncated: false, types: [], id: [], lon: [], lat: [], type: [], sources: [], date: [], precision: [] };

async function loadPoints(): Promise<void> {
  const t0 = performance.now();
  if (state.filters.type === "none") {
    state.setPoints(NO_POINTS);
    return;
  }
  const p = await api.points(state.filters);
  debug.pointsMs = performance.now() - t0;
  debug.points = p.count;
  debug.pointsAt ??= performance.now();
  state.setPoints(p);
}

const filters = createFilters(async () => {
  await loadPoints();
  eventMap.fit();
});

async function refreshStats(): Promise<void> {
  const s = await api.stats();
  fill($("stats"), `${s.articles.toLocaleString("en")} articles · ${s.events.toLocaleString("en")} events`);
  const empty = $("empty");
  const nothing = s.articles === 0 && s.events === 0;
  empty.hidden = !nothing;
  if (nothing) {
    fill(
      empty,
      h("h2", {}, "No articles yet"),
      h("p", {}, "sitrep turns news reports on armed conflicts into this map: every event with its actors, place, date and the sentence that reported it."),
      h("p", {}, h("a", { href: "#/ingest", class: "button" }, "Add articles"), " paste text, drop files or give a URL."),
      h("p", {}, "Or from a terminal:"),
      h("pre", {}, "npx sitrep demo            # the example reports\nnpx sitrep ingest ./news/   # files, feeds, URLs"),
    );
  }
}

function legend(): void {
  fill(
    $("legend"),
    ...EVENT_TYPES.map((t) => {
      const s = h("span", { class: "swatch round" });
      s.style.background = TYPE_COLORS[t];
      return h("div", { class: "legend-row" }, s, t);
    }),
    h("div", { class: "legend-row muted" }, "size: number of sources"),
  );
}

async function route(): Promise<void> {
  const hash = location.hash || "#/map";
  const [, view, arg, extra] = hash.match(/^#\/([\w-]+)(?:\/([^/]*))?(?:\/(.*))?$/) ?? [];
  switch (view) {
    case "event":
      showView("map");
      await showEvent(decodeURIComponent(arg ?? ""), (lon, lat) => eventMap.show(lon, lat));
      break;
    case "actor":
      showView("map");
      await showActor(decodeURIComponent(arg ?? ""), (id) => filters.setActor(id));
      break;
    case "place": {
      showView("map");
      const [lon, lat] = (arg ?? "").split(",").map(Number);
      if (Number.isFinite(lon) && Number.isFinite(lat)) eventMap.flyTo(lon, lat, 9);
      break;
    }
    case "date":
      showView("map");
      focusDay(arg ?? "");
      break;
    case "graph":
      showView("graph");
      if (!graphLoaded) {
        graphLoaded = true;
        graphReady = await graph();
        await graphReady.load();
      }
      break;
    case "articles":
      showView("articles");
      await (await import("./articles.js")).showArticles();
      break;
    case "search":
      showView("articles");
      await (await import("./articles.js")).showArticles(decodeURIComponent(arg ?? ""));
      break;
    case "article": {
      showView("reader");
      const m = (extra ?? "").match(/^(\d+)-(\d+)$/);
      await (await import("./reader.js")).showArticle(decodeURIComponent(arg ?? ""), m ? { start: Number(m[1]), end: Number(m[2]) } : undefined);
      break;
    }
    case "ingest":
      await ingest();
      showView("ingest");
      break;
    default:
      showView("map");
      hidePanel();
  }
}

function follow(): void {
  const es = new EventSource("/api/stream");
  const live = $("live");
  es.addEventListener("open", () => live.classList.add("on"));
  es.addEventListener("error", () => live.classList.remove("on"));
  let refresh = 0;
  es.addEventListener("events", (m) => {
    const { events, removed } = JSON.parse((m as MessageEvent).data) as { events: StoredEvent[]; removed: string[] };
    debug.live += events.length;
    const changed = state.applyChanges(events, removed);
    live.classList.add("pulse");
    setTimeout(() => live.classList.remove("pulse"), 800);
    clearTimeout(refresh);
    refresh = window.setTimeout(() => {
      // Actor, source and region filters need the server: refetch the points under them.
      const f = state.filters;
      if (f.actor || f.source || f.region) void loadPoints();
      void refreshStats();
      void filters.reloadLists();
      graphLoaded = false;
      if (!$("view-graph").hidden) void route();
    }, 400);
    if (changed && state.points.length === changed) eventMap.fit();
  });
}

async function boot(): Promise<void> {
  legend();
  createTimebar();
  $("search-form").addEventListener("submit", (e) => {
    e.preventDefault();
    const q = ($("search") as HTMLInputElement).value.trim();
    if (q) location.hash = `#/search/${encodeURIComponent(q)}`;
  });
  window.addEventListener("hashchange", () => void route());
  eventMap.firstRender.then((ms) => {
    debug.firstRenderMs = ms;
  });
  // The first points (index.html preloads their request) fit the view and start the map; when
  // they cannot be had, the map starts without them and the error is reported.
  await Promise.all([
    refreshStats(),
    loadPoints().catch((err) => {
      state.setPoints(NO_POINTS);
      throw err;
    }),
  ]);
  void route();
  follow();
  // The filter lists (actors, outlets, countries) are not needed to draw the map: they load
  // after its first render (or at once when there is nothing to draw), so their queries and
  // parsing do not compete with the points.
  if (state.points.length) await Promise.race([eventMap.firstRender, new Promise((r) => setTimeout(r, 3000))]);
  await filters.reloadLists().catch(() => {});
  debug.ready = true;
}

void boot();
