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
const PREFILTER =
  /\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|today|yesterday|tomorrow|tonight|weeks?|months?|years?|days|weekend|(?:19|20)\d\d)\b/i;

const CHRONO_PREFILTER =
  /\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec|today|yesterday|tomorrow|tonight|last night|weekend|\d{1,2}\/\d{1,2})\b/i;

/**
 * chrono-node's casual English parser, each of its parsers run only on a text with what its pattern
 * needs (model/chrono-gates.tsv): a parser skipped there would have found nothing, so the dates are
 * the same, for fewer regex runs over the sentence. Exported for tests.
 */
export function gatedChrono(): chrono.Chrono {
  if (gated) return gated;
  const rows = readTsv("chrono-gates.tsv", 2);
  const needs = new Map(rows.map(([name, re]) => [name, new RegExp(re, "i")]));
  const spell = new Set(rows.filter((r) => r[2] === "spell").map((r) => r[0]));
  // (a pattern that fails at once where the need is absent)
  const NEVER = /^(?!)/;
  const parsers = chrono.casual.parsers.map((p): chrono.Parser => {
    const need = needs.get(p.constructor.name);
    if (!need) return p;
    if (!spell.has(p.constructor.name)) return { pattern: (ctx) => (need.test(ctx.text) ? p.pattern(ctx) : NEVER), extract: (ctx, m) => p.extract(ctx, m) };
    // its pattern spelled out without the "i" flag (model/ascii-case.ts: the same matches, compiled
    // several times faster), made once for each pattern the parser gives
    const spelled = new WeakMap<RegExp, RegExp>();
    const pattern = (ctx: chrono.ParsingContext): RegExp => {
      const re = p.pattern(ctx);
      let s = spelled.get(re);
      if (!s) spelled.set(re, (s = spelledCase(re)));
      return s;
    };
    return { pattern: (ctx) => (need.test(ctx.text) ? pattern(ctx) : NEVER), extract: (ctx, m) => p.extract(ctx, m) };
  });
  return (gated = new chrono.Chrono({ parsers, refiners: [...chrono.casual.refiners] }));
}
let gated: chrono.Chrono | undefined;

let patterns: { rule: string; precision: TimePrecision; re: RegExp }[] | undefined;
const load = () =>
  (patterns ??= readTsv("date-patterns.tsv", 3).map(([rule, p, re]) => ({ rule, precision: Number(p) as TimePrecision, re: new RegExp(re, "gi") })));

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
  if (!PREFILTER.test(s)) return [];
  const out: DateMention[] = [];
  for (const p of load()) {
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
    // chrono only where it adds something: named days and months, "yesterday" …, numeric dates
    if (CHRONO_PREFILTER.test(s))
      results = gatedChrono().parse(s, { instant: ref, timezone: 0 }, { forwardDate: false });
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
