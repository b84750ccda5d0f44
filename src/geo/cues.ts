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
  const words = text.slice(Math.max(0, start - 40), start).split(/\s+/);
  // words[words.length - 1] is "" when the name follows a space
  if (words.length >= 2 && words[words.length - 1] === "") {
    const w1 = words[words.length - 2]!.toLowerCase();
    const w0 = words.length >= 3 ? words[words.length - 3]!.toLowerCase() : "";
    if (/^[a-z]+$/.test(w1)) {
      if (/^[a-z]+$/.test(w0)) {
        const c = BEFORE[`${w0} ${w1}`];
        if (c) return c;
      }
      const c = BEFORE[w1];
      if (c) return c;
    }
  }
  return undefined;
}
