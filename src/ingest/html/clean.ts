// Boilerplate removal on the DOM, before Readability sees it: site chrome by tag, ARIA
// role, hidden state, and class/id names ("share-bar", "related-stories", "newsletter"),
// unless the element holds a large share of the page's text or names article text itself.
import { CHROME_CLASS, KEEP_CLASS, REMOVE_ROLES, REMOVE_TAGS } from "../model/patterns.js";

const STRUCTURAL = new Set(["html", "body", "main", "article"]);
/** Tags compared by `localName` (lower case from the parser): linkedom's `tagName` upper-cases on every read. */
const REMOVE_LOCAL = new Set([...REMOVE_TAGS].map((t) => t.toLowerCase()));
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
const isH1 = (el: Element) => el.localName === "h1";
/** `blockquote[class*="tweet"], blockquote[class*="instagram"], blockquote[class*="embed"]` */
const EMBED_CLASS = /tweet|instagram|embed/;
const isEmbeddedQuote = (el: Element) => el.localName === "blockquote" && EMBED_CLASS.test(el.getAttribute("class") ?? "");

/** True for the characters `\s` matches in a regular expression. */
function isSpace(c: number): boolean {
  return (
    c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 ||
    c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff
  );
}

/** A run of text: its length with whitespace runs counted once, and whether it starts/ends in whitespace. */
interface Run {
  len: number;
  lead: boolean;
  trail: boolean;
}

/**
 * The text length of every element under `root` (and of `root`), as
 * `el.textContent.replace(/\s+/g, " ").length` gives it, in one walk without building strings.
 */
function textLengths(root: Element): Map<Element, number> {
  const out = new Map<Element, number>();
  const join = (a: Run, b: Run) => {
    if (b.len === 0) return;
    if (a.len === 0) {
      a.len = b.len;
      a.lead = b.lead;
    } else a.len += b.len - (a.trail && b.lead ? 1 : 0);
    a.trail = b.trail;
  };
  const textRun = (v: string): Run => {
    let len = 0;
    let prevSpace = false;
    for (let i = 0; i < v.length; i++) {
      const space = isSpace(v.charCodeAt(i));
      if (!(space && prevSpace)) len++;
      prevSpace = space;
    }
    return { len, lead: len > 0 && isSpace(v.charCodeAt(0)), trail: prevSpace };
  };
  const walk = (el: Element): Run => {
    const r: Run = { len: 0, lead: false, trail: false };
    for (let c = el.firstChild; c; c = c.nextSibling) {
      if (c.nodeType === 3 || c.nodeType === 4) join(r, textRun(c.nodeValue ?? ""));
      else if (c.nodeType === 1) join(r, walk(c as Element));
    }
    out.set(el, r.len);
    return r;
  };
  walk(root);
  return out;
}

/** Removes chrome elements from `root` in place; returns how many were removed. */
export function removeChrome(root: Element): number {
  // lengths taken before any removal stay exact: an element is judged before anything inside it goes
  const lengths = textLengths(root);
  const textLen = (el: Element) => lengths.get(el) ?? 0;
  const pageLen = textLen(root) || 1;
  let removed = 0;
  const visit = (el: Element) => {
    let c = el.firstElementChild;
    while (c) {
      const next = c.nextElementSibling;
      if (isChrome(c, pageLen, textLen)) {
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

function isChrome(el: Element, pageLen: number, textLen: (el: Element) => number): boolean {
  const tag = el.localName;
  if (REMOVE_LOCAL.has(tag)) return !holdsArticle(el, pageLen, 0.5, textLen);
  if (el.hasAttribute("hidden") || el.getAttribute("aria-hidden") === "true") return !holdsArticle(el, pageLen, 0.5, textLen);
  const style = el.getAttribute("style");
  if (style && HIDDEN_STYLE.test(style)) return !holdsArticle(el, pageLen, 0.5, textLen);
  const role = el.getAttribute("role");
  if (role && REMOVE_ROLES.has(role)) return !holdsArticle(el, pageLen, 0.5, textLen);
  if (STRUCTURAL.has(tag)) return false;
  const names = `${el.getAttribute("class") ?? ""} ${el.getAttribute("id") ?? ""}`;
  if (names.length > 1 && CHROME_CLASS.test(names) && !KEEP_CLASS.test(names)) {
    if (el.getAttribute("itemprop") === "articleBody") return false;
    // an embedded quote (a tweet, a post) inside a "widget" wrapper is part of the story
    const quote = findDescendant(el, isEmbeddedQuote);
    if (quote && textLen(quote) >= textLen(el) * 0.8) return false;
    return !holdsArticle(el, pageLen, 0.3, textLen);
  }
  return false;
}

/** An element that holds much of the page's text, or the marked article body, is not chrome. */
function holdsArticle(el: Element, pageLen: number, share: number, textLen: (el: Element) => number): boolean {
  if (findDescendant(el, isArticleBody)) return true;
  return textLen(el) > pageLen * share;
}

/**
 * When the page marks its article (`[itemprop="articleBody"]`, a single `<article>`, `<main>`)
 * and that element holds most of the remaining text, everything outside it is dropped:
 * Readability then scores a much smaller tree (faster) with less chrome around (cleaner).
 */
export function pruneToArticle(root: Element): Element | null {
  const lengths = textLengths(root);
  const textLen = (el: Element) => lengths.get(el) ?? 0;
  const total = textLen(root);
  if (total < 500) return null;
  // marked bodies first, then <article>s, then <main>s, each in document order (one walk)
  const marked: Element[] = [];
  const articles: Element[] = [];
  const mains: Element[] = [];
  findDescendant(root, (el) => {
    if (isArticleBody(el)) marked.push(el);
    if (el.localName === "article") articles.push(el);
    else if (el.localName === "main") mains.push(el);
    return false;
  });
  const candidates = [...marked, ...articles, ...mains];
  for (const el of candidates) {
    const len = textLen(el);
    if (len < 500 || len < total * 0.55) continue;
    pruneAround(el, root);
    return el;
  }
  const dense = paragraphContainer(root, textLen);
  if (dense) pruneAround(dense, root);
  return dense;
}

/** Drops everything outside `el` up to `root`, except blocks holding an <h1> (the title). */
function pruneAround(el: Element, root: Element): void {
  for (let node: Element = el; node !== root && node.parentElement; node = node.parentElement) {
    const parent = node.parentElement;
    for (let s = parent.firstElementChild; s; ) {
      const next = s.nextElementSibling;
      if (s !== node && s.localName !== "h1" && !findDescendant(s, isH1)) s.remove();
      s = next;
    }
  }
}

/**
 * The element that holds nearly all the page's paragraph text (≥ 85% of the text of <p>s
 * over 80 characters), found bottom-up from the paragraphs; null when the text is spread out.
 */
function paragraphContainer(root: Element, textLen: (el: Element) => number): Element | null {
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

/**
 * The element whose paragraphs score highest (each <p> or <pre> of 25+ characters scores
 * 1 + its commas + one per 100 characters up to 3, all to its parent and half to its
 * grandparent), widened to the ancestor holding at least 60% of the scored paragraphs' text
 * (an article split over sibling blocks); null when no paragraph scores.
 */
export function scoredContainer(root: Element): Element | null {
  const score = new Map<Element, number>();
  const held = new Map<Element, number>();
  let total = 0;
  for (const tag of ["p", "pre"]) {
    for (const p of root.getElementsByTagName(tag)) {
      const text = (p.textContent ?? "").replace(/\s+/g, " ").trim();
      if (text.length < 25) continue;
      const s = 1 + (text.match(/,/g)?.length ?? 0) + Math.min(Math.floor(text.length / 100), 3);
      const parent = p.parentElement;
      if (!parent) continue;
      score.set(parent, (score.get(parent) ?? 0) + s);
      const grand = parent.parentElement;
      if (grand) score.set(grand, (score.get(grand) ?? 0) + s / 2);
      total += text.length;
      for (let a: Element | null = parent; a; a = a === root ? null : a.parentElement) held.set(a, (held.get(a) ?? 0) + text.length);
    }
  }
  let best: Element | null = null;
  let bestScore = 0;
  for (const [el, s] of score) {
    if (s > bestScore) {
      best = el;
      bestScore = s;
    }
  }
  while (best && best !== root && (held.get(best) ?? 0) < total * 0.6) best = best.parentElement;
  return best === root ? null : best;
}
