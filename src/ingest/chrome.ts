// Paragraph-level chrome: known widget texts, donation appeals (a run from an opener to a
// closer, each paragraph speaking as the outlet), and the end of the article (the first
// comment-widget or "related stories" line after some prose). Shared by the text and HTML readers.
import { APPEAL, END_MARKERS, isChromeText, matchesAny } from "./model/patterns.js";

/** A paragraph that reads like running prose: long, or a full sentence. */
const isProse = (s: string) => s.length >= 150 || (s.length >= 60 && /[.!?"”’)]$/.test(s));

/** Marks which paragraphs to keep; `chrome` holds the removed ones (for outlet hints). */
export function markChrome(lines: string[], opts: { endMarkers?: boolean } = {}): { keep: boolean[]; chrome: string[] } {
  const keep = lines.map(() => true);
  const chrome: string[] = [];
  // 1. known chrome lines
  lines.forEach((l, i) => {
    if (isChromeText(l)) {
      keep[i] = false;
      chrome.push(l);
    }
  });
  // 2. appeal runs: opener … closer, each paragraph speaking as the outlet
  for (let i = 0; i < lines.length; i++) {
    if (!matchesAny(APPEAL.openers, lines[i]!)) continue;
    if (keep[i]) chrome.push(lines[i]!);
    keep[i] = false;
    for (let j = i + 1; j < lines.length; j++) {
      const l = lines[j]!;
      if (matchesAny(APPEAL.closers, l)) {
        keep[j] = false;
        i = j;
        break;
      }
      if (!APPEAL.markers.some((re) => re.test(l))) break;
      keep[j] = false;
      chrome.push(l);
      i = j;
    }
  }
  // 3. the end of the article: the first end marker after some prose
  if (opts.endMarkers !== false) {
    let seenProse = false;
    for (let i = 0; i < lines.length; i++) {
      if (keep[i] && isProse(lines[i]!)) seenProse = true;
      if (seenProse && matchesAny(END_MARKERS, lines[i]!)) {
        for (let j = i; j < lines.length; j++) {
          if (keep[j]) chrome.push(lines[j]!);
          keep[j] = false;
        }
        break;
      }
    }
  }
  return { keep, chrome };
}
