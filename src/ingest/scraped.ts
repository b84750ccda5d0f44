// Plain text scraped from a news page, site chrome and all (like the seed file): finds the
// headline, standfirst, byline, dateline, photo captions and credit lines, cuts the
// notification prompts, donation appeal, comment widget and registration messages, and
// keeps the article's paragraphs. Rules only; the phrase lists live in model/boilerplate.json.
import type { Caption } from "../types/index.js";
import { parseByline } from "./byline.js";
import { isDateLine, parseDate } from "./dates.js";
import { markChrome } from "./chrome.js";
import { CREDIT_LINES, matchCaptionCredit, matchesAny } from "./model/patterns.js";
import { outletFromText } from "./outlet.js";

export interface TextParts {
  title?: string;
  standfirst?: string;
  byline?: string;
  publishedAt?: string;
  outlet?: string;
  paragraphs: string[];
  captions: Caption[];
  credits: string[];
}

/** A line that reads like running prose: long, or a full sentence. */
export const isProse = (s: string) => s.length >= 150 || (s.length >= 60 && /[.!?"”’)]$/.test(s));
const isHeadingLike = (s: string) => s.length <= 250 && !/[.!?:;,]$/.test(s);

/** Splits a caption line from its trailing credit: "… drive out Isis (Reuters)". */
export function splitCaption(line: string): Caption | undefined {
  if (line.length > 400) return undefined;
  const m = matchCaptionCredit(line);
  if (!m) return undefined;
  return { text: line.slice(0, m.index).replace(/[.\s]+$/, "").trim() || line.slice(0, m.index).trim(), credit: m.credit };
}

/**
 * Reads scraped page text into article parts.
 * @param known metadata the caller already has (e.g. a JSON Lines record's title)
 */
export function parseScrapedText(text: string, known: { title?: string } = {}): TextParts {
  const lines = (text.includes("\r") ? text.replace(/\r\n?/g, "\n") : text)
    .split("\n")
    // runs of blanks become one space (a lone space, the common case, is left as it is; a line with
    // no tab, no-break space or double space has nothing to replace)
    .map((l) => (l.includes("  ") || l.includes("\t") || l.includes("\u00a0") ? l.replace(/[\t\u00a0][ \t\u00a0]*| [ \t\u00a0]+/g, " ") : l).trim())
    .filter(Boolean);
  const { keep, chrome } = markChrome(lines);
  const units = lines.filter((_, i) => keep[i]);
  const out: TextParts = { paragraphs: [], captions: [], credits: [] };
  out.outlet = outletFromText(chrome);
  // 4. header zone: dateline, byline, captions before the first prose paragraph
  const firstProse = units.findIndex(isProse);
  const headerEnd = firstProse < 0 ? Math.min(units.length, 8) : firstProse;
  let dateIdx = -1;
  let bylineIdx = -1;
  for (let i = 0; i < headerEnd; i++) {
    const u = units[i]!;
    if (dateIdx < 0 && isDateLine(u)) {
      dateIdx = i;
      out.publishedAt = parseDate(u);
    }
  }
  for (let i = 0; i < headerEnd; i++) {
    const u = units[i]!;
    const near = dateIdx >= 0 && Math.abs(i - dateIdx) <= 2;
    if (i !== dateIdx && (near || /^by\s/i.test(u)) && parseByline(u)) {
      bylineIdx = i;
      out.byline = parseByline(u);
      break;
    }
  }
  const consumed = new Set<number>([dateIdx, bylineIdx]);
  // captions: "X" then "X (Reuters)", or a lone "… (AFP/Getty Images)"
  for (let i = 0; i < units.length; i++) {
    const cap = splitCaption(units[i]!);
    if (!cap?.text || (i >= headerEnd && isProse(units[i]!) && units[i]!.length > 200)) continue;
    out.captions.push(cap);
    consumed.add(i);
    if (i > 0 && units[i - 1] === cap.text) consumed.add(i - 1);
  }
  // 5. headline and standfirst: the heading-like lines of the header zone, in order,
  // skipping short section labels ("World news") and lines already read as metadata
  const hasMeta = dateIdx >= 0 || bylineIdx >= 0;
  // without a dateline or byline, a header exists only as one heading line over prose
  const header = hasMeta ? headerEnd : firstProse === 1 && isHeadingLike(units[0]!) ? 1 : 0;
  const headings: number[] = [];
  for (let i = 0; i < header; i++) {
    if (consumed.has(i)) continue;
    consumed.add(i);
    const u = units[i]!;
    if (known.title && u === known.title) continue;
    if (!isHeadingLike(u) && !isProse(u)) continue;
    if (u.split(/\s+/).length <= 3 && (hasMeta || header > 1) && headings.length === 0 && i + 1 < header) continue;
    headings.push(i);
  }
  if (!known.title && headings.length > 0) out.title = units[headings.shift()!];
  if (headings.length > 0 && hasMeta) out.standfirst = headings.map((i) => units[i]!).join(" ");
  // 6. body: the rest, with credit lines taken out as metadata
  for (let i = header; i < units.length; i++) {
    if (consumed.has(i)) continue;
    const u = units[i]!;
    if (u.length < 200 && matchesAny(CREDIT_LINES, u)) {
      out.credits.push(u.replace(/^\(|\)$/g, ""));
      continue;
    }
    out.paragraphs.push(u);
  }
  // a tail of short non-sentences after the last paragraph is a tag list or widget
  while (out.paragraphs.length > 1) {
    const last = out.paragraphs[out.paragraphs.length - 1]!;
    if (last.length >= 60 || /[.!?"”’)]$/.test(last)) break;
    out.paragraphs.pop();
  }
  // nothing read as prose: keep every line rather than lose the text
  if (out.paragraphs.length === 0 && !hasMeta) {
    out.paragraphs = [...units];
    delete out.title;
  }
  return out;
}
