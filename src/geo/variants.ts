// Second tries for a name that is in no gazetteer entry as written: without a possessive ending,
// without leading qualifiers ("North Dallas", "Greater Mumbai"), without a trailing generic word
// that then says what kind of place it is ("Swat Valley", "Nyanza Province"), or with two words
// joined ("Dogu Beyazit"). The word lists are data (model/variants.json).
import type { Gazetteer } from "./gazetteer.js";
import V from "./model/variants.json" with { type: "json" };

export interface Fallback {
  /** The name that was found in the gazetteer. */
  name: string;
  candidates: readonly number[];
  /** Feature-code prefixes the dropped generic word favours (every fallback has the field: one object shape). */
  cues: string[] | undefined;
  /** A qualifier was dropped: the mention is part of the candidate (precision 2 at best). */
  part: boolean;
}

interface Trailing {
  cues: string[];
  strict?: boolean;
}

const LEADING = new Set(V.leading);
const TRAILING: [string, Trailing][] = Object.entries(V.trailing as Record<string, Trailing>).sort((a, b) => b[0].length - a[0].length);
const POSSESSIVE = /['’]s?$/;

/** The first second try that finds candidates, or undefined. */
export function fallbackName(gaz: Gazetteer, surface: string): Fallback | undefined {
  let name = surface.trim();
  if (POSSESSIVE.test(name)) {
    name = name.replace(POSSESSIVE, "");
    const c = gaz.candidates(name);
    if (c.length > 0) return { name, candidates: c, cues: undefined, part: false };
  }
  let words = name.split(/\s+/);
  // leading qualifiers, as many as there are, while a name is left
  let part = false;
  while (words.length > 1 && LEADING.has(words[0]!.toLowerCase())) {
    words = words.slice(1);
    part = true;
  }
  if (part) {
    const rest = words.join(" ");
    const c = gaz.candidates(rest);
    if (c.length > 0) return { name: rest, candidates: c, cues: undefined, part };
  }
  // a trailing generic word
  const lower = words.join(" ").toLowerCase();
  for (const [w, t] of TRAILING) {
    if (!lower.endsWith(` ${w}`)) continue;
    const rest = words.join(" ").slice(0, lower.length - w.length - 1).trim();
    let c = gaz.candidates(rest);
    if (t.strict) c = c.filter((i) => t.cues.some((p) => gaz.fcode(i).startsWith(p)));
    if (c.length > 0) return { name: rest, candidates: c, cues: t.cues, part };
    break;
  }
  // two words written apart that the gazetteer writes as one
  if (words.length === 2) {
    const joined = words.join("");
    const c = gaz.candidates(joined);
    if (c.length > 0) return { name: joined, candidates: c, cues: undefined, part };
  }
  return undefined;
}
