// The side panel: one event (type, actors, place and date with their precision, every source
// with its attribution and the reporting sentence highlighted) or one actor's profile.
import { type ActorProfile, api, type Filters, type StoredEvent } from "./api.js";
import { GEO_PRECISION, KIND_COLORS, TIME_PRECISION, TYPE_COLORS } from "./colors.js";
import { $, fill, h } from "./dom.js";
import { state } from "./state.js";

const panel = () => $("panel");

function close(): HTMLElement {
  return h("button", { type: "button", class: "close", "aria-label": "close", onclick: () => hidePanel() }, "×");
}

export function hidePanel(): void {
  panel().hidden = true;
  if (/^#\/(event|actor)\//.test(location.hash)) history.replaceState(null, "", "#/map");
}

function actorLink(id: string | undefined): HTMLElement | null {
  if (!id) return null;
  const a = h("a", { href: `#/actor/${encodeURIComponent(id)}`, class: "actor" }, state.actorName(id));
  const kind = state.actors.get(id)?.kind;
  if (kind) a.style.borderColor = KIND_COLORS[kind] ?? "#999";
  return a;
}

function side(main: string | undefined, assoc: string[]): HTMLElement {
  return h("span", { class: "side" }, actorLink(main) ?? h("span", { class: "muted" }, "unknown"), ...assoc.map((a) => h("span", { class: "assoc" }, " with ", actorLink(a))));
}

/** The sentence with the trigger words marked, all as text nodes. */
export function sentenceWithTrigger(sentence: string, trigger: string | undefined): HTMLElement {
  const q = h("blockquote", { class: "sentence" });
  const at = trigger ? sentence.indexOf(trigger) : -1;
  if (at < 0 || !trigger) q.append(h("mark", {}, sentence));
  else q.append(h("mark", {}, sentence.slice(0, at), h("strong", {}, trigger), sentence.slice(at + trigger.length)));
  return q;
}

/** Shows one event; `locate` brings its place into view on the map. */
export async function showEvent(id: string, locate?: (lon: number, lat: number) => void): Promise<void> {
  const p = panel();
  p.hidden = false;
  fill(p, close(), h("p", { class: "muted" }, "Loading event…"));
  let e: StoredEvent;
  try {
    e = await api.event(id);
  } catch (err) {
    fill(p, close(), h("p", { class: "error" }, (err as Error).message));
    return;
  }
  if (e.place && locate) locate(e.place.lon, e.place.lat);
  const badge = h("span", { class: "badge" }, e.eventType);
  badge.style.background = TYPE_COLORS[e.eventType] ?? "#888";
  const place = e.place;
  fill(
    p,
    close(),
    h("div", { class: "event", "data-event-id": e.id },
      h("div", { class: "kicker" }, badge, h("span", { class: "sub" }, e.subEventType), e.modality !== "asserted" ? h("span", { class: "modality" }, e.modality) : null),
      h("h2", { class: "ev-title" }, side(e.actor1, e.assocActors1), e.actor2 ? h("span", { class: "vs" }, " vs ") : null, e.actor2 ? side(e.actor2, e.assocActors2) : null),
      h("dl", { class: "facts" },
        h("dt", {}, "Place"),
        h("dd", {},
          place ? h("a", { href: `#/place/${place.lon},${place.lat}` }, place.name) : h("span", { class: "muted" }, "not resolved"),
          place ? h("span", { class: "muted" }, ` ${[place.admin1, place.country].filter(Boolean).join(", ")}`) : null,
          place ? h("div", { class: "precision" }, `precision ${place.precision}: ${GEO_PRECISION[place.precision] ?? ""} · ${place.lat.toFixed(3)}, ${place.lon.toFixed(3)}`) : null,
          e.locationText ? h("div", { class: "muted" }, `“${e.locationText}”`) : null,
        ),
        h("dt", {}, "Date"),
        h("dd", {}, e.dateEnd && e.dateEnd !== e.date ? `${e.date} – ${e.dateEnd}` : e.date, h("div", { class: "precision" }, `precision ${e.datePrecision}: ${TIME_PRECISION[e.datePrecision] ?? ""}`)),
        e.fatalities !== undefined ? h("dt", {}, "Fatalities") : null,
        e.fatalities !== undefined
          ? h("dd", {}, String(e.fatalities), ...e.fatalityClaims.map((c) => h("div", { class: "muted" }, `${c.fatalities} according to ${c.source}`)))
          : null,
        h("dt", {}, "Sources"),
        h("dd", {}, `${e.sourceCount} (${e.sources.length} report${e.sources.length === 1 ? "" : "s"})`),
      ),
      h("h3", {}, "Reported by"),
      h("ol", { class: "sources" },
        ...e.sources.map((s) =>
          h("li", { class: "source" },
            h("div", { class: "attribution" },
              h("strong", {}, s.attribution.name),
              h("span", { class: "muted" }, ` · ${s.attribution.kind}`),
              s.modality !== "asserted" ? h("span", { class: "modality" }, s.modality) : null,
            ),
            sentenceWithTrigger(s.sentence.text, s.trigger),
            h("div", { class: "meta" },
              h("a", { href: `#/article/${encodeURIComponent(s.articleId)}/${s.sentence.start}-${s.sentence.end}`, class: "read" }, s.title ?? s.articleId),
              h("span", { class: "muted" }, ` · ${[s.outlet, s.publishedAt?.slice(0, 10)].filter(Boolean).join(" · ")}`),
            ),
          ),
        ),
      ),
    ),
  );
}

function relList(title: string, items: ActorProfile["sponsors"]): HTMLElement | null {
  if (!items.length) return null;
  return h("div", { class: "rel" },
    h("h3", {}, title),
    h("ul", {}, ...items.map((r) => h("li", {}, actorLink(r.actor), h("span", { class: "muted" }, ` · ${r.evidenceCount} evidence, ${r.articleCount} article${r.articleCount === 1 ? "" : "s"}`)))),
  );
}

export async function showActor(id: string, onFilter: (id: string) => void): Promise<void> {
  const p = panel();
  p.hidden = false;
  fill(p, close(), h("p", { class: "muted" }, "Loading actor…"));
  let a: ActorProfile;
  try {
    a = await api.actor(id);
  } catch (err) {
    fill(p, close(), h("p", { class: "error" }, (err as Error).message));
    return;
  }
  const kind = h("span", { class: "badge" }, a.kind);
  kind.style.background = KIND_COLORS[a.kind] ?? "#888";
  fill(
    p,
    close(),
    h("div", { class: "actor-profile", "data-actor-id": a.id },
      h("div", { class: "kicker" }, kind, a.country ? h("span", { class: "sub" }, a.country) : null),
      h("h2", {}, a.name),
      a.aliases.length ? h("p", { class: "muted" }, `also: ${a.aliases.join(", ")}`) : null,
      a.role ? h("p", {}, a.role) : null,
      h("p", {}, `${a.eventCount} events · ${a.articleCount} articles · ${a.mentionCount} mentions`),
      h("div", { class: "buttons" },
        h("button", { type: "button", onclick: () => onFilter(a.id) }, "Show its events on the map"),
        h("a", { href: "#/graph", class: "button" }, "Actor graph"),
      ),
      relList("Backed by", a.sponsors),
      relList("Backs", a.backs),
      relList("Allies", a.allies),
      relList("Opponents", a.opponents),
      relList("Part of", a.partOf),
      relList("Parts", a.parts),
      a.recentEvents.length
        ? h("div", { class: "rel" },
            h("h3", {}, "Recent events"),
            h("ul", {}, ...a.recentEvents.map((e) => h("li", {}, h("a", { href: `#/event/${e.id}` }, `${e.date} · ${e.subEventType}`), h("span", { class: "muted" }, e.place ? ` · ${e.place.name}` : "")))),
          )
        : null,
    ),
  );
}

/** The events at one point on the map (a town with several events), newest first, each opening its panel. */
export async function showPlaceEvents(lon: number, lat: number, count: number, filters: Filters): Promise<void> {
  const p = panel();
  p.hidden = false;
  fill(p, close(), h("p", { class: "muted" }, `Loading ${count} events…`));
  try {
    const { items } = await api.eventsNear(lat, lon, filters);
    const place = items.find((e) => e.place)?.place;
    fill(
      p,
      close(),
      h("div", { class: "place-events" },
        h("div", { class: "kicker" }, place ? `${[place.admin1, place.country].filter(Boolean).join(", ")}` : ""),
        h("h2", {}, place?.name ?? `${lat.toFixed(3)}, ${lon.toFixed(3)}`),
        h("p", { class: "muted" }, `${count} event${count === 1 ? "" : "s"} here${items.length < count ? `; the ${items.length} newest:` : ""}`),
        h("ul", { class: "event-list" },
          ...items.map((e) => {
            const dot = h("span", { class: "swatch round" });
            dot.style.background = TYPE_COLORS[e.eventType] ?? "#888";
            return h("li", {},
              dot,
              h("a", { href: `#/event/${e.id}` }, `${e.date} · ${e.subEventType}`),
              h("span", { class: "muted" }, ` · ${[state.actorName(e.actor1), state.actorName(e.actor2)].filter(Boolean).join(" vs ")}`),
            );
          }),
        ),
      ),
    );
  } catch (err) {
    fill(p, close(), h("p", { class: "error" }, (err as Error).message));
  }
}
