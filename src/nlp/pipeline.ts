// The NLP passes, in run order. Each pass reads what earlier passes assigned and adds its own;
// the order is checked once at start (`requires` must be assigned by an earlier pass).
//   01 sentences → 02 language → 03 names → 04 actors → 05 relations → 07 quotes
// Dates (06-dates.ts) are no pass: event extraction (src/events) reads the NlpDoc and dates each
// sentence that reports an event on demand (`datesFor`); chrono-node is too costly for every sentence.
import type {
  Actor,
  Article,
  EventDate,
  Mention,
  Quote,
  Relation,
  Span,
  Warning,
} from "../types/index.js";
import { warning } from "../types/index.js";
import { sentencesPass } from "./passes/01-sentences.js";
import { languagePass } from "./passes/02-language.js";
import { namesPass } from "./passes/03-names.js";
import { actorsPass } from "./passes/04-actors.js";
import { relationsPass } from "./passes/05-relations.js";
import { quotesPass } from "./passes/07-quotes.js";

/** An actor mention resolved to a canonical actor id. */
export interface ActorMention extends Mention {
  actor: string;
}

/** A date expression normalized against the publication time. */
export interface DateMention extends Span {
  text: string;
  rule: string;
  date: EventDate;
  /** Future relative to publication ("next week"). */
  future: boolean;
}

/** What the NLP passes leave for geoparsing and event extraction. */
export interface NlpDoc {
  article: Article;
  /** The part of `article.body` that was analysed (all of it unless TEXT_TRUNCATED). */
  text: string;
  sentences: Span[];
  /** false when the language pass found the text is not English: later passes then do nothing. */
  english: boolean;
  /** Proper-noun runs ("Ahmed Abu Kholeh", "Deir Ezzor"). */
  names: (Span & { text: string })[];
  /** Every actor mention, sorted by start. */
  mentions: ActorMention[];
  actors: Actor[];
  relations: Relation[];
  /** Date mentions of every sentence event extraction looked at (see 06-dates `datesFor`). */
  dates: DateMention[];
  quotes: Quote[];
  /** ISO2 of the country the article is mostly about ("the army" resolves to its forces). */
  focusCountry?: string;
  explain: boolean;
  warnings: Warning[];
}

/** Index of the first item of a start-sorted array that starts at or after `start` (binary search). */
export function firstFrom(items: readonly { start: number }[], start: number): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (items[mid].start < start) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The items of a start-sorted array that lie inside `[start, end)`, found by binary search. */
export function within<T extends { start: number; end: number }>(items: T[], start: number, end: number): T[] {
  const out: T[] = [];
  for (let i = firstFrom(items, start); i < items.length && items[i].start < end; i++) if (items[i].end <= end) out.push(items[i]);
  return out;
}

export interface Pass {
  name: string;
  requires: (keyof NlpDoc)[];
  assigns: (keyof NlpDoc)[];
  run(doc: NlpDoc): void;
}

/** The passes in run order. */
export const PASSES: Pass[] = [sentencesPass, languagePass, namesPass, actorsPass, relationsPass, quotesPass];

function checkOrder(passes: Pass[]): void {
  const have = new Set<keyof NlpDoc>(["article", "text", "explain", "warnings"]);
  for (const p of passes) {
    for (const r of p.requires) if (!have.has(r)) throw new Error(`nlp pass ${p.name} requires "${r}", which no earlier pass assigns`);
    for (const a of p.assigns) have.add(a);
  }
}
checkOrder(PASSES);

/** Runs every NLP pass over one article. Never throws on bad text: a failing pass adds PASS_FAILED. */
export function runNlp(article: Article, opts: { explain?: boolean } = {}): NlpDoc {
  const doc: NlpDoc = {
    article,
    text: typeof article.body === "string" ? article.body : "",
    sentences: [],
    english: true,
    names: [],
    mentions: [],
    actors: [],
    relations: [],
    dates: [],
    quotes: [],
    explain: opts.explain === true,
    warnings: [],
  };
  for (const p of PASSES) {
    if (!doc.english && p.name !== sentencesPass.name && p.name !== languagePass.name) break;
    try {
      p.run(doc);
    } catch (e) {
      doc.warnings.push(warning("PASS_FAILED", `${p.name}: ${(e as Error).message}`));
    }
  }
  return doc;
}
