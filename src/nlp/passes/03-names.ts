// Pass 03: proper-noun runs ("Ahmed Abu Kholeh", "Deir Ezzor", "Syrian Observatory for Human Rights"):
// capitalized words, joined by particles such as "al-", "bin", "of the". Used for persons, places
// and discovering actors the lexicon lacks.
import type { NlpDoc, Pass } from "../pipeline.js";

const CAP = String.raw`(?:(?:al|el|ad|as|ash|ar|ez|bin|ibn|abu|Abu|de|du|van|von|da)[-\s])?\p{Lu}[\p{L}\p{N}'’.\-]*`;
const JOIN = String.raw`(?:\s+(?:of|for|the|and|de|la|al|bin|ibn|wal|ul)\s+|\s+|-)`;
const RUN = new RegExp(String.raw`(?<![\p{L}\p{N}])${CAP}(?:${JOIN}${CAP})*`, "gu");

/** Proper-noun runs in `text` between `start` and `end`. */
export function nameRuns(text: string, start = 0, end = text.length): { start: number; end: number; text: string }[] {
  const out: { start: number; end: number; text: string }[] = [];
  const s = text.slice(start, end);
  RUN.lastIndex = 0;
  for (let m = RUN.exec(s); m; m = RUN.exec(s)) {
    let t = m[0].replace(/['’]s$/, "").replace(/[.'’-]+$/, "");
    // trailing joiners ("Syria and") are not part of the run
    t = t.replace(/\s+(?:of|for|the|and)$/, "");
    if (t.length < 2) continue;
    out.push({ start: start + m.index, end: start + m.index + t.length, text: t });
  }
  return out;
}

export const namesPass: Pass = {
  name: "03-names",
  requires: ["sentences"],
  assigns: ["names"],
  run(doc: NlpDoc) {
    for (const s of doc.sentences) doc.names.push(...nameRuns(doc.text, s.start, s.end));
  },
};
