// The words around a place name that say what kind of place it is: "Hasaka province",
// "the city of al-Mayadeen", "the Kazakh capital Astana". Tables live in model/ranking.json.
import W from "./model/ranking.json" with { type: "json" };

const AFTER: Record<string, string[]> = W.cuesAfter;
const BEFORE: Record<string, string[]> = W.cuesBefore;

/** Feature-code prefixes favoured by the words next to text[start, end). */
export function cuesAround(text: string, start: number, end: number): string[] | undefined {
  const after = /^\s+([A-Za-z]+)/.exec(text.slice(end, end + 24));
  if (after) {
    const c = AFTER[after[1]!.toLowerCase()];
    if (c) return c;
  }
  const before = text.slice(Math.max(0, start - 40), start);
  const two = /([A-Za-z]+)\s+([A-Za-z]+)\s+$/.exec(before);
  if (two) {
    const c = BEFORE[`${two[1]!.toLowerCase()} ${two[2]!.toLowerCase()}`];
    if (c) return c;
  }
  const one = /([A-Za-z]+)\s+$/.exec(before);
  if (one) {
    const c = BEFORE[one[1]!.toLowerCase()];
    if (c) return c;
  }
  return undefined;
}
