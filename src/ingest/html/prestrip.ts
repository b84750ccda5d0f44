// String-level pass before parsing: takes out the JSON-LD blocks (kept for metadata) and
// drops scripts, styles, comments, inline SVG and whole chrome elements (<nav>, <footer>,
// <aside>, <form>), which are most of a typical news page's bytes and none of its text.
// linkedom allocates a good deal per node, so parsing less is the main speed lever.

const JSONLD = /<script\b[^>]*type\s*=\s*["']?application\/ld\+json["']?[^>]*>([\s\S]*?)<\/script\s*>/gi;
/** Elements dropped with their content; an unclosed one runs to the end, as in a browser. */
const RAW_TAGS = ["script", "style", "svg", "noscript", "template", "iframe", "select", "button", "textarea"];
/** Chrome elements dropped whole, nesting respected. */
const CHROME_TAGS = ["nav", "footer", "aside"];
/** Block-level tags: whitespace right after or right before one is no text (`</p>\n   <div>`, `</a>\n</li>`). */
const BLOCKS = "div|p|section|article|ul|ol|li|table|tr|td|th|tbody|thead|h[1-6]|header|main|figure|figcaption|meta|link|head|body|html|hr|picture|source|title";
const BLOCK_GAP = new RegExp(`(<\\/?(?:${BLOCKS})\\b[^>]*>)\\s+(?=<)|\\s+(?=<\\/?(?:${BLOCKS})\\b)`, "gi");

/** Start tags with attributes; every attribute becomes a DOM node, so only useful ones stay. */
const START_TAG = /<([a-zA-Z][\w:-]*)(\s[^<>]*?)(\/?)>/g;
const ATTR = /([^\s=/"'<>]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s>"']+))?/g;
/** The attributes the readers look at (chrome names, hidden state, metadata, the standfirst mark). */
const KEEP_ATTRS = new Set([
  "class", "id", "role", "hidden", "aria-hidden", "style", "itemprop", "lang", "content", "name",
  "property", "charset", "http-equiv", "datetime", "rel", "data-testid",
]);
/** A link's target only matters when it is an in-page anchor (Readability weighs those less). */
const HASH_HREF = /^["']?#/;
/** A `<link>` other than the canonical URL (stylesheets, preloads, icons) is dropped. */
const CANONICAL = /\brel\s*=\s*["']?canonical\b/i;

function keepAttrs(_m: string, tag: string, attrs: string, selfClose: string): string {
  const lower = tag.toLowerCase();
  if (lower === "link") return CANONICAL.test(attrs) ? `<link${attrs}${selfClose}>` : "";
  let kept = "";
  for (const a of attrs.matchAll(ATTR)) {
    const name = a[1]!.toLowerCase();
    if (KEEP_ATTRS.has(name) || (name === "href" && lower === "a" && HASH_HREF.test(a[2] ?? "")) || (name === "value" && lower === "meta")) kept += ` ${a[0]}`;
  }
  return `<${tag}${kept}${selfClose}>`;
}

/** Returns the HTML without scripts/styles/comments/chrome and the raw JSON-LD texts found in it. */
export function prestrip(html: string): { html: string; jsonld: string[] } {
  const jsonld: string[] = [];
  for (const m of html.matchAll(JSONLD)) jsonld.push(m[1]!);
  let out = dropRaw(html);
  out = dropElements(out, CHROME_TAGS);
  out = out.replace(BLOCK_GAP, "$1").replace(START_TAG, keepAttrs);
  return { html: out, jsonld };
}

/**
 * Removes comments and RAW_TAGS elements in one linear scan (a lazy regex would rescan to
 * the end of the page for every unclosed `<script`).
 */
function dropRaw(html: string): string {
  const lower = html.toLowerCase();
  const start = new RegExp(`<!--|<(${RAW_TAGS.join("|")})[\\s/>]`, "g");
  let out = "";
  let pos = 0;
  for (let m = start.exec(lower); m; m = start.exec(lower)) {
    const close = m[1] ? `</${m[1]}` : "-->";
    const c = lower.indexOf(close, m.index + m[0].length);
    out += `${html.slice(pos, m.index)} `;
    if (c < 0) return out;
    const end = m[1] ? lower.indexOf(">", c) : c + 2;
    if (end < 0) return out;
    pos = end + 1;
    start.lastIndex = pos;
  }
  return out + html.slice(pos);
}

/** Removes every element of the given tags, nesting respected; an unclosed one is kept. */
function dropElements(html: string, tags: string[]): string {
  const lower = html.toLowerCase();
  const opener = new RegExp(`<(${tags.join("|")})[\\s/>]`, "g");
  let out = "";
  let pos = 0;
  for (let m = opener.exec(lower); m; m = opener.exec(lower)) {
    const tag = m[1]!;
    const end = closeOf(lower, tag, m.index + tag.length + 1);
    // unclosed: keep it (and stop looking, or every later opener would rescan to the end)
    if (end < 0) break;
    out += `${html.slice(pos, m.index)} `;
    pos = end;
    opener.lastIndex = end;
  }
  return pos === 0 ? html : out + html.slice(pos);
}

/** Index just past the `</tag>` closing the element opened before `from`; -1 if none. */
function closeOf(lower: string, tag: string, from: number): number {
  const open = `<${tag}`;
  const close = `</${tag}`;
  let depth = 1;
  let i = from;
  while (depth > 0) {
    const o = findOpen(lower, open, i);
    const c = lower.indexOf(close, i);
    if (c < 0) return -1;
    if (o >= 0 && o < c) {
      depth++;
      i = o + open.length;
    } else {
      depth--;
      i = c + close.length;
    }
  }
  const gt = lower.indexOf(">", i);
  return gt < 0 ? -1 : gt + 1;
}

/** Index of `<tag` followed by a tag-name boundary, so "<nav" does not match "<navbar". */
function findOpen(lower: string, open: string, from: number): number {
  for (;;) {
    const i = lower.indexOf(open, from);
    if (i < 0) return -1;
    const ch = lower.charCodeAt(i + open.length);
    if (ch === 62 || ch === 32 || ch === 47 || ch === 9 || ch === 10 || ch === 13) return i;
    from = i + open.length;
  }
}
