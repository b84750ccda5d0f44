// The article reader: the clean text with actors, places, dates and events marked inline, each
// linked to its entity. Built from text nodes only: the article never becomes HTML.
import { api, type StoredArticle } from "./api.js";
import { KIND_COLORS, TYPE_COLORS } from "./colors.js";
import { $, fill, h, safeUrl } from "./dom.js";

interface Mark {
  start: number;
  end: number;
  kind: "actor" | "place" | "date" | "event";
  href: string;
  title: string;
  color?: string;
}

/** Non-overlapping inline marks: longest first where two overlap. */
function pickMarks(marks: Mark[]): Mark[] {
  const sorted = [...marks].sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
  const taken: Mark[] = [];
  for (const m of sorted) if (m.end > m.start && !taken.some((t) => m.start < t.end && t.start < m.end)) taken.push(m);
  return taken.sort((a, b) => a.start - b.start);
}

function collect(a: StoredArticle): { marks: Mark[]; sentences: { start: number; end: number; eventId: string; type: string }[] } {
  const doc = a.doc;
  const marks: Mark[] = [];
  for (const actor of doc.actors) {
    for (const m of actor.mentions) {
      marks.push({ start: m.start, end: m.end, kind: "actor", href: `#/actor/${encodeURIComponent(actor.id)}`, title: `${actor.name} (${actor.kind})`, color: KIND_COLORS[actor.kind] });
    }
  }
  for (const p of doc.places) {
    for (const m of p.mentions) marks.push({ start: m.start, end: m.end, kind: "place", href: `#/place/${p.lon},${p.lat}`, title: `${p.name} · ${p.countryCode} · precision ${p.precision}` });
  }
  const sentences: { start: number; end: number; eventId: string; type: string }[] = [];
  doc.events.forEach((e, i) => {
    const gid = a.eventIds[i];
    if (e.date.span) marks.push({ start: e.date.span.start, end: e.date.span.end, kind: "date", href: `#/date/${e.date.date}`, title: `${e.date.date} (precision ${e.date.precision})` });
    if (gid) {
      marks.push({ start: e.trigger.start, end: e.trigger.end, kind: "event", href: `#/event/${gid}`, title: `${e.eventType}: ${e.subEventType}`, color: TYPE_COLORS[e.eventType] });
      sentences.push({ start: e.sentence.start, end: e.sentence.end, eventId: gid, type: e.eventType });
    }
  });
  return { marks: pickMarks(marks), sentences };
}

/** Renders body[start,end) as text and mark links into `parent`. */
function renderRange(parent: HTMLElement, body: string, start: number, end: number, marks: Mark[]): void {
  let at = start;
  for (const m of marks) {
    if (m.end <= start || m.start >= end) continue;
    const s = Math.max(m.start, start);
    const e = Math.min(m.end, end);
    if (s > at) parent.append(document.createTextNode(body.slice(at, s)));
    const a = h("a", { href: m.href, class: `m m-${m.kind}`, title: m.title }, body.slice(s, e));
    if (m.color) a.style.setProperty("--c", m.color);
    parent.append(a);
    at = e;
  }
  if (at < end) parent.append(document.createTextNode(body.slice(at, end)));
}

export async function showArticle(id: string, highlight?: { start: number; end: number }): Promise<void> {
  const root = $("view-reader");
  fill(root, h("p", { class: "muted" }, "Loading article…"));
  let a: StoredArticle;
  try {
    a = await api.article(id);
  } catch (err) {
    fill(root, h("p", { class: "error" }, (err as Error).message));
    return;
  }
  const body = a.doc.article.body;
  const { marks, sentences } = collect(a);
  const art = a.doc.article;
  const link = safeUrl(a.url ?? art.url);
  const isExample = /example/i.test(a.outlet ?? "");
  const text = h("div", { class: "body" });
  // Paragraphs are separated by one blank line; spans point into the whole body.
  let pos = 0;
  let target: HTMLElement | null = null;
  for (const para of body.split("\n\n")) {
    const start = body.indexOf(para, pos);
    const end = start + para.length;
    pos = end;
    const p = h("p");
    let at = start;
    for (const s of sentences.filter((x) => x.end > start && x.start < end).sort((x, y) => x.start - y.start)) {
      const ss = Math.max(s.start, at);
      const se = Math.min(s.end, end);
      if (se <= ss) continue;
      renderRange(p, body, at, ss, marks);
      const span = h("span", { class: "ev-sentence", "data-event-id": s.eventId });
      span.style.setProperty("--c", TYPE_COLORS[s.type] ?? "#999");
      if (highlight && s.start <= highlight.start && s.end >= highlight.end - 1) {
        span.classList.add("focus");
        target ??= span;
      }
      renderRange(span, body, ss, se, marks);
      p.append(span);
      at = se;
    }
    renderRange(p, body, at, end, marks);
    text.append(p);
  }
  fill(
    root,
    h("article", { class: "reader" },
      isExample ? h("div", { class: "example-note" }, "Example report written by the sitrep project (fictional, for demonstration)") : null,
      h("div", { class: "kicker" }, [a.outlet, a.byline, a.publishedAt?.slice(0, 16).replace("T", " ")].filter(Boolean).join(" · ")),
      h("h1", {}, a.title ?? art.title ?? "(untitled)"),
      art.standfirst ? h("p", { class: "standfirst" }, art.standfirst) : null,
      h("div", { class: "legend-inline" },
        h("span", { class: "m m-actor" }, "actor"), " ", h("span", { class: "m m-place" }, "place"), " ",
        h("span", { class: "m m-date" }, "date"), " ", h("span", { class: "m m-event" }, "event"),
        h("span", { class: "muted" }, ` · ${a.doc.events.length} events, ${a.doc.actors.length} actors, ${a.doc.places.length} places`),
      ),
      text,
      art.captions.length ? h("div", { class: "captions" }, ...art.captions.map((c) => h("p", { class: "muted" }, c.text, c.credit ? ` (${c.credit})` : ""))) : null,
      art.credits.length ? h("p", { class: "muted" }, art.credits.join(" · ")) : null,
      link ? h("p", {}, h("a", { href: link, rel: "noopener noreferrer nofollow", target: "_blank" }, "Original page")) : null,
    ),
  );
  if (target) (target as HTMLElement).scrollIntoView({ block: "center" });
  else root.scrollTop = 0;
}
