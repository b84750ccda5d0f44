// The Alerts view (#/alerts, #/alerts/<id>): where rival coalitions are converging, racing for the
// same place, clashing, or where a sponsor's own forces are in the area, for the time bar's window.
// Each alert shows its kind, the two coalitions and their actors, places, distance and trend, the
// explanation sentence, its sources and the events behind it (links open the event panel on the
// map). Loaded as its own entry from index.html; it hooks into the app through the DOM, the shared
// state and the map handle main.ts exposes as `window.sitrep.map`. All data goes in as text nodes.
import type { Map as MlMap } from "maplibre-gl";
import { startAccount, watch } from "./account.js";
import { type Alert, type AlertsAnswer, alertsApi, timeWindow } from "./alerts-api.js";
import { type AlertLayer, addAlertLayer, KIND_COLORS, KIND_LABELS } from "./alerts-map.js";
import "./alerts.css";
import { api, type StoredEvent } from "./api.js";
import { coalitionsSection } from "./coalitions.js";
import { TYPE_COLORS } from "./colors.js";
import { $, fill, h, safeUrl } from "./dom.js";
import { state } from "./state.js";

type Debug = { ready: boolean; map?: MlMap; alerts?: { loads: number; count: number } };
const win = window as unknown as { sitrep?: Debug };
/** main.ts's handle (set when it boots); the browser tests read `alerts` from it. */
const debug = (): Debug => win.sitrep ?? { ready: false };

const view = () => $("view-alerts");
const ROUTE = /^#\/alerts(?:\/([^/]+))?$/;

function fmtDate(d: string): string {
  const t = new Date(`${d}T00:00:00Z`);
  return Number.isNaN(t.getTime()) ? d : t.toLocaleDateString("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });
}

function kindBadge(kind: string): HTMLElement {
  const b = h("span", { class: `badge alert-kind kind-${kind}` }, KIND_LABELS[kind] ?? kind);
  b.style.background = KIND_COLORS[kind] ?? "#555";
  return b;
}

function side(s: Alert["sides"][number]): HTMLElement {
  const actors = s.actors.flatMap((a, i) => [i ? ", " : "", h("a", { href: `#/actor/${encodeURIComponent(a.id)}`, class: "actor" }, a.name)]);
  return h("span", { class: "alert-side", "data-coalition": s.coalition }, h("strong", {}, s.coalitionName), actors.length ? h("span", { class: "muted" }, " (", ...actors, ")") : null);
}

function measure(a: Alert): HTMLElement | null {
  const parts: (string | HTMLElement)[] = [];
  if (a.distanceKm !== undefined) {
    // What the distance measures depends on the kind (src/alerts/detect.ts).
    const km = `${a.distanceKm.toFixed(a.distanceKm < 10 ? 1 : 0)} km`;
    const where = a.places[0]?.name ?? "the place";
    const text =
      a.kind === "racing" ? `both sides within ${km} of ${where}` : a.kind === "sponsor" ? `${km} from the rival side's area` : a.kind === "converging" ? `areas ${km} apart` : `${km}`;
    parts.push(h("span", { class: "distance" }, text));
  }
  if (a.trend) {
    const t = a.trend;
    const arrow = t.direction === "closing" ? "↘" : t.direction === "widening" ? "↗" : "→";
    parts.push(
      h("span", { class: `trend trend-${t.direction}` }, `${arrow} ${t.direction}: ${t.fromKm.toFixed(0)} → ${t.toKm.toFixed(0)} km over ${t.days} days (${t.changeKm > 0 ? "+" : ""}${t.changeKm.toFixed(0)} km)`),
    );
  }
  if (!parts.length) return null;
  return h("div", { class: "alert-measure" }, ...parts.flatMap((p, i) => (i ? [" · ", p] : [p])));
}

/** One event behind the alert as a link to the event panel; its label filled in when fetched. */
function eventLink(id: string): HTMLElement {
  const a = h("a", { href: `#/event/${encodeURIComponent(id)}`, class: "alert-event", "data-event-id": id }, `event ${id}`);
  void api
    .event(id)
    .then((e: StoredEvent) => {
      const dot = h("span", { class: "swatch round" });
      dot.style.background = TYPE_COLORS[e.eventType] ?? "#888";
      fill(a, dot, ` ${fmtDate(e.date)} · ${e.subEventType}${e.place ? ` · ${e.place.name}` : ""}`);
    })
    .catch(() => {});
  return a;
}

const MAX_EVENTS = 8;

function card(a: Alert): HTMLElement {
  const status = h("span", { class: "alerts-msg", role: "status" });
  const say = (m: { ok: boolean; message: string }) => {
    status.textContent = m.message;
    status.className = m.ok ? "alerts-msg ok" : "alerts-msg error";
  };
  const place = a.places[0];
  const radius = Math.max(25, Math.min(200, Math.ceil((a.distanceKm ?? 0) * 1.5)));
  const watchPlace = place
    ? h(
        "button",
        {
          type: "button",
          class: "secondary watch-place",
          onclick: async () => say(await watch(`${radius} km around ${place.name}`, { kind: "region", center: { lat: place.lat, lon: place.lon, name: place.name }, radiusKm: radius })),
        },
        `Watch ${radius} km around ${place.name}`,
      )
    : null;
  const [s1, s2] = a.sides;
  const watchPair = h(
    "button",
    { type: "button", class: "secondary watch-pair", onclick: async () => say(await watch(`${s1.coalitionName} vs ${s2.coalitionName}`, { kind: "coalition-pair", a: s1.coalition, b: s2.coalition })) },
    `Watch ${s1.coalitionName} vs ${s2.coalitionName}`,
  );
  const sources = a.sources.map((s) => {
    const label = [s.attribution, s.outlet].filter(Boolean).join(", ") || s.title || "source";
    const url = safeUrl(s.url);
    return h(
      "li",
      {},
      s.articleId ? h("a", { href: `#/article/${encodeURIComponent(s.articleId)}` }, label) : label,
      s.title && s.articleId ? h("span", { class: "muted" }, ` · ${s.title}`) : null,
      url ? h("a", { href: url, target: "_blank", rel: "noopener noreferrer", class: "ext" }, " ↗") : null,
    );
  });
  const extra = a.eventIds.length - MAX_EVENTS;
  return h(
    "article",
    { class: "alert-card", id: `alert-${a.id}`, "data-alert-id": a.id, "data-kind": a.kind },
    h("div", { class: "kicker" }, kindBadge(a.kind), h("span", {}, a.firstDate === a.lastDate ? fmtDate(a.lastDate) : `${fmtDate(a.firstDate)} – ${fmtDate(a.lastDate)}`)),
    h("h3", { class: "alert-sides" }, side(s1), h("span", { class: "vs" }, " vs "), side(s2)),
    h(
      "div",
      { class: "alert-places" },
      ...a.places.flatMap((p, i) => [i ? ", " : "", h("a", { href: `#/place/${p.lon},${p.lat}`, class: "alert-place", title: "show on the map" }, p.name)]),
    ),
    measure(a),
    h("p", { class: "explanation" }, a.explanation),
    h(
      "details",
      { class: "alert-events", open: true },
      h("summary", {}, `${a.eventIds.length} event${a.eventIds.length === 1 ? "" : "s"} behind it`),
      h("div", { class: "event-links" }, ...a.eventIds.slice(0, MAX_EVENTS).map(eventLink), extra > 0 ? h("span", { class: "muted" }, `and ${extra} more`) : null),
    ),
    sources.length ? h("details", { class: "alert-sources" }, h("summary", {}, `${sources.length} source${sources.length === 1 ? "" : "s"}`), h("ul", {}, ...sources)) : null,
    h("div", { class: "alert-actions" }, watchPlace, watchPair, status),
  );
}

function describeOptions(r: AlertsAnswer): string {
  const o = r.options;
  return `Thresholds: converging under ${o.distanceKm} km and closing over ${o.trendDays} days; racing within ${o.objectiveKm} km of one place; sponsor forces within ${o.sponsorKm} km; areas from the last ${o.windowDays} days of events.`;
}

let loading = 0;

async function load(focus?: string): Promise<void> {
  const v = view();
  const seq = ++loading;
  const w = timeWindow();
  const head = h(
    "header",
    { class: "alerts-head" },
    h("h2", {}, "Contact and escalation alerts"),
    h("p", { class: "muted" }, w.since ? `Events from ${fmtDate(w.since)} to ${fmtDate(w.until!)} (the time bar's window).` : "All stored events, as of the latest one. Narrow the time bar to look at another moment."),
  );
  if (!v.querySelector(".alerts-head")) fill(v, head, h("p", { class: "muted" }, "Computing alerts…"));
  let r: AlertsAnswer;
  try {
    r = await alertsApi.alerts(w);
  } catch (err) {
    if (seq === loading) fill(v, head, h("p", { class: "error" }, (err as Error).message));
    return;
  }
  if (seq !== loading) return;
  const d = debug();
  d.alerts = { loads: (d.alerts?.loads ?? 0) + 1, count: r.items.length };
  layer?.setAlerts(r.items);
  const counts = new Map<string, number>();
  for (const a of r.items) counts.set(a.kind, (counts.get(a.kind) ?? 0) + 1);
  const summary = h(
    "div",
    { class: "alerts-summary" },
    h("span", {}, `${r.items.length} alert${r.items.length === 1 ? "" : "s"} as of ${fmtDate(r.asOf)}`),
    ...[...counts].map(([k, n]) => h("span", { class: "summary-kind" }, kindBadge(k), ` ${n}`)),
  );
  const list = r.items.length
    ? h("div", { class: "alert-list" }, ...r.items.map(card))
    : h(
        "div",
        { class: "empty-inline alerts-none" },
        h("p", {}, "No alerts for this window."),
        h(
          "p",
          { class: "muted" },
          "An alert needs events of two rival coalitions (for example US-backed and Russia/Iran-backed forces) close together, fighting each other, advancing on the same place, or a sponsor's own forces near the other side.",
        ),
      );
  fill(v, head, summary, h("p", { class: "muted small" }, describeOptions(r)), list, coalitionsSection());
  if (focus) {
    const el = document.getElementById(`alert-${focus}`);
    el?.classList.add("focus");
    el?.scrollIntoView({ block: "center" });
  }
}

/** Shows the view when the hash is #/alerts…, hides it otherwise (main.ts routes the other views). */
function route(): void {
  const m = location.hash.match(ROUTE);
  const link = document.getElementById("nav-alerts");
  if (!m) {
    view().hidden = true;
    link?.classList.remove("active");
    return;
  }
  for (const s of document.querySelectorAll<HTMLElement>("#main > section.view")) s.hidden = s.id !== "view-alerts";
  $("filters").hidden = true;
  $("panel").hidden = true;
  // The time bar stays: its window is the alerts' window.
  $("timebar").hidden = false;
  for (const a of $("nav").querySelectorAll("a")) a.classList.toggle("active", a === link);
  void load(m[1] ? decodeURIComponent(m[1]) : undefined);
}

function ensureDom(): void {
  if (!document.getElementById("view-alerts")) $("main").insertBefore(h("section", { id: "view-alerts", class: "view page", hidden: true }), $("panel"));
  if (!document.getElementById("nav-alerts")) {
    const graph = $("nav").querySelector('a[data-view="graph"]');
    $("nav").insertBefore(h("a", { href: "#/alerts", id: "nav-alerts", "data-view": "alerts" }, "Alerts"), graph);
  }
}

let layer: AlertLayer | null = null;
ensureDom();
window.addEventListener("hashchange", route);
// main.ts routes once it has loaded its data; route again after it so a page opened on #/alerts
// shows it. The map layer goes on as soon as main.ts has made the map.
let polls = 0;
const whenReady = () => {
  const d = debug();
  if (!layer && d.map) layer = addAlertLayer(d.map, (id) => (location.hash = `#/alerts/${encodeURIComponent(id)}`));
  if (d.ready || ++polls > 2400) route();
  else setTimeout(whenReady, 50);
};
whenReady();

let timer = 0;
const reloadIfShown = () => {
  clearTimeout(timer);
  timer = window.setTimeout(() => {
    if (!view().hidden) void load();
  }, 300);
};
state.on("window", reloadIfShown);
state.on("points", reloadIfShown);
document.addEventListener("sitrep:notification", reloadIfShown);
void startAccount();
