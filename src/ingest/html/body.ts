// The article body of an HTML page: chrome removal, then the article's container (marked by
// the page or found by paragraph density, clean.ts) tidied in one walk (tidy.ts), or, when
// there is none, Readability over linkedom; then block-level filtering of what is kept but is
// not article text (share prompts, "Read more: …" teasers, link lists), with the page-wide
// text as a fallback.
import type { Readability } from "@mozilla/readability";
import { pruneToArticle, removeChrome, scoredContainer } from "./clean.js";
import { LinkedomReadability } from "./readability.js";
import { tidyArticle } from "./tidy.js";
import { parseByline } from "../byline.js";
import { markChrome } from "../chrome.js";
import { isDateLine } from "../dates.js";

import { type Block, blocksOf } from "./text.js";

export interface BodyResult {
  paragraphs: string[];
  /** Which route produced the text. */
  via: "article" | "readability" | "jsonld" | "page" | "none";
}

/** Extracts the body paragraphs from a parsed document (mutates it). */
export function extractBody(document: Document, hints: { title?: string | string[]; standfirst?: string; jsonldBody?: string }): BodyResult {
  const body = document.body ?? document.documentElement;
  if (!body) return { paragraphs: [], via: "none" };
  removeChrome(body);
  // the article's container: marked by the page or holding most of its paragraphs, else the best-scoring block
  const marked = pruneToArticle(body) ?? scoredContainer(body);
  let paras: string[] = [];
  let via: BodyResult["via"] = "article";
  // the article's container is known: tidy it in one walk (no Readability needed)
  if (marked) {
    tidyArticle(marked);
    paras = filterBlocks(blocksOf(marked), hints.title, hints.standfirst);
  }
  // otherwise Readability finds it; it slows down more than linearly on huge trees, and past
  // the cap the page-wide paragraph text (the fallback below) is used, so no page can stall the run
  if (paras.length === 0 && countElements(body, MAX_READABILITY_ELEMENTS) < MAX_READABILITY_ELEMENTS) {
    via = "readability";
    let article: ReturnType<Readability<Element>["parse"]> = null;
    try {
      article = new LinkedomReadability(document).parse();
    } catch {
      article = null;
    }
    if (article?.content) paras = filterBlocks(blocksOf(article.content), hints.title, hints.standfirst);
  }
  const jsonld = hints.jsonldBody?.trim();
  if (jsonld && jsonld.length > 200) {
    const got = paras.join(" ").length;
    // the reader found much less than the publisher's own articleBody: trust the publisher.
    if (got < jsonld.length * 0.6) {
      paras = splitPlain(jsonld);
      via = "jsonld";
    }
  }
  if (paras.length === 0 && body) {
    paras = filterBlocks(blocksOf(body), hints.title).filter((p) => p.length > 80 || (p.length > 30 && /[.!?"”’]$/.test(p)));
    via = paras.length ? "page" : "none";
  }
  return { paragraphs: paras, via };
}

const MAX_READABILITY_ELEMENTS = 20000;

/** Counts elements under `root`, stopping at `cap`. */
function countElements(root: Element, cap: number): number {
  let n = 0;
  const walk = (el: Element): boolean => {
    for (let c = el.firstElementChild; c; c = c.nextElementSibling) {
      if (++n >= cap || walk(c)) return true;
    }
    return false;
  };
  walk(root);
  return n;
}

function splitPlain(text: string): string[] {
  return text
    .split(/\n\s*\n|\r?\n/)
    .map((p) => p.replace(/\s+/g, " ").trim())
    .filter(Boolean);
}

/** Drops blocks that are chrome: known phrases, link lists, and a repeat of the headline. */
export function filterBlocks(blocks: Block[], title?: string | string[], standfirst?: string): string[] {
  const titles = new Set<string>();
  for (const x of ([] as string[]).concat(title ?? [])) {
    const t = x.replace(/\s+/g, " ").trim().toLowerCase();
    titles.add(t);
    // "September 2018 open thread | The GiveWell Blog": the part before the site name
    const cut = t.split(/\s[|–—-]\s|\s::\s/)[0]!;
    if (cut.length > 10) titles.add(cut);
  }
  const sf = standfirst?.replace(/\s+/g, " ").trim().toLowerCase();
  const out: string[] = [];
  const { keep } = markChrome(blocks.map((b) => b.text));
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i]!;
    const text = b.text;
    if (!keep[i]) continue;
    if (b.linkShare > 0.8 && text.length < 200) continue;
    if (titles.has(text.toLowerCase())) continue;
    // a byline or dateline left in the body: "By Justine Coleman - 11/18/19 11:04 PM EST"
    if (text.length < 120 && (isDateLine(text) || (/^by\s/i.test(text) && parseByline(text.split(/\s[-–—|]\s/)[0])))) continue;
    // the standfirst repeated at the top of the body
    if (sf && out.length < 2 && text.toLowerCase() === sf) continue;
    out.push(text);
  }
  return out;
}
