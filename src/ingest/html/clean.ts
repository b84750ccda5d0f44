// Boilerplate removal on the DOM, before Readability sees it: site chrome by tag, ARIA
// role, hidden state, and class/id names ("share-bar", "related-stories", "newsletter"),
// unless the element holds a large share of the page's text or names article text itself.
import { CHROME_CLASS, KEEP_CLASS, REMOVE_ROLES, REMOVE_TAGS } from "../model/patterns.js";

const STRUCTURAL = new Set(["HTML", "BODY", "MAIN", "ARTICLE"]);
const HIDDEN_STYLE = /(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)/i;

/**
 * The first descendant of `el` (document order) that `test` accepts, by a plain walk:
 * linkedom compiles a selector on every querySelector call, which costs more than the walk.
 */
function findDescendant(el: Element, test: (e: Element) => boolean): Element | null {
  for (let c = el.firstElementChild; c; c = c.nextElementSibling) {
    if (test(c)) return c;
    const hit = findDescendant(c, test);
    if (hit) return hit;
  }
  return null;
}

const isArticleBody = (el: Element) => el.getAttribute("itemprop") === "articleBody";
const isH1 = (el: Element) => el.tagName === "H1";
/** `blockquote[class*="tweet"], blockquote[class*="instagram"], blockquote[class*="embed"]` */
const EMBED_CLASS = /tweet|instagram|embed/;
const isEmbeddedQuote = (el: Element) => el.tagName === "BLOCKQUOTE" && EMBED_CLASS.test(el.getAttribute("class") ?? "");

function textLen(el: Element): number {
  return (el.textContent ?? "").replace(/\s+/g, " ").length;
}

/** Removes chrome elements from `root` in place; returns how many were removed. */
export function removeChrome(root: Element): number {
  const pageLen = textLen(root) || 1;
  let removed = 0;
  const visit = (el: Element) => {
    let c = el.firstElementChild;
    while (c) {
      const next = c.nextElementSibling;
      if (isChrome(c, pageLen)) {
        c.remove();
        removed++;
      } else {
        visit(c);
      }
      c = next;
    }
  };
  visit(root);
  return removed;
}

function isChrome(el: Element, pageLen: number): boolean {
  const tag = el.tagName;
  if (REMOVE_TAGS.has(tag)) return !holdsArticle(el, pageLen, 0.5);
  if (el.hasAttribute("hidden") || el.getAttribute("aria-hidden") === "true") return !holdsArticle(el, pageLen, 0.5);
  const style = el.getAttribute("style");
  if (style && HIDDEN_STYLE.test(style)) return !holdsArticle(el, pageLen, 0.5);
  const role = el.getAttribute("role");
  if (role && REMOVE_ROLES.has(role)) return !holdsArticle(el, pageLen, 0.5);
  if (STRUCTURAL.has(tag)) return false;
  const names = `${el.getAttribute("class") ?? ""} ${el.getAttribute("id") ?? ""}`;
  if (names.length > 1 && CHROME_CLASS.test(names) && !KEEP_CLASS.test(names)) {
    if (el.getAttribute("itemprop") === "articleBody") return false;
    // an embedded quote (a tweet, a post) inside a "widget" wrapper is part of the story
    const quote = findDescendant(el, isEmbeddedQuote);
    if (quote && textLen(quote) >= textLen(el) * 0.8) return false;
    return !holdsArticle(el, pageLen, 0.3);
  }
  return false;
}

/** An element that holds much of the page's text, or the marked article body, is not chrome. */
function holdsArticle(el: Element, pageLen: number, share: number): boolean {
  if (findDescendant(el, isArticleBody)) return true;
  return textLen(el) > pageLen * share;
}

/**
 * When the page marks its article (`[itemprop="articleBody"]`, a single `<article>`, `<main>`)
 * and that element holds most of the remaining text, everything outside it is dropped:
 * Readability then scores a much smaller tree (faster) with less chrome around (cleaner).
 */
export function pruneToArticle(root: Element): Element | null {
  const total = textLen(root);
  if (total < 500) return null;
  // marked bodies first, then <article>s, then <main>s, each in document order (one walk)
  const marked: Element[] = [];
  const articles: Element[] = [];
  const mains: Element[] = [];
  findDescendant(root, (el) => {
    if (isArticleBody(el)) marked.push(el);
    if (el.tagName === "ARTICLE") articles.push(el);
    else if (el.tagName === "MAIN") mains.push(el);
    return false;
  });
  const candidates = [...marked, ...articles, ...mains];
  for (const el of candidates) {
    const len = textLen(el);
    if (len < 500 || len < total * 0.55) continue;
    pruneAround(el, root);
    return el;
  }
  const dense = paragraphContainer(root);
  if (dense) pruneAround(dense, root);
  return dense;
}

/** Drops everything outside `el` up to `root`, except blocks holding an <h1> (the title). */
function pruneAround(el: Element, root: Element): void {
  for (let node: Element = el; node !== root && node.parentElement; node = node.parentElement) {
    const parent = node.parentElement;
    for (let s = parent.firstElementChild; s; ) {
      const next = s.nextElementSibling;
      if (s !== node && s.tagName !== "H1" && !findDescendant(s, isH1)) s.remove();
      s = next;
    }
  }
}

/**
 * The element that holds nearly all the page's paragraph text (≥ 85% of the text of <p>s
 * over 80 characters), found bottom-up from the paragraphs; null when the text is spread out.
 */
function paragraphContainer(root: Element): Element | null {
  const paras = [...root.getElementsByTagName("p")];
  const weight = new Map<Element, number>();
  let total = 0;
  for (const p of paras) {
    const len = textLen(p);
    if (len < 80) continue;
    total += len;
    for (let a = p.parentElement, depth = 0; a && a !== root && depth < 6; a = a.parentElement, depth++)
      weight.set(a, (weight.get(a) ?? 0) + len);
  }
  if (total < 500) return null;
  // the deepest ancestor that still holds ≥ 85% of the paragraph text
  let best: Element | null = null;
  let bestDepth = -1;
  for (const [el, w] of weight) {
    if (w < total * 0.85) continue;
    let d = 0;
    for (let a = el.parentElement; a; a = a.parentElement) d++;
    if (d > bestDepth) {
      best = el;
      bestDepth = d;
    }
  }
  return best;
}
