// Publication dates → ISO 8601 with the page's own offset.
// "Saturday 09 September 2017 17:49 EDT" → "2017-09-09T17:49:00-04:00"
// "2017-09-09T21:49:00Z" stays as given; "9 Sep 2017" → "2017-09-09" (no time, no offset).
import { readFileSync } from "node:fs";

const TZ = JSON.parse(readFileSync(new URL("./model/timezones.json", import.meta.url), "utf8")) as {
  fixed: Record<string, number>;
  dst: Record<string, { rule: "us" | "eu"; offsets: [number, number] }>;
};

/** Month names of the European languages in model/months.json → month number. */
const MONTHS = new Map<string, number>();
for (const [lang, months] of Object.entries(JSON.parse(readFileSync(new URL("./model/months.json", import.meta.url), "utf8")) as Record<string, string[][]>)) {
  if (lang.startsWith("_")) continue;
  months.forEach((names, i) => {
    for (const n of names) MONTHS.set(n, i + 1);
  });
}
/** Longest names first, so "sept" wins over "sep" and "märz" is not cut short. */
const MONTH_NAMES = [...MONTHS.keys()].sort((a, b) => b.length - a.length);
const monthOf = (name: string) => MONTHS.get(name.toLowerCase().replace(/\.$/, ""));

const ISO = /\b(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?)?/;
/** A month name or abbreviation of model/months.json: "Sept.", "septembre", "März". */
const MONTH = `(?<!\\p{L})(${MONTH_NAMES.join("|")})\\.?(?!\\p{L})`;
/** "09 September 2017", "9 Sep. 2017", "9. März 2017", "1er janvier 2017", "9 de septiembre de 2017" */
const DMY = new RegExp(`(?<!\\p{L}|\\d)(\\d{1,2})(?:st|nd|rd|th|er|\\.)?\\s+(?:de\\s+)?${MONTH},?\\s+(?:de\\s+)?(\\d{4})`, "iu");
/** "September 9, 2017", "Sep 9th 2017" */
const MDY = new RegExp(`${MONTH}\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})`, "iu");
/** "17:49", "5:49 pm", "5.49pm", "5:49 p.m." */
const TIME = /\b(\d{1,2})[:.](\d{2})(?::(\d{2}))?\s*([ap])?\.?\s*(?:m\b\.?)?/i;
/** "EDT", "GMT+1", "UTC-05:00", "+0200" */
const ZONE = /(?:^|[\s(])(?:([A-Z]{1,5})(?:\s*([+-])(\d{1,2})(?::?(\d{2}))?)?|([+-])(\d{2}):?(\d{2}))(?=$|[\s),.])/;

const pad = (n: number, w = 2) => String(n).padStart(w, "0");

/** Formats minutes east of UTC as "+hh:mm". */
export function formatOffset(min: number): string {
  const sign = min < 0 ? "-" : "+";
  const a = Math.abs(min);
  return `${sign}${pad(Math.floor(a / 60))}:${pad(a % 60)}`;
}

/** Day of month of the n-th (1-based; -1 = last) Sunday of a month. */
function nthSunday(y: number, m: number, n: number): number {
  if (n > 0) {
    const first = new Date(Date.UTC(y, m - 1, 1)).getUTCDay();
    return 1 + ((7 - first) % 7) + (n - 1) * 7;
  }
  const lastDay = new Date(Date.UTC(y, m, 0)).getUTCDate();
  const dow = new Date(Date.UTC(y, m - 1, lastDay)).getUTCDay();
  return lastDay - dow;
}

/** Is daylight saving time in force at this local date (hour ignored except on switch days)? */
function inDst(rule: "us" | "eu", y: number, m: number, d: number): boolean {
  const md = m * 100 + d;
  if (rule === "us") return md >= 300 + nthSunday(y, 3, 2) && md < 1100 + nthSunday(y, 11, 1);
  return md >= 300 + nthSunday(y, 3, -1) && md < 1000 + nthSunday(y, 10, -1);
}

/** Offset in minutes for a zone text such as "EDT", "ET", "GMT+1"; undefined if unknown. */
export function zoneOffset(zone: string, y: number, m: number, d: number): number | undefined {
  const z = zone.toUpperCase();
  if (z in TZ.fixed) return TZ.fixed[z];
  const dst = TZ.dst[z];
  if (dst) return dst.offsets[inDst(dst.rule, y, m, d) ? 1 : 0];
  return undefined;
}

function findZone(s: string, y: number, m: number, d: number): number | undefined {
  const re = new RegExp(ZONE.source, "g");
  for (const z of s.matchAll(re)) {
    if (z[5]) return (z[5] === "-" ? -1 : 1) * (Number(z[6]) * 60 + Number(z[7]));
    const base = zoneOffset(z[1]!, y, m, d);
    if (base === undefined) continue;
    if (z[2]) return base + (z[2] === "-" ? -1 : 1) * (Number(z[3]) * 60 + Number(z[4] ?? 0));
    return base;
  }
  return undefined;
}

/**
 * Parses a dateline or a machine date into ISO 8601, keeping the offset the text gives.
 * Returns undefined when no full calendar date (day, month, year) is present.
 * @example parseDate("Saturday 09 September 2017 17:49 EDT") // "2017-09-09T17:49:00-04:00"
 */
export function parseDate(text: string | undefined | null): string | undefined {
  if (!text) return undefined;
  const s = text.replace(/\s+/g, " ").trim();
  const iso = ISO.exec(s);
  if (iso) {
    const [, y, mo, d, h, mi, sec, z] = iso;
    if (!validDate(+y!, +mo!, +d!)) return undefined;
    if (h === undefined) return `${y}-${mo}-${d}`;
    const zone = z === undefined ? "" : z === "Z" ? "Z" : z.includes(":") ? z : `${z.slice(0, 3)}:${z.slice(3)}`;
    return `${y}-${mo}-${d}T${h}:${mi}:${sec ?? "00"}${zone}`;
  }
  let y: number;
  let m: number;
  let d: number;
  let rest: string;
  const dmy = DMY.exec(s);
  const mdy = dmy ? null : MDY.exec(s);
  if (dmy) {
    d = +dmy[1]!;
    m = monthOf(dmy[2]!)!;
    y = +dmy[3]!;
    rest = s.slice(dmy.index + dmy[0].length) + " " + s.slice(0, dmy.index);
  } else if (mdy) {
    m = monthOf(mdy[1]!)!;
    d = +mdy[2]!;
    y = +mdy[3]!;
    rest = s.slice(mdy.index + mdy[0].length) + " " + s.slice(0, mdy.index);
  } else return undefined;
  if (!validDate(y, m, d)) return undefined;
  const date = `${y}-${pad(m)}-${pad(d)}`;
  const t = TIME.exec(rest);
  if (!t) return date;
  let h = +t[1]!;
  const ampm = t[4]?.toLowerCase();
  if (ampm === "p" && h < 12) h += 12;
  if (ampm === "a" && h === 12) h = 0;
  if (h > 23 || +t[2]! > 59) return date;
  const time = `${pad(h)}:${t[2]}:${t[3] ?? "00"}`;
  const off = findZone(rest.slice(t.index + t[0].length) + " " + rest.slice(0, t.index), y, m, d);
  return `${date}T${time}${off === undefined ? "" : formatOffset(off)}`;
}

function validDate(y: number, m: number, d: number): boolean {
  if (y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** Words a dateline may carry besides the date itself: "Updated 2 hours ago", "Last modified on". */
const DATELINE_WORD =
  /^(?:published|updated|posted|last|modified|first|ago|an?|hours?|hrs?|minutes?|mins?|days?|on|at|by|\d{1,2}|(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?|[A-Z]{1,5}(?:[+-]\d{1,2})?|[+-]\d{2}:?\d{2})$/i;

/** True when the whole line is a dateline ("Saturday 09 September 2017 17:49 EDT", "Updated: …"). */
export function isDateLine(line: string): boolean {
  const s = line.trim();
  if (s.length > 80 || !parseDate(s)) return false;
  const rest = s.replace(DMY, " ").replace(MDY, " ").replace(ISO, " ").replace(new RegExp(TIME.source, "gi"), " ");
  const words = rest.split(/[\s,|•·–—/:()-]+/).filter(Boolean);
  return words.length <= 6 && words.every((w) => DATELINE_WORD.test(w));
}
