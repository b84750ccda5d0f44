// Tidies the element the page marks as its article (found by clean.ts's pruneToArticle) in
// one bottom-up walk, instead of running Readability over it: every block's text length, link
// text, commas, paragraphs, images, list text and form fields are summed from its children
// (after their own removal), and a block is dropped when those figures say it is not prose:
// mostly links, a short linked snippet, more form fields than paragraphs, an author box, a
// heading named like chrome, or nothing but known ad/loading words.
import { TIDY } from "../model/patterns.js";

/** Figures of one element, summed over what is left of it. */
interface Stats {
  /** Characters of text, whitespace runs counted once. */
  text: number;
  /** Characters of that text inside links. */
  link: number;
  commas: number;
  p: number;
  img: number;
  input: number;
  /** Characters of text inside <ul>/<ol>. */
  list: number;
  /** Characters of text inside headings. */
  heading: number;
}

const zero = (): Stats => ({ text: 0, link: 0, commas: 0, p: 0, img: 0, input: 0, list: 0, heading: 0 });

/** Blocks judged by their figures (the ones that wrap other content). */
const JUDGED = new Set(["div", "section", "ul", "ol", "table", "form", "fieldset", "dl"]);
const HEADINGS = new Set(["h1", "h2", "h3", "h4", "h5", "h6"]);
const FIELDS = new Set(["input", "select", "textarea", "button"]);
/** Share of the article's text above which a block is kept whatever its figures. */
const MAX_SHARE = 0.4;

/** Visible length of a text node: trimmed, with a space for leading/trailing whitespace. */
function textLength(v: string): number {
  const t = v.trim().length;
  return t === 0 ? (v.length > 0 ? 1 : 0) : t + (t < v.length ? 1 : 0);
}

function countCommas(v: string): number {
  let n = 0;
  for (let i = v.indexOf(","); i >= 0; i = v.indexOf(",", i + 1)) n++;
  return n;
}

/** Class + id weight: −1 for a chrome-like name, +1 for an article-like one, 0 otherwise. */
function weight(el: Element): number {
  const names = `${el.getAttribute("class") ?? ""} ${el.getAttribute("id") ?? ""}`;
  if (names.length < 2) return 0;
  return (TIDY.positive.test(names) ? 1 : 0) - (TIDY.negative.test(names) ? 1 : 0);
}

/** An element naming its author ("byline", rel=author, itemprop=author) with little text. */
function isAuthorBox(el: Element, s: Stats): boolean {
  if (s.text >= 100) return false;
  const rel = el.getAttribute("rel");
  const prop = el.getAttribute("itemprop");
  if (rel === "author" || (prop && /\bauthor\b/.test(prop))) return true;
  const names = `${el.getAttribute("class") ?? ""} ${el.getAttribute("id") ?? ""}`;
  return names.length > 1 && TIDY.byline.test(names);
}

/** Whether a judged block's figures say it is not article prose. */
function notProse(tag: string, el: Element, s: Stats, textOf: () => string): boolean {
  const w = weight(el);
  if (w < 0) return true;
  if (s.commas >= 10) return false;
  const isList = tag === "ul" || tag === "ol" || (s.text > 0 && s.list / s.text > 0.9);
  const linkDensity = s.text ? s.link / s.text : 0;
  if (s.input > Math.floor(s.p / 3)) return true;
  if (!isList && w <= 0 && linkDensity > 0.2) return true;
  if (linkDensity > 0.5) return true;
  if (!isList && s.text < 25 && s.heading / (s.text || 1) < 0.9 && (s.img === 0 || s.img > 2) && linkDensity > 0) return true;
  if (s.text < 40 && TIDY.adWords.test(textOf().trim())) return true;
  return false;
}

/**
 * Removes the blocks of `root` (not `root` itself) that are not article prose; returns how
 * many were removed.
 */
export function tidyArticle(root: Element): number {
  let removed = 0;
  // a block holding a large share of the article is never dropped, whatever its name says
  const keepOver = (root.textContent ?? "").replace(/\s+/g, " ").length * MAX_SHARE;
  const walk = (el: Element, inLink: boolean, inList: boolean, inHeading: boolean): Stats => {
    const s = zero();
    for (let c = el.firstChild; c; ) {
      const next = c.nextSibling;
      if (c.nodeType === 3) {
        const v = c.nodeValue ?? "";
        const n = textLength(v);
        s.text += n;
        if (inLink) s.link += n;
        if (inList) s.list += n;
        if (inHeading) s.heading += n;
        s.commas += countCommas(v);
      } else if (c.nodeType === 1) {
        const child = c as Element;
        const tag = child.localName;
        const cs = walk(child, inLink || tag === "a", inList || tag === "ul" || tag === "ol", inHeading || HEADINGS.has(tag));
        if (tag === "p") cs.p++;
        else if (tag === "img") cs.img++;
        else if (FIELDS.has(tag)) cs.input++;
        let drop = isAuthorBox(child, cs) || (tag === "header" && cs.text < 500);
        if (!drop && (tag === "h1" || tag === "h2")) drop = weight(child) < 0;
        if (!drop && JUDGED.has(tag)) drop = notProse(tag, child, cs, () => child.textContent ?? "");
        if (drop && cs.text <= keepOver) {
          child.remove();
          removed++;
        } else {
          s.text += cs.text;
          s.link += cs.link;
          s.commas += cs.commas;
          s.p += cs.p;
          s.img += cs.img;
          s.input += cs.input;
          s.list += cs.list;
          s.heading += cs.heading;
        }
      }
      c = next;
    }
    return s;
  };
  walk(root, false, false, false);
  return removed;
}
