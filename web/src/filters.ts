// The filter bar: actor (with its sponsor bloc), event types, source and region. Changing a
// filter refetches the map points from the server.
import { api, type Filters } from "./api.js";
import { EVENT_TYPES, TYPE_COLORS } from "./colors.js";
import { $, fill, h } from "./dom.js";
import { state } from "./state.js";

export interface FilterBar {
  /** Sets the actor filter (from the graph) and reloads. */
  setActor(id: string | undefined): void;
  reloadLists(): Promise<void>;
}

export function createFilters(reload: () => Promise<void>): FilterBar {
  const root = $("filters");
  const actor = h("select", { id: "f-actor", "aria-label": "actor" });
  const backed = h("input", { id: "f-backed", type: "checkbox" });
  const source = h("select", { id: "f-source", "aria-label": "source" });
  const region = h("select", { id: "f-region", "aria-label": "region" });
  const province = h("select", { id: "f-province", "aria-label": "province", hidden: true });
  const types = EVENT_TYPES.map((t) => {
    const box = h("input", { type: "checkbox", checked: true, value: t });
    return { t, box, row: h("label", { class: "type-row" }, box, h("span", { class: "swatch", "data-type": t }), t) };
  });
  const clear = h("button", { type: "button", class: "link" }, "clear filters");

  fill(
    root,
    h("h2", {}, "Filters"),
    h("label", { class: "field" }, "Actor", actor),
    h("label", { class: "check" }, backed, "with the actors it backs (sponsor bloc)"),
    h("div", { class: "field" }, "Event type", ...types.map((x) => x.row)),
    h("label", { class: "field" }, "Source", source),
    h("label", { class: "field" }, "Region", region, province),
    clear,
  );
  // Swatch colours through the CSSOM (no inline style attributes).
  for (const el of root.querySelectorAll<HTMLElement>(".swatch")) el.style.background = TYPE_COLORS[el.dataset.type ?? ""];

  const read = (): Filters => {
    const on = types.filter((x) => x.box.checked).map((x) => x.t);
    return {
      actor: actor.value || undefined,
      includeBacked: actor.value ? backed.checked : undefined,
      type: on.length === EVENT_TYPES.length ? undefined : on.length ? on.join(",") : "none",
      source: source.value || undefined,
      region: province.value || region.value || undefined,
    };
  };
  const changed = () => {
    state.filters = read();
    void reload();
  };
  for (const el of [actor, backed, source, province, ...types.map((x) => x.box)]) el.addEventListener("change", changed);
  // A country offers its provinces (admin-1) as a finer region.
  region.addEventListener("change", async () => {
    province.value = "";
    province.hidden = !region.value;
    fill(province, h("option", { value: "" }, "All provinces"));
    changed();
    if (!region.value) return;
    const { items } = await api.regions(region.value);
    province.append(...items.map((r) => h("option", { value: r.code }, r.name)));
  });
  clear.addEventListener("click", () => {
    actor.value = "";
    source.value = "";
    region.value = "";
    province.value = "";
    province.hidden = true;
    backed.checked = false;
    for (const x of types) x.box.checked = true;
    changed();
  });

  const regionNames = new Intl.DisplayNames(["en"], { type: "region" });
  const reloadLists = async () => {
    const [actors, articles, places] = await Promise.all([api.actors(), api.articles(1000), api.places()]);
    state.actors = new Map(actors.items.map((a) => [a.id, a]));
    state.emit("actors");
    const keepA = actor.value;
    fill(
      actor,
      h("option", { value: "" }, "All actors"),
      ...actors.items
        .filter((a) => a.eventCount > 0 || a.kind === "state")
        .map((a) => h("option", { value: a.id }, `${a.name} (${a.eventCount})`)),
    );
    actor.value = keepA;
    const outlets = [...new Set(articles.items.map((a) => a.outlet).filter(Boolean) as string[])].sort();
    const keepS = source.value;
    fill(source, h("option", { value: "" }, "All sources"), ...outlets.map((o) => h("option", { value: o }, o)));
    source.value = keepS;
    const countries = new Map<string, number>();
    for (const p of places.items) if (p.country) countries.set(p.country, (countries.get(p.country) ?? 0) + p.eventCount);
    const keepR = region.value;
    fill(
      region,
      h("option", { value: "" }, "Everywhere"),
      ...[...countries.entries()]
        .sort((a, b) => b[1] - a[1])
        .map(([cc, n]) => h("option", { value: cc }, `${safeRegionName(regionNames, cc)} (${n})`)),
    );
    region.value = keepR;
  };

  return {
    setActor: (id) => {
      if (id && ![...actor.options].some((o) => o.value === id)) actor.append(h("option", { value: id }, state.actorName(id)));
      actor.value = id ?? "";
      changed();
    },
    reloadLists,
  };
}

function safeRegionName(names: Intl.DisplayNames, cc: string): string {
  try {
    return names.of(cc) ?? cc;
  } catch {
    return cc;
  }
}
