// The coalitions behind the alerts (GET /api/alerts/coalitions): each coalition with its members,
// their role and why each belongs (the explanation quotes the stored evidence), and which
// coalitions are rivals. Loaded only when the analyst opens the section.
import type { Coalition } from "../../src/alerts/types.js";
import { ApiFailure } from "./api.js";
import { fill, h } from "./dom.js";

interface CoalitionsAnswer {
  coalitions: Coalition[];
  rivals: [string, string][];
}

async function fetchCoalitions(): Promise<CoalitionsAnswer> {
  const res = await fetch("/api/alerts/coalitions");
  const body = await res.json().catch(() => null);
  if (!res.ok) throw new ApiFailure(res.status, body?.error?.code ?? "HTTP", body?.error?.message ?? `${res.status} ${res.statusText}`);
  return body as CoalitionsAnswer;
}

/** A collapsed section that fills itself the first time it is opened. */
export function coalitionsSection(): HTMLElement {
  const body = h("div", { class: "coalitions-body" }, h("p", { class: "muted" }, "Loading coalitions…"));
  const d = h("details", { class: "coalitions", id: "coalitions" }, h("summary", {}, "Coalitions and why each actor belongs"), body);
  let loaded = false;
  d.addEventListener("toggle", async () => {
    if (!d.open || loaded) return;
    loaded = true;
    try {
      const r = await fetchCoalitions();
      const names = new Map(r.coalitions.map((c) => [c.id, c.name]));
      fill(
        body,
        r.rivals.length ? h("p", { class: "muted" }, "Rivals: ", r.rivals.map(([a, b]) => `${names.get(a) ?? a} vs ${names.get(b) ?? b}`).join("; ")) : null,
        ...r.coalitions.map((c) =>
          h(
            "section",
            { class: "coalition", "data-coalition": c.id },
            h("h4", {}, `${c.name} (${c.members.length})`),
            h(
              "ul",
              {},
              ...c.members.map((m) =>
                h(
                  "li",
                  {},
                  h("a", { href: `#/actor/${encodeURIComponent(m.actorId)}`, class: "actor" }, m.actorName),
                  h("span", { class: "muted" }, ` · ${m.role}`),
                  h("div", { class: "why" }, m.explanation),
                ),
              ),
            ),
          ),
        ),
      );
    } catch (err) {
      loaded = false;
      fill(body, h("p", { class: "error" }, (err as Error).message));
    }
  });
  return d;
}
