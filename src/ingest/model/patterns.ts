// Loads the boilerplate data file (model/boilerplate.json) and compiles its patterns once.
import { readFileSync } from "node:fs";

interface BoilerplateFile {
  removeTags: string[];
  removeRoles: string[];
  classIdPatterns: string[];
  keepClassIdPatterns: string[];
  phrases: string[];
}

const raw = JSON.parse(readFileSync(new URL("./boilerplate.json", import.meta.url), "utf8")) as BoilerplateFile;

const reEscape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Tags that never hold article text ("nav", "form", …). */
export const REMOVE_TAGS = new Set(raw.removeTags.map((t) => t.toUpperCase()));
/** ARIA roles of site chrome ("navigation", "banner", …). */
export const REMOVE_ROLES = new Set(raw.removeRoles);
/** Matches a class or id naming site chrome: "share-bar", "related-stories", "newsletter_box". */
export const CHROME_CLASS = new RegExp(`(?:^|[\\s_-])(?:${raw.classIdPatterns.map(reEscape).join("|")})`, "i");
/** Matches a class or id naming article text: "article-body", "entry-content". */
export const KEEP_CLASS = new RegExp(`(?:${raw.keepClassIdPatterns.map(reEscape).join("|")})`, "i");
/** Whole-paragraph texts that are site chrome ("Share this article", "Advertisement"). */
export const CHROME_PHRASES: RegExp[] = raw.phrases.map((p) => new RegExp(p, "i"));

/** True when a paragraph (or line) is a known piece of site chrome. */
export function isChromeText(text: string): boolean {
  const t = text.trim().toLowerCase();
  if (t.length > 300) return false;
  return CHROME_PHRASES.some((re) => re.test(t));
}

const appealRaw = (raw as unknown as { appeal: { openers: string[]; closers: string[]; markers: string[] } }).appeal;
const extra = raw as unknown as { endMarkers: string[]; creditLines: string[]; captionCredit: string };
const rx = (list: string[]) => list.map((p) => new RegExp(p, "i"));
/** A donation/membership appeal: opener, speaker markers, closer. */
export const APPEAL = { openers: rx(appealRaw.openers), closers: rx(appealRaw.closers), markers: rx(appealRaw.markers) };
/** Lines after which a scraped page's article is over ("Join our commenting forum"). */
export const END_MARKERS = rx(extra.endMarkers);
/** Credit lines kept as metadata: "Additional reporting by Reuters". */
export const CREDIT_LINES = rx(extra.creditLines);
/** A photo credit at the end of a caption: "… drive out Isis (Reuters)". */
export const CAPTION_CREDIT = new RegExp(extra.captionCredit, "i");
/** A labelled photo credit at the end of a caption: "… Deir ez-Zor. Photograph: AFP/Getty Images". */
export const CAPTION_CREDIT_LABELLED = new RegExp((raw as unknown as { captionCreditLabelled: string }).captionCreditLabelled, "i");

/** A bracketed credit: "… invaded the country in 2001 [File: Reuters]". */
export const CAPTION_CREDIT_BRACKETED = new RegExp((raw as unknown as { captionCreditBracketed: string }).captionCreditBracketed, "i");

/** Splits a caption from its trailing credit, "(Reuters)" or "Photograph: AFP"; undefined if it has none. */
export function matchCaptionCredit(text: string): { index: number; credit: string } | undefined {
  const m = CAPTION_CREDIT.exec(text) ?? CAPTION_CREDIT_LABELLED.exec(text) ?? CAPTION_CREDIT_BRACKETED.exec(text);
  return m ? { index: m.index, credit: m[1]!.trim() } : undefined;
}

export const matchesAny = (list: RegExp[], text: string) => list.some((re) => re.test(text.trim()));
/** Class names of elements holding a standfirst (sub-headline): "standfirst", "article-dek". */
export const STANDFIRST_CLASS = new RegExp((raw as unknown as { standfirstClass: string }).standfirstClass);

const tidyRaw = (raw as unknown as { tidy: { negative: string; positive: string; byline: string; adWords: string } }).tidy;
/** Class/id words and texts html/tidy.ts judges blocks of the marked article by. */
export const TIDY = {
  negative: new RegExp(tidyRaw.negative, "i"),
  positive: new RegExp(tidyRaw.positive, "i"),
  byline: new RegExp(tidyRaw.byline, "i"),
  adWords: new RegExp(tidyRaw.adWords, "iu"),
};
