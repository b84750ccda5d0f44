// The article list and full-text search results; each opens in the reader.
import { api, type ArticleSummary } from "./api.js";
import { $, fill, h } from "./dom.js";

function row(a: ArticleSummary, snippet?: string): HTMLElement {
  return h("li", { class: "article-row" },
    h("a", { href: `#/article/${encodeURIComponent(a.id)}`, class: "title" }, a.title ?? a.id),
    /example/i.test(a.outlet ?? "") ? h("span", { class: "example-tag" }, "example") : null,
    h("div", { class: "muted" }, [a.outlet, a.publishedAt?.slice(0, 10), `${a.eventCount} events`].filter(Boolean).join(" · ")),
    snippet ? snippetNode(snippet) : null,
  );
}

/** "… the «SDF» said …" → text with <mark> around the matches (as nodes, not HTML). */
function snippetNode(s: string): HTMLElement {
  const p = h("p", { class: "snippet" });
  for (const [i, part] of s.split(/[«»]/).entries()) p.append(i % 2 ? h("mark", {}, part) : document.createTextNode(part));
  return p;
}

export async function showArticles(query?: string): Promise<void> {
  const root = $("view-articles");
  fill(root, h("p", { class: "muted" }, "Loading…"));
  try {
    if (query) {
      const r = await api.search(query);
      fill(root, h("h1", {}, `Search: ${query}`), h("p", { class: "muted" }, `${r.items.length} article(s)`), h("ol", { class: "articles" }, ...r.items.map((x) => row(x.article, x.snippet))));
    } else {
      const r = await api.articles(500);
      fill(
        root,
        h("h1", {}, "Articles"),
        r.items.length ? null : h("p", {}, "No articles yet. ", h("a", { href: "#/ingest" }, "Add some"), "."),
        h("ol", { class: "articles" }, ...r.items.map((a) => row(a))),
      );
    }
  } catch (err) {
    fill(root, h("p", { class: "error" }, (err as Error).message));
  }
}
