// Where an event happened: the place mention nearest the trigger in the same sentence, preferring
// "in X" / "near X" / "X province"; with no geoparsed places, the same patterns over proper-noun runs,
// so the geo stage can link the span later.
import { type NlpDoc, within } from "../nlp/pipeline.js";
import type { Place, Span } from "../types/index.js";

const PREP = /\b(?:along (?:the )?(?:border|frontier) with|reach|reached|reaching|entered|entering|liberate|liberated|recaptured|captured|seized|retook|retaking|besieged|shelled|struck|bombed|in|near|at|outside|around|across|on the outskirts of|west of|east of|north of|south of|northwest of|northeast of|southwest of|southeast of|towards?|into|from)\s+(?:the\s+)?(?:(?:town|city|village|province|district|region|governorate|state|county|area|countryside|capital|suburb|neighbourhood|neighborhood|camp)\s+of\s+)?(?:[\p{L}-]+\s+){0,2}$/iu;
// (module constants: tsx compiles a \p{…} regex literal into a RegExp constructed wherever it is evaluated)
const NAMED_AFTER = /^\s+(?:capital|city|town|port|village|province|region)\s+\p{Lu}/u;
const AFTER = /^(?:['’]s)?(?:\s+and\s+[\p{Lu}][\p{L}-]+)?\s+(?:province|governorate|city|town|village|district|region|countryside|state|county|area|camp|oilfield|airport|military airport)\b/iu;

export interface FoundLocation {
  location: Span & { text: string };
  placeId?: string;
}

/** How far a place mention `sp` lies from the trigger, plus 1000 when no "in X" / "X province" pattern frames it (lower is better). */
function placeScore(text: string, s: Span, sp: Span, trigger: Span): number {
  const before = text.slice(Math.max(s.start, sp.start - 60), sp.start);
  const after = text.slice(sp.end, sp.end + 40);
  const pattern = PREP.test(before) || AFTER.test(after) ? 0 : 1000;
  return pattern + Math.abs(sp.start - trigger.start);
}

export function findLocation(doc: NlpDoc, s: Span, trigger: Span, places: Place[]): FoundLocation | undefined {
  const text = doc.text;
  // the best mention so far, its place and its score (locals, not an object: one made per better mention
  // had two shapes, with a place and without, and V8 threw this function's code away at the second)
  let bestSp: (Span & { text: string }) | undefined;
  let bestPlace = "";
  // (no "none yet" test before the comparison: a comparison with Infinity takes the first, and every
  // comparison site has met numbers by the end of the first mention)
  let bestSc = Number.POSITIVE_INFINITY;
  for (const p of places) {
    for (const m of p.mentions) {
      if (m.start < s.start || m.end > s.end) continue;
      const sc = placeScore(text, s, m, trigger);
      if (sc < bestSc) {
        bestSp = { start: m.start, end: m.end, text: text.slice(m.start, m.end) };
        bestPlace = p.id;
        bestSc = sc;
      }
    }
  }
  if (bestSp) {
    // A relative place that contains the chosen name is where it happened: "along the border with Iraq",
    // "Deir Ezzor's northwestern countryside", "an oilfield southwest of Deir Ezzor".
    for (const p of places) {
      for (const m of p.mentions) {
        const inner = bestSp;
        if (m.start <= inner.start && m.end >= inner.end && m.end - m.start > inner.end - inner.start && m.start >= s.start && m.end <= s.end) {
          bestSp = { start: m.start, end: m.end, text: text.slice(m.start, m.end) };
          bestPlace = p.id;
        }
      }
    }
    return { location: bestSp, placeId: bestPlace };
  }
  const actorSpans = within(doc.mentions, s.start, s.end).filter((m) => m.rule !== "country-place");
  for (const n of within(doc.names, s.start, s.end)) {
    let name = n.text.replace(/^(?:The|the)\s+/, "");
    const start = n.end - name.length;
    // a capitalized first word of the sentence is not a name ("None of the …")
    if (start === s.start && !/\s/.test(name)) continue;
    // "near Homs and Hama": the first place of a list
    const and = name.indexOf(" and ");
    if (and > 0) name = name.slice(0, and);
    // "the Kazakh capital Astana": the place is the name after the noun
    if (NAMED_AFTER.test(text.slice(start + name.length, start + name.length + 30))) continue;
    if (actorSpans.some((m) => m.start < n.end && n.start < m.end)) continue;
    if (/^(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July|August|September|October|November|December)$/.test(name)) continue;
    const sp = { start, end: start + name.length, text: name };
    const sc = placeScore(text, s, sp, trigger);
    if (sc >= 1000) continue;
    if (sc < bestSc) {
      bestSp = sp;
      bestSc = sc;
    }
  }
  return bestSp ? { location: bestSp } : undefined;
}
