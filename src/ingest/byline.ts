// Bylines: "By Rachel Roberts in Beirut | Reuters" → "Rachel Roberts".
// Names are recognized by shape (2-4 capitalized words, "and"/"&"/commas between people),
// not from a list, so unseen reporters work; section labels ("World News") are not names.
import { readFileSync } from "node:fs";

const LEAD = /^(?:(?:written|words|reporting|report|story|text)\s+)?by[:\s]+/i;
/** Tails that are not part of a name: "| Reuters", ", Staff Writer", " in Beirut", emails, handles, dates. */
const TAILS = [
  /\s*[|•·–—]\s.*$/,
  /\s+(?:in|from)\s+[A-Z][\w'-]+(?:\s+[A-Z][\w'-]+)?\s*$/,
  /,\s*(?:staff|senior|chief|special|political|foreign|defen[cs]e|security|middle east|world|news|associated press|reuters|afp|correspondent|reporter|editor|writer|contributor)\b.*$/i,
  /\s*\S+@\S+/g,
  /\s*@\w+/g,
  /\s*(?:updated|published|posted)\b.*$/i,
  // a date run into the name: "Bryan DeArdo Nov 19, 2019", "Jeff Foust Monday, November 18" (not "Theresa May")
  /\s+(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s*)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}\b.*$/i,
  /\s+\d.*$/,
  // an agency after a comma: "Sandee LaMotte, CNN"
  /,\s*[A-Z]{2,6}$/,
];
const NAME_WORD = /^(?:(?:al|el|ad|as|ash|ar|an)-[A-Z][\p{L}'’-]*|[A-Z][\p{L}'’.-]*|[A-Z]\.|(?:de|da|van|von|der|al|el|bin|ibn|la|le|du|dos|del)|[A-Z][\p{L}]*-[A-Z][\p{L}]*)$/u;
const NOT_NAME = new Set(
  (JSON.parse(readFileSync(new URL("./model/boilerplate.json", import.meta.url), "utf8")) as { notNameWords: string[] }).notNameWords,
);
const JOIN = /\s*(?:,\s*and\s+|,\s*|\s+and\s+|\s*&\s*)/;

/** True when the text has the shape of one person's name ("Rachel Roberts", "Ahmed al-Sharaa"). */
export function isPersonName(s: string): boolean {
  const words = s.trim().split(/\s+/);
  if (words.length < 2 || words.length > 5) return false;
  if (!/^[A-Z]/.test(words[0]!) || !/^[A-Z]/.test(words[words.length - 1]!.replace(/^(?:al|el)-/, "").replace(/^./, (c) => c.toUpperCase()))) return false;
  return words.every((w) => NAME_WORD.test(w) && !NOT_NAME.has(w.toLowerCase()));
}

/**
 * Cleans a byline to the people's names, or undefined if it is not a byline.
 * @example parseByline("By Rachel Roberts | Reuters") // "Rachel Roberts"
 */
export function parseByline(text: string | undefined | null): string | undefined {
  if (!text) return undefined;
  let s = text.replace(/\s+/g, " ").trim();
  if (s.length > 150) return undefined;
  s = s.replace(LEAD, "");
  // "Jeff FoustMonday, November 18": a day name glued to the name
  s = s.replace(/([a-z])((?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b)/g, "$1 $2");
  for (const re of TAILS) s = s.replace(re, "");
  s = s.replace(/[\s,;:.]+$/, "").trim();
  if (!s) return undefined;
  const people = s.split(JOIN).map((p) => p.trim()).filter(Boolean);
  if (people.length === 0 || !people.every(isPersonName)) return undefined;
  if (people.length === 1) return people[0];
  return `${people.slice(0, -1).join(", ")} and ${people[people.length - 1]}`;
}
