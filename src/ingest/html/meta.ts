// Page metadata, read before the body is cleaned: JSON-LD (NewsArticle and kin), Open
// Graph / article:* meta tags, <time datetime>, byline elements, figure captions.
import type { Caption } from "../../types/index.js";
import { parseByline } from "../byline.js";
import { parseDate } from "../dates.js";
import { matchCaptionCredit, STANDFIRST_CLASS } from "../model/patterns.js";

export interface PageMeta {
  title?: string;
  standfirst?: string;
  /** True when the standfirst came from its own element, not from a description tag. */
  standfirstMarked?: boolean;
  byline?: string;
  publishedAt?: string;
  /** The date text the page gives, kept when it could not be parsed. */
  dateUnparsed?: string;
  outlet?: string;
  language?: string;
  url?: string;
  captions: Caption[];
  jsonldBody?: string;
  /** Every form of the headline the page gives (JSON-LD, og:title, h1, <title>). */
  titles: string[];
}

/** The <meta> names read below (property, name, itemprop or http-equiv); prestrip.ts drops the others. */
export const META_KEYS =
  /^(?:og:(?:title|description|site_name|url|locale)|article:(?:author|published_time)|description|author|pubdate|publishdate|date|application-name|datepublished|content-language)$/i;

type Obj = Record<string, unknown>;

/** Article-like objects inside JSON-LD texts (follows @graph and arrays). */
function jsonldArticles(raws: string[]): Obj[] {
  const out: Obj[] = [];
  const walk = (v: unknown) => {
    if (!v || typeof v !== "object") return;
    if (Array.isArray(v)) return v.forEach(walk);
    const o = v as Obj;
    const type = ([] as unknown[]).concat(o["@type"] ?? []).join(" ");
    if (/Article|Posting|Report|NewsArticle|BlogPosting|WebPage/i.test(type)) out.push(o);
    if (o["@graph"]) walk(o["@graph"]);
    if (o.mainEntity) walk(o.mainEntity);
  };
  for (const raw of raws) {
    try {
      walk(JSON.parse(raw.trim()));
    } catch {
      // a broken JSON-LD block is common and harmless: the other sources remain
    }
  }
  // prefer real articles over WebPage
  return out.sort((a, b) => Number(/Article|Posting/.test(String(b["@type"]))) - Number(/Article|Posting/.test(String(a["@type"]))));
}

const NAMED: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " ", rsquo: "’", lsquo: "‘", rdquo: "”", ldquo: "“", ndash: "–", mdash: "—", hellip: "…", pound: "£", euro: "€" };

/** Decodes entities left in attribute values and JSON-LD ("&#8216;The Medium&#8217;"). */
export function decodeEntities(s: string): string {
  return s.replace(/&(?:#(\d{1,7})|#x([0-9a-f]{1,6})|([a-z]{2,8}));/gi, (m, dec, hex, name) => {
    const code = dec ? Number(dec) : hex ? Number.parseInt(hex, 16) : undefined;
    if (code !== undefined) return code > 0 && code < 0x110000 ? String.fromCodePoint(code) : m;
    return NAMED[String(name).toLowerCase()] ?? m;
  });
}

const str = (v: unknown): string | undefined => {
  if (typeof v !== "string") return undefined;
  const t = decodeEntities(v).replace(/\s+/g, " ").trim();
  return t || undefined;
};
function nameOf(v: unknown): string | undefined {
  if (typeof v === "string") return str(v);
  if (Array.isArray(v)) {
    const names = v.map(nameOf).filter(Boolean) as string[];
    return names.length ? names.join(" and ") : undefined;
  }
  if (v && typeof v === "object") return str((v as Obj).name);
  return undefined;
}

/** The elements metadata is read from, found in one walk (linkedom's querySelector walks per call). */
interface PageMarks {
  h1?: Element;
  standfirst?: Element;
  byline?: Element;
  timeWithDatetime?: Element;
  time?: Element;
  canonical?: Element;
  figcaptions: Element[];
}

function scanPage(root: Element): PageMarks {
  const marks: PageMarks = { figcaptions: [] };
  const walk = (el: Element) => {
    for (let c = el.firstElementChild; c; c = c.nextElementSibling) {
      const tag = c.localName;
      if (tag === "h1") marks.h1 ??= c;
      else if (tag === "time") {
        marks.time ??= c;
        if (c.hasAttribute("datetime")) marks.timeWithDatetime ??= c;
      } else if (tag === "figcaption") marks.figcaptions.push(c);
      else if (tag === "link" && c.getAttribute("rel") === "canonical") marks.canonical ??= c;
      const cls = c.getAttribute("class");
      if (!marks.standfirst && ((cls && STANDFIRST_CLASS.test(cls)) || c.getAttribute("data-testid") === "standfirst")) marks.standfirst = c;
      if (!marks.byline && (c.getAttribute("rel") === "author" || c.getAttribute("itemprop") === "author" || (cls && /byline/i.test(cls))))
        marks.byline = c;
      walk(c);
    }
  };
  walk(root);
  return marks;
}

/** Reads the page's metadata from its head and marked-up elements. */
export function readPageMeta(document: Document, jsonld: string[]): PageMeta {
  // every <meta> read once, keyed "property=og:title", "name=author", … (one walk, not one per key)
  const metas = new Map<string, string>();
  for (const el of document.getElementsByTagName("meta")) {
    const content = el.getAttribute("content");
    if (!content) continue;
    for (const attr of ["property", "name", "itemprop", "http-equiv"]) {
      const v = el.getAttribute(attr);
      const key = `${attr}=${v?.toLowerCase()}`;
      if (v && !metas.has(key)) metas.set(key, content);
    }
  }
  const meta = (sel: string) => {
    const m = /^meta\[([\w-]+)="([^"]+)"(?: i)?\]$/.exec(sel);
    return str(m ? metas.get(`${m[1]}=${m[2]!.toLowerCase()}`) : document.querySelector(sel)?.getAttribute("content"));
  };
  const ld = jsonldArticles(jsonld)[0] ?? {};
  const m: PageMeta = { captions: [], titles: [] };
  const marks = scanPage(document.documentElement ?? (document as unknown as Element));
  const h1 = str(marks.h1?.textContent);
  m.title = str(ld.headline) ?? meta('meta[property="og:title"]') ?? h1 ?? str(document.title);
  if (h1 && m.title && h1.length > 10 && m.title.startsWith(h1)) m.title = h1;
  m.titles = [str(ld.headline), meta('meta[property="og:title"]'), h1, str(document.title), m.title].filter((x): x is string => !!x);
  const sfEl = str(marks.standfirst?.textContent);
  if (sfEl && sfEl.length > 20 && sfEl.length < 400) {
    m.standfirst = sfEl;
    m.standfirstMarked = true;
  } else m.standfirst = meta('meta[property="og:description"]') ?? meta('meta[name="description"]') ?? str(ld.description);
  const author =
    nameOf(ld.author) ??
    meta('meta[name="author"]') ??
    meta('meta[property="article:author"]') ??
    str(marks.byline?.textContent);
  m.byline = parseByline(author) ?? (author && !/^https?:/.test(author) && author.length < 80 ? author.replace(/^by\s+/i, "") : undefined);
  const dateText =
    str(ld.datePublished) ??
    meta('meta[property="article:published_time"]') ??
    meta('meta[name="pubdate"]') ??
    meta('meta[name="publishdate"]') ??
    meta('meta[name="date"]') ??
    meta('meta[itemprop="datePublished"]') ??
    str(marks.timeWithDatetime?.getAttribute("datetime")) ??
    str(marks.time?.textContent);
  m.publishedAt = parseDate(dateText);
  if (dateText && !m.publishedAt) m.dateUnparsed = dateText.slice(0, 80);
  m.outlet = meta('meta[property="og:site_name"]') ?? nameOf(ld.publisher) ?? meta('meta[name="application-name"]');
  // "https://www.hawaiinewsnow.com" as a site name: keep the host
  if (m.outlet && /^https?:\/\//i.test(m.outlet)) m.outlet = m.outlet.replace(/^https?:\/\/(?:www\.)?/i, "").replace(/\/.*$/, "");
  m.language =
    str(document.documentElement?.getAttribute("lang")) ??
    meta('meta[http-equiv="content-language" i]') ??
    meta('meta[property="og:locale"]') ??
    str(ld.inLanguage);
  m.url = str(marks.canonical?.getAttribute("href")) ?? meta('meta[property="og:url"]');
  m.jsonldBody = str(ld.articleBody);
  for (const fc of marks.figcaptions) {
    const text = fc.textContent?.replace(/\s+/g, " ").trim();
    if (!text) continue;
    const creditEl = fc.querySelector('[class*="credit"], [class*="copyright"], [itemprop="copyrightHolder"]');
    const credit = creditEl?.textContent?.replace(/\s+/g, " ").trim();
    if (credit) {
      m.captions.push({ text: text.replace(credit, "").trim(), credit: credit.replace(/^(?:photo(?:graph)?|image|credit)s?:\s*/i, "") });
      continue;
    }
    const c = matchCaptionCredit(text);
    m.captions.push(c ? { text: text.slice(0, c.index).trim(), credit: c.credit } : { text });
  }
  return m;
}
