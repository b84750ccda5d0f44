// "Add articles": paste text or HTML, drop files, or give a URL; each input is sent to
// POST /api/ingest in turn with its progress shown, and the map updates from the live stream.
import { api } from "./api.js";
import { $, fill, h } from "./dom.js";

interface Job {
  label: string;
  body: { text?: string; html?: string; url?: string; name?: string; publishedAt?: string };
}

const looksHtml = (s: string) => /^\s*(<!doctype html|<html|<head|<body|<article|<div|<p[\s>])/i.test(s);

export function createIngest(onDone: () => void): void {
  const root = $("view-ingest");
  const text = h("textarea", { id: "ingest-text", rows: 12, placeholder: "Paste an article's text (headline on the first line) or a whole HTML page…" });
  const url = h("input", { id: "ingest-url", type: "url", placeholder: "https://… an article or a feed" });
  const files = h("input", { id: "ingest-files", type: "file", multiple: true, accept: ".txt,.html,.htm,.md,text/plain,text/html" });
  const drop = h("div", { class: "drop", id: "ingest-drop", tabindex: 0 }, "Drop .txt or .html files here, or ", h("label", { class: "link" }, "choose files", files));
  const published = h("input", { id: "ingest-date", type: "date", value: new Date().toISOString().slice(0, 10) });
  const progress = h("progress", { id: "ingest-progress", max: 1, value: 0, hidden: true });
  const log = h("ol", { id: "ingest-log", class: "ingest-log" });
  const goText = h("button", { type: "button", id: "ingest-text-go" }, "Add the pasted article");
  const goUrl = h("button", { type: "button", id: "ingest-url-go" }, "Fetch and add");

  const run = async (jobs: Job[]) => {
    if (!jobs.length) return;
    progress.hidden = false;
    progress.max = jobs.length;
    progress.value = 0;
    for (const job of jobs) {
      if (published.value && !job.body.url) job.body.publishedAt = published.value;
      const item = h("li", { class: "pending" }, h("strong", {}, job.label), h("span", { class: "status" }, " reading and extracting…"));
      log.prepend(item);
      try {
        const r = await api.ingest(job.body);
        item.className = "ok";
        const parts = r.articles.map((a) => {
          const ev = a.eventIds.length;
          return h("span", {},
            h("a", { href: `#/article/${encodeURIComponent(a.articleId)}` }, a.title ?? a.articleId),
            ` ${a.status}: ${ev} event${ev === 1 ? "" : "s"} (${a.newEvents} new, ${a.mergedEvents} merged)`,
            a.warnings.length ? h("span", { class: "muted" }, ` · ${a.warnings.map((w) => w.code).join(", ")}`) : null,
          );
        });
        fill(item, h("strong", {}, job.label), " → ", ...parts);
      } catch (err) {
        item.className = "failed";
        fill(item, h("strong", {}, job.label), h("span", { class: "error" }, ` failed: ${(err as Error).message}`));
      }
      progress.value += 1;
    }
    onDone();
  };

  const fromFiles = async (list: FileList | File[]) => {
    const jobs: Job[] = [];
    for (const f of Array.from(list)) {
      const content = await f.text();
      const isHtml = /\.html?$/i.test(f.name) || looksHtml(content);
      jobs.push({ label: f.name, body: isHtml ? { html: content, name: f.name } : { text: content, name: f.name } });
    }
    await run(jobs);
  };

  goText.addEventListener("click", () => {
    const v = text.value;
    if (!v.trim()) return;
    void run([{ label: v.trim().split("\n")[0].slice(0, 80), body: looksHtml(v) ? { html: v } : { text: v } }]).then(() => {
      text.value = "";
    });
  });
  goUrl.addEventListener("click", () => {
    const v = url.value.trim();
    if (v) void run([{ label: v, body: { url: v } }]);
  });
  files.addEventListener("change", () => {
    if (files.files) void fromFiles(files.files);
  });
  drop.addEventListener("dragover", (e) => {
    e.preventDefault();
    drop.classList.add("over");
  });
  drop.addEventListener("dragleave", () => drop.classList.remove("over"));
  drop.addEventListener("drop", (e) => {
    e.preventDefault();
    drop.classList.remove("over");
    if (e.dataTransfer?.files.length) void fromFiles(e.dataTransfer.files);
  });

  fill(
    root,
    h("h1", {}, "Add articles"),
    h("p", { class: "muted" }, "sitrep reads each article, finds its actors, places, dates and events, and adds them to the map. Nothing leaves this machine except a URL you give it."),
    h("section", { class: "card" }, h("h2", {}, "Paste"), text, h("div", { class: "row" }, goText, h("label", { class: "muted date" }, "Published on (when the text gives no date) ", published))),
    h("section", { class: "card" }, h("h2", {}, "Files"), drop),
    h("section", { class: "card" }, h("h2", {}, "From the web"), h("div", { class: "row" }, url, goUrl)),
    h("section", { class: "card" }, h("h2", {}, "From the command line"), h("pre", {}, "npx sitrep ingest ./articles/        # files, folders, feeds, URLs\nnpx sitrep demo                     # the example reports")),
    progress,
    log,
  );
}
