// 06: date expressions, normalized against the article's publication time with ACLED time precision
// (1 day, 2 week, 3 month or vaguer); event extraction asks for them sentence by sentence (`datesFor`).
// Vague forms ("since 2014", "three months into the battle", "October or November") come from
// model/date-patterns.tsv; chrono-node parses the rest.
import * as chrono from "chrono-node";
import type { EventDate, TimePrecision } from "../../types/index.js";
import { spelledCase } from "../model/ascii-case.js";
import { readTsv } from "../model/load.js";
import type { DateMention, NlpDoc } from "../pipeline.js";

const MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];
const NUM: Record<string, number> = { a: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, "a few": 3, several: 3, few: 3 };
/**
 * The kinds of whole word (case-insensitive, between word boundaries) pass 06 looks for, found in ONE scan
 * of a sentence. A sentence with none of the DATED kinds has no date (no rule, no chrono); the CHRONO kinds
 * decide whether chrono-node runs; chrono-gates.tsv "rule:" rows say which kinds each rule of
 * date-patterns.tsv needs. Each kind is whole words, so no match of one kind can hide a word of another:
 * a match that starts inside a word or ends inside one is no match, and "last night" and "9/11" hold no
 * word of another kind.
 */
const KINDS: [kind: string, words: string, dated: boolean, chrono: boolean][] = [
  ["weekday", "monday|tuesday|wednesday|thursday|friday|saturday|sunday", true, true],
  ["month-name", "january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec", true, true],
  ["today", "today|yesterday|tomorrow|tonight", true, true],
  ["weekend", "weekend", true, true],
  ["week", "week", true, false],
  ["weeks", "weeks", true, false],
  ["month", "month", true, false],
  ["months", "months", true, false],
  ["year", "year", true, false],
  ["years", "years", true, false],
  ["days", "days", true, false],
  ["year-number", "(?:19|20)\\d\\d", true, false],
  ["last-night", "last night", false, true],
  ["day-slash-month", "\\d{1,2}\\/\\d{1,2}", false, true],
];
const WORDS = new RegExp(`\\b(?:${KINDS.map((k) => k[1]).join("|")})\\b`, "gi");
// a word found, lower-cased, to its kind's bit: the kinds spelled out word by word in a map, the others
// (numbers) by their own pattern; no word is of two kinds
const WORD_BIT = new Map(KINDS.flatMap((k, i) => (/^[a-z |]+$/.test(k[1]) ? k[1].split("|").map((w): [string, number] => [w, 1 << i]) : [])));
const PATTERN_BITS = KINDS.flatMap((k, i): [RegExp, number][] => (/^[a-z |]+$/.test(k[1]) ? [] : [[new RegExp(`^(?:${k[1]})$`, "i"), 1 << i]]));
function bitOf(word: string): number {
  const b = WORD_BIT.get(word.toLowerCase());
  if (b !== undefined) return b;
  for (const [re, pb] of PATTERN_BITS) if (re.test(word)) return pb;
  return 0;
}
const bit = (kind: string) => {
  const i = KINDS.findIndex((k) => k[0] === kind);
  if (i < 0) throw new Error(`chrono-gates.tsv: unknown kind of word "${kind}" (known: ${KINDS.map((k) => k[0]).join(", ")})`);
  return 1 << i;
};
/** The KINDS bits of a sentence that can have a date, and of one chrono-node is run on. Exported for tests. */
export const DATED = KINDS.reduce((m, k, i) => (k[2] ? m | (1 << i) : m), 0);
export const CHRONO = KINDS.reduce((m, k, i) => (k[3] ? m | (1 << i) : m), 0);

/** The kinds of word `s` holds, one bit each (KINDS): `kindsIn("on Monday, 9/11") & CHRONO` is not 0. Exported for tests. */
export function kindsIn(s: string): number {
  let found = 0;
  WORDS.lastIndex = 0;
  for (let m = WORDS.exec(s); m; m = WORDS.exec(s)) found |= bitOf(m[0]);
  return found;
}

interface GatedParser {
  /** What the parser's pattern needs in a text (model/chrono-gates.tsv), or undefined: it runs on every text. */
  need: RegExp | undefined;
  parser: chrono.Parser;
}
// chrono-node's own step that runs one parser over a text (a static method its types mark private: a later
// chrono-node may rename it, and chronoParse then runs chrono's whole parse, the same dates, slower)
const executeParser = (chrono.Chrono as unknown as { executeParser?: (ctx: chrono.ParsingContext, p: chrono.Parser) => chrono.ParsingResult[] })
  .executeParser;

let gated: GatedParser[] | undefined;
/**
 * chrono-node's casual English parsers, in its order, each with what its pattern needs (model/chrono-gates.tsv);
 * those marked "spell" run their pattern spelled out without the "i" flag (model/ascii-case.ts: the same
 * matches, compiled several times faster). Exported for tests.
 */
export function chronoParsers(): GatedParser[] {
  if (gated) return gated;
  const rows = readTsv("chrono-gates.tsv", 2).filter((r) => !r[0].startsWith("rule:"));
  const needs = new Map(rows.map(([name, re]) => [name, new RegExp(re, "i")]));
  const spell = new Set(rows.filter((r) => r[2] === "spell").map((r) => r[0]));
  return (gated = chrono.casual.parsers.map((p): GatedParser => {
    const need = needs.get(p.constructor.name);
    if (!spell.has(p.constructor.name)) return { need, parser: p };
    // made once for each pattern the parser gives
    const spelled = new WeakMap<RegExp, RegExp>();
    const pattern = (ctx: chrono.ParsingContext): RegExp => {
      const re = p.pattern(ctx);
      let s = spelled.get(re);
      if (!s) spelled.set(re, (s = spelledCase(re)));
      return s;
    };
    return { need, parser: { pattern, extract: (ctx, m) => p.extract(ctx, m) } };
  }));
}

/**
 * What chrono-node's casual `parse` finds in `text`, by its own steps (a parsing context, each parser over
 * the text, the results in text order, each refiner over them) with two exact shortcuts: a parser whose
 * need is not in the text is not run (its pattern could match nowhere in it), and with no result no
 * refiner runs (chrono's refiners only filter, merge or amend results: none makes one from nothing).
 * Exported for tests.
 */
export function chronoParse(text: string, instant: Date): chrono.ParsedResult[] {
  if (typeof executeParser !== "function") return chrono.casual.parse(text, { instant, timezone: 0 }, { forwardDate: false });
  const ctx = new chrono.ParsingContext(text, { instant, timezone: 0 }, { forwardDate: false });
  let results: chrono.ParsingResult[] = [];
  for (const g of chronoParsers()) {
    if (g.need && !g.need.test(text)) continue;
    const found = executeParser(ctx, g.parser);
    if (found.length > 0) results = results.concat(found);
  }
  if (results.length === 0) return results;
  results.sort((a, b) => a.index - b.index);
  for (const r of chrono.casual.refiners) results = r.refine(ctx, results);
  return results;
}

let patterns: { rule: string; precision: TimePrecision; re: RegExp; needs: number }[] | undefined;
/**
 * The rules of model/date-patterns.tsv, each with the kinds of word one of which its every match holds
 * (chrono-gates.tsv "rule:" rows; none listed: -1, any sentence). Exported for tests.
 */
export function dateRules() {
  if (patterns) return patterns;
  const needs = new Map(
    readTsv("chrono-gates.tsv", 2)
      .filter((r) => r[0].startsWith("rule:"))
      .map(([name, kinds]) => [name.slice(5), kinds.split("|").reduce((m, k) => m | bit(k), 0)]),
  );
  return (patterns = readTsv("date-patterns.tsv", 3).map(([rule, p, re]) => ({ rule, precision: Number(p) as TimePrecision, re: new RegExp(re, "gi"), needs: needs.get(rule) ?? -1 })));
}

const ymd = (d: Date) => d.toISOString().slice(0, 10);
const addDays = (d: Date, n: number) => new Date(d.getTime() + n * 86_400_000);
const monday = (d: Date) => addDays(d, -((d.getUTCDay() + 6) % 7));
const monthStart = (y: number, m: number) => new Date(Date.UTC(y, m, 1));
const monthEnd = (y: number, m: number) => new Date(Date.UTC(y, m + 1, 0));

/** The publication day as a UTC noon Date (the page's own calendar day), or undefined. */
export function referenceDay(publishedAt?: string): Date | undefined {
  const m = publishedAt && /^(\d{4}-\d\d-\d\d)/.exec(publishedAt);
  if (!m) return undefined;
  const d = new Date(`${m[1]}T12:00:00Z`);
  return Number.isNaN(d.getTime()) ? undefined : d;
}

function vague(rule: string, g: Record<string, string | undefined>, ref: Date): { date: EventDate; future: boolean } | undefined {
  const y = ref.getUTCFullYear();
  const m = ref.getUTCMonth();
  switch (rule) {
    case "since-year":
      return { date: { date: `${g.y}-01-01`, end: ymd(ref), precision: 3 }, future: false };
    case "in-year":
      return { date: { date: `${g.y}-01-01`, end: `${g.y}-12-31`, precision: 3 }, future: Number(g.y) > y };
    case "month-or-month": {
      const a = MONTHS.indexOf(g.m1!.toLowerCase());
      const b = MONTHS.indexOf(g.m2!.toLowerCase());
      const ya = a < m - 6 ? y + 1 : y;
      const yb = b < a ? ya + 1 : ya;
      return { date: { date: ymd(monthStart(ya, a)), end: ymd(monthEnd(yb, b)), precision: 3 }, future: monthStart(ya, a) > ref };
    }
    case "units-into":
    case "units-ago": {
      const n = NUM[(g.n ?? "").toLowerCase()] ?? Number(g.n);
      if (!Number.isFinite(n)) return undefined;
      const days = { days: 1, weeks: 7, months: 30, years: 365 }[g.unit!.toLowerCase()] ?? 30;
      const d = addDays(ref, -n * days);
      return { date: { date: ymd(d), precision: days <= 7 && n <= 3 ? 2 : 3 }, future: false };
    }
    case "this-week":
      return { date: { date: ymd(monday(ref)), end: ymd(addDays(monday(ref), 6)), precision: 2 }, future: false };
    case "last-week":
      return { date: { date: ymd(addDays(monday(ref), -7)), end: ymd(addDays(monday(ref), -1)), precision: 2 }, future: false };
    case "next-week":
      return { date: { date: ymd(addDays(monday(ref), 7)), end: ymd(addDays(monday(ref), 13)), precision: 2 }, future: true };
    case "this-month":
      return { date: { date: ymd(monthStart(y, m)), end: ymd(monthEnd(y, m)), precision: 3 }, future: false };
    case "last-month":
      return { date: { date: ymd(monthStart(y, m - 1)), end: ymd(monthEnd(y, m - 1)), precision: 3 }, future: false };
    case "next-month":
      return { date: { date: ymd(monthStart(y, m + 1)), end: ymd(monthEnd(y, m + 1)), precision: 3 }, future: true };
    case "days-after":
      return { date: { date: ymd(ref), precision: 2 }, future: false };
  }
  return undefined;
}

/** Does `[a, b)` overlap a mention already found? */
function overlaps(out: DateMention[], a: number, b: number): boolean {
  for (const d of out) if (a < d.end && d.start < b) return true;
  return false;
}

/** Date mentions in `text[start, end)` against the reference day. Exported for tests. */
export function findDates(text: string, start: number, end: number, ref: Date): DateMention[] {
  const s = text.slice(start, end);
  const kinds = kindsIn(s);
  if ((kinds & DATED) === 0) return [];
  const out: DateMention[] = [];
  for (const p of dateRules()) {
    if ((kinds & p.needs) === 0) continue;
    p.re.lastIndex = 0;
    for (let m = p.re.exec(s); m; m = p.re.exec(s)) {
      const a = start + m.index;
      const b = a + m[0].length;
      if (overlaps(out, a, b)) continue;
      const v = vague(p.rule, m.groups ?? {}, ref);
      if (!v) continue;
      out.push({ start: a, end: b, text: m[0], rule: p.rule, date: { ...v.date, text: m[0], span: { start: a, end: b } }, future: v.future });
    }
  }
  let results: chrono.ParsedResult[] = [];
  try {
    // chrono only where it adds something (the CHRONO kinds): named days and months, "yesterday" …, numeric dates
    if ((kinds & CHRONO) !== 0)
      results = chronoParse(s, ref);
  } catch {
    results = [];
  }
  for (const r of results) {
    const a = start + r.index;
    const b = a + r.text.replace(/[,\s]+$/, "").length;
    if (overlaps(out, a, b)) continue;
    let d = r.start.date();
    const c = r.start;
    const dayKnown = c.isCertain("day") || c.isCertain("weekday");
    let precision: TimePrecision = dayKnown ? 1 : 3;
    if (/week/i.test(r.text)) precision = 2;
    // a month-and-day with no year more than a week ahead of publication is last year's
    if (!c.isCertain("year") && d.getTime() > ref.getTime() + 7 * 86_400_000 && !/next|coming|upcoming/i.test(r.text) && dayKnown) {
      d = new Date(Date.UTC(d.getUTCFullYear() - 1, d.getUTCMonth(), d.getUTCDate()));
    }
    let date: EventDate;
    if (!dayKnown && c.isCertain("month") && !/week/i.test(r.text)) {
      date = { date: ymd(monthStart(d.getUTCFullYear(), d.getUTCMonth())), end: ymd(monthEnd(d.getUTCFullYear(), d.getUTCMonth())), precision: 3 };
    } else date = { date: ymd(d), precision };
    const text = text_(r.text);
    out.push({ start: a, end: b, text, rule: "chrono", date: { ...date, text, span: { start: a, end: b } }, future: d.getTime() > ref.getTime() + 86_400_000 });
  }
  return out.sort((x, y) => x.start - y.start);
}
const text_ = (t: string) => t.replace(/[,\s]+$/, "");

/** Per document: its reference day (read once) and the date mentions of each sentence asked for, by start. */
const done = new WeakMap<NlpDoc, { ref: Date | undefined; found: Map<number, DateMention[]> }>();

/**
 * The date mentions of one sentence, computed once and added to `doc.dates`. Event extraction asks
 * for the sentences that report an event; no other sentence is dated (chrono-node is the costliest step).
 */
export function datesFor(doc: NlpDoc, s: { start: number; end: number }): DateMention[] {
  let cache = done.get(doc);
  if (!cache) done.set(doc, (cache = { ref: referenceDay(doc.article.publishedAt), found: new Map() }));
  let found = cache.found.get(s.start);
  if (!found) {
    found = cache.ref ? findDates(doc.text, s.start, s.end, cache.ref) : [];
    cache.found.set(s.start, found);
    if (found.length > 0) {
      const sorted = doc.dates.length === 0 || doc.dates[doc.dates.length - 1].start <= found[0].start;
      doc.dates.push(...found);
      if (!sorted) doc.dates.sort((a, b) => a.start - b.start);
    }
  }
  return found;
}
