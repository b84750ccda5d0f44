// Turns an element into clean paragraphs: block elements start a new paragraph,
// inline text runs together, whitespace collapses, and <br> breaks a line.

const BLOCK = new Set([
  "P", "DIV", "SECTION", "ARTICLE", "MAIN", "HEADER", "BLOCKQUOTE", "PRE", "LI", "UL", "OL", "DL", "DT", "DD",
  "H1", "H2", "H3", "H4", "H5", "H6", "TABLE", "TR", "TD", "TH", "TBODY", "THEAD", "FIGURE", "FIGCAPTION",
  "HR", "ADDRESS", "CENTER", "DETAILS", "SUMMARY", "FIELDSET", "HGROUP",
]);
const SKIP = new Set(["FIGCAPTION", "SCRIPT", "STYLE", "NOSCRIPT", "TEMPLATE", "SVG", "HEAD", "TITLE", "IFRAME", "BUTTON", "SELECT"]);
/**
 * Both spellings of each name, compared with `localName`: lower case from the HTML parser,
 * upper case where Readability made the element; linkedom's `tagName` upper-cases on every read.
 */
const bothCases = (names: Set<string>) => new Set([...names].flatMap((n) => [n, n.toLowerCase()]));
const BLOCK_NAMES = bothCases(BLOCK);
const SKIP_NAMES = bothCases(SKIP);

/** A paragraph of text and the tag of the block that held it. */
export interface Block {
  text: string;
  tag: string;
  /** Share of the text inside links, 0..1. */
  linkShare: number;
}

const WS = /[ \t\n\r\f\u00a0\u200b\u2009\u202f]+/g;

/** Collects the text blocks of an element in document order. */
export function blocksOf(root: Element): Block[] {
  const out: Block[] = [];
  let buf = "";
  let linkChars = 0;
  let tag = "P";
  const flush = () => {
    const text = buf.replace(/[ \t]*\n[ \t]*/g, "\n").replace(/[ \t]+/g, " ").trim();
    if (text) {
      const len = text.length;
      out.push({ text, tag, linkShare: Math.min(1, linkChars / len) });
    }
    buf = "";
    linkChars = 0;
  };
  const walk = (node: Node, inLink: boolean) => {
    for (let c = node.firstChild; c; c = c.nextSibling) {
      if (c.nodeType === 3) {
        const t = (c.nodeValue ?? "").replace(WS, " ");
        buf += t;
        if (inLink) linkChars += t.trim().length;
      } else if (c.nodeType === 1) {
        const el = c as Element;
        const name = el.localName;
        if (SKIP_NAMES.has(name)) continue;
        if (name === "br" || name === "BR") {
          buf += "\n";
          continue;
        }
        if (BLOCK_NAMES.has(name)) {
          flush();
          const prev = tag;
          tag = name.toUpperCase();
          walk(el, inLink);
          flush();
          tag = prev;
        } else {
          if (name === "img" || name === "IMG") continue;
          walk(el, inLink || name === "a" || name === "A");
        }
      }
    }
  };
  walk(root, false);
  flush();
  return out;
}

/** Normalizes free text to the body convention: paragraphs separated by one blank line. */
export function normalizeParagraphs(paras: string[]): string {
  return paras
    .map((p) => p.replace(/[ \t\u00a0]+/g, " ").replace(/ *\n */g, "\n").trim())
    .filter((p) => p.length > 0)
    .join("\n\n");
}
