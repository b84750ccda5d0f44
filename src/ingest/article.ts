// Assembles the normalized Article from what a reader found: a stable id, credit lines
// taken out of the body, the language check, the outlet from the URL when the page is silent.
import { createHash } from "node:crypto";
import type { Article, Caption, Warning } from "../types/index.js";
import { warning } from "../types/index.js";
import { decideLanguage } from "./language.js";
import { CREDIT_LINES, matchesAny } from "./model/patterns.js";
import { outletFromUrl } from "./outlet.js";

export interface ArticleParts {
  id?: string;
  source: string;
  format: Article["format"];
  url?: string;
  outlet?: string;
  title?: string;
  standfirst?: string;
  byline?: string;
  publishedAt?: string;
  language?: string;
  paragraphs: string[];
  captions?: Caption[];
  credits?: string[];
  warnings?: Warning[];
}

/** A stable content id: the first 16 hex digits of the body's SHA-256. */
export function contentId(text: string): string {
  return createHash("sha256").update(text).digest("hex").slice(0, 16);
}

const tidy = (s: string | undefined) => (s ? s.replace(/\s+/g, " ").trim() || undefined : undefined);

/** Builds an Article; credit lines near the end of the body move to `credits`. */
export function makeArticle(p: ArticleParts): Article {
  const credits = [...(p.credits ?? [])];
  // one blank line between paragraphs, never more; "<br><br>" inside a block splits it
  // (a paragraph without a line break has no blank line to split at)
  const paras = p.paragraphs
    .flatMap((x) => (x.includes("\n") ? x.split(/\n[ \t]*\n/) : [x]))
    .map((x) => {
      // runs of blanks become one space (a lone space, the common case, is left as it is; a paragraph
      // with no tab or double space has nothing to replace)
      const y = x.includes("  ") || x.includes("\t") ? x.replace(/\t[ \t]*| [ \t]+/g, " ") : x;
      return (y.includes("\n") ? y.replace(/ ?\n ?/g, "\n") : y).trim();
    })
    .filter(Boolean);
  // credit lines sit in the last few paragraphs: "Additional reporting by Reuters"
  for (let i = paras.length - 1; i >= Math.max(0, paras.length - 4); i--) {
    const para = paras[i]!;
    if (para.length < 200 && matchesAny(CREDIT_LINES, para)) {
      credits.unshift(para.replace(/^\(|\)$/g, ""));
      paras.splice(i, 1);
    }
  }
  const body = paras.join("\n\n");
  const warnings = [...(p.warnings ?? [])];
  if (!body) warnings.push(warning("NO_BODY"));
  const url = tidy(p.url);
  const lang = decideLanguage(p.language, body);
  // absent fields are left out, not written as undefined: each field is set only when it has a value, in
  // the same order (an object that loses fields to delete becomes a slow dictionary for every later read)
  const a = {} as Article;
  put(a, "id", p.id ?? contentId(body || `${p.source}\n${p.title ?? ""}`));
  put(a, "source", p.source);
  put(a, "format", p.format);
  put(a, "url", url);
  put(a, "outlet", tidy(p.outlet) ?? outletFromUrl(url));
  put(a, "title", tidy(p.title));
  put(a, "standfirst", tidy(p.standfirst));
  put(a, "byline", tidy(p.byline));
  put(a, "publishedAt", tidy(p.publishedAt));
  put(a, "language", lang);
  put(a, "body", body);
  put(a, "captions", p.captions ?? []);
  put(a, "credits", credits);
  put(a, "warnings", warnings);
  return a;
}

/** Sets a field of `a` to `v` unless `v` is undefined (an absent field is left out). */
function put<K extends keyof Article>(a: Article, k: K, v: Article[K] | undefined): void {
  if (v !== undefined) a[k] = v;
}
