// String-level pass before parsing: takes out the JSON-LD blocks (kept for metadata) and
// drops scripts, styles, comments, inline SVG and whole chrome elements (<nav>, <footer>,
// <aside>, <form>), which are most of a typical news page's bytes and none of its text.
// linkedom allocates a good deal per node, so parsing less is the main speed lever.
import { META_KEYS } from "./meta.js";

/** Elements dropped with their content; an unclosed one runs to the end, as in a browser. */
const RAW_TAGS = ["script", "style", "svg", "noscript", "template", "iframe", "select", "button", "textarea"];
/** Chrome elements dropped whole, nesting respected. */
const CHROME_TAGS = ["nav", "footer", "aside"];
/** Block-level tags: whitespace right after or right before one is no text (`</p>\n   <div>`, `</a>\n</li>`). */
const BLOCKS = "div|p|section|article|ul|ol|li|table|tr|td|th|tbody|thead|h[1-6]|header|main|figure|figcaption|meta|link|head|body|html|hr|picture|source|title";
const BLOCK_GAP = new RegExp(`(<\\/?(?:${BLOCKS})\\b[^>]*>)\\s+(?=<)|(>)\\s+(?=<\\/?(?:${BLOCKS})\\b)`, "gi");

/** Start tags with attributes; every attribute becomes a DOM node, so only useful ones stay. */
const START_TAG = /<([a-zA-Z][\w:-]*)(\s[^<>]*?)(\/?)>/g;
const ATTR = /([^\s=/"'<>]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s>"']+))?/g;
/** The attributes the readers look at (chrome names, hidden state, metadata, the standfirst mark). */
const KEEP_ATTRS = new Set([
  "class", "id", "role", "hidden", "aria-hidden", "style", "itemprop", "lang", "content", "name",
  "property", "charset", "http-equiv", "datetime", "rel", "data-testid",
]);
/** The attributes that name a <meta>, and the names html/meta.ts reads. */
const META_KEY_ATTRS = new Set(["property", "name", "itemprop", "http-equiv"]);

/** A link's target only matters when it is an in-page anchor (Readability weighs those less). */
const HASH_HREF = /^["']?#/;
/** A `<link>` other than the canonical URL (stylesheets, preloads, icons) is dropped. */
const CANONICAL = /\brel\s*=\s*["']?canonical\b/i;

function keepAttrs(m: string, tag: string, attrs: string, selfClose: string): string {
  const lower = tag.toLowerCase();
  if (lower === "link") return CANONICAL.test(attrs) ? `<link${attrs}${selfClose}>` : "";
  const isMeta = lower === "meta";
  let read = false;
  let kept = "";
  let all = true;
  ATTR.lastIndex = 0;
  for (let a = ATTR.exec(attrs); a; a = ATTR.exec(attrs)) {
    const raw = a[1]!;
    const name = KEEP_ATTRS.has(raw) ? raw : raw.toLowerCase();
    if (KEEP_ATTRS.has(name) || (name === "href" && lower === "a" && HASH_HREF.test(a[2] ?? "")) || (name === "value" && isMeta)) {
      kept += ` ${a[0]}`;
      if (isMeta && !read) read = name === "charset" || (META_KEY_ATTRS.has(name) && META_KEYS.test((a[2] ?? "").replace(/^["']|["']$/g, "")));
    } else all = false;
  }
  // a <meta> no reader looks at (viewport, twitter:*, fb:*, verification codes) is dropped
  if (isMeta && !read) return "";
  // nothing dropped: the tag as it was (saves building a copy)
  return all ? m : `<${tag}${kept}${selfClose}>`;
}

/** Returns the HTML without scripts/styles/comments/chrome and the raw JSON-LD texts found in it. */
export function prestrip(html: string): { html: string; jsonld: string[] } {
  const jsonld: string[] = [];
  let out = dropRaw(html, jsonld);
  out = dropElements(out, CHROME_TAGS);
  out = out.replace(BLOCK_GAP, "$1$2").replace(START_TAG, keepAttrs);
  return { html: out, jsonld };
}

const RAW_OPEN = new RegExp(`<!--|<(${RAW_TAGS.join("|")})[\\s/>]`, "gi");
const RAW_CLOSE = new Map(RAW_TAGS.map((t) => [t, new RegExp(`</${t}`, "gi")]));
const JSONLD_TYPE = /\btype\s*=\s*["']?application\/ld\+json/i;

/**
 * Removes comments and RAW_TAGS elements in one linear scan (a lazy regex would rescan to
 * the end of the page for every unclosed `<script`), keeping the text of JSON-LD scripts.
 * Case-insensitive patterns, not a lower-cased copy of the page: that copy cost more than the scan.
 */
function dropRaw(html: string, jsonld: string[]): string {
  const start = RAW_OPEN;
  start.lastIndex = 0;
  const parts: string[] = [];
  let pos = 0;
  for (let m = start.exec(html); m; m = start.exec(html)) {
    parts.push(html.slice(pos, m.index), " ");
    let c: number;
    let end: number;
    if (m[1]) {
      const tag = m[1].toLowerCase();
      const close = RAW_CLOSE.get(tag)!;
      close.lastIndex = m.index + m[0].length;
      c = close.exec(html)?.index ?? -1;
      if (c < 0) return parts.join("");
      if (tag === "script") {
        const gt = html.indexOf(">", m.index);
        if (gt >= 0 && gt < c && JSONLD_TYPE.test(html.slice(m.index, gt))) jsonld.push(html.slice(gt + 1, c));
      }
      end = html.indexOf(">", c);
    } else {
      c = html.indexOf("-->", m.index + 4);
      if (c < 0) return parts.join("");
      end = c + 2;
    }
    if (end < 0) return parts.join("");
    pos = end + 1;
    start.lastIndex = pos;
  }
  parts.push(html.slice(pos));
  return parts.join("");
}

const tagToken = new Map<string, RegExp>();
/** `<tag` or `</tag` followed by a tag-name boundary ("<nav" does not match "<navbar"). */
function tokenOf(tags: string): RegExp {
  let re = tagToken.get(tags);
  if (!re) tagToken.set(tags, (re = new RegExp(`<(/?)(${tags})(?=[\\s/>])`, "gi")));
  return re;
}

/** Removes every element of the given tags, nesting respected; an unclosed one is kept. */
function dropElements(html: string, tags: string[]): string {
  const opener = tokenOf(tags.join("|"));
  opener.lastIndex = 0;
  const parts: string[] = [];
  let pos = 0;
  for (let m = opener.exec(html); m; m = opener.exec(html)) {
    if (m[1]) continue;
    const end = closeOf(html, m[2]!.toLowerCase(), opener.lastIndex);
    // unclosed: keep it (and stop looking, or every later opener would rescan to the end)
    if (end < 0) break;
    parts.push(html.slice(pos, m.index), " ");
    pos = end;
    opener.lastIndex = end;
  }
  if (pos === 0) return html;
  parts.push(html.slice(pos));
  return parts.join("");
}

/** Index just past the `</tag>` closing the element opened before `from`; -1 if none. */
function closeOf(html: string, tag: string, from: number): number {
  const token = tokenOf(tag);
  token.lastIndex = from;
  let depth = 1;
  for (let m = token.exec(html); m; m = token.exec(html)) {
    depth += m[1] ? -1 : 1;
    if (depth === 0) {
      const gt = html.indexOf(">", token.lastIndex);
      return gt < 0 ? -1 : gt + 1;
    }
  }
  return -1;
}
