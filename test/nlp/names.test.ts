// Pass 03's hand-written proper-noun matcher must find exactly the runs its defining pattern finds
// (the pattern is kept here as the specification), on crafted and on generated text.
import assert from "node:assert/strict";
import { test } from "node:test";
import { nameRuns } from "../../src/nlp/passes/03-names.js";

const CAP = String.raw`(?:(?:al|el|ad|as|ash|ar|ez|bin|ibn|abu|Abu|de|du|van|von|da)[-\s])?\p{Lu}[\p{L}\p{N}'’.\-]*`;
const JOIN = String.raw`(?:\s+(?:of|for|the|and|de|la|al|bin|ibn|wal|ul)\s+|\s+|-)`;
const RUN = new RegExp(String.raw`(?<![\p{L}\p{N}])${CAP}(?:${JOIN}${CAP})*`, "gu");

function byPattern(text: string): { start: number; end: number; text: string }[] {
  const out: { start: number; end: number; text: string }[] = [];
  RUN.lastIndex = 0;
  for (let m = RUN.exec(text); m; m = RUN.exec(text)) {
    let t = m[0].replace(/['’]s$/, "").replace(/[.'’-]+$/, "");
    t = t.replace(/\s+(?:of|for|the|and)$/, "");
    if (t.length >= 2) out.push({ start: m.index, end: m.index + t.length, text: t });
  }
  return out;
}

const CRAFTED = [
  "Ahmed Abu Kholeh, head of the Deir Ezzor Military Council, told Reuters.",
  "The Syrian Observatory for Human Rights said Bashar al-Assad's forces and Hayat Tahrir al-Sham fought.",
  "Staffan de Mistura met the U.S. envoy in Geneva and Astana.",
  "Forces of the Syria and Iraq border; the Bank of America; Abu-Bakr al-Baghdadi’s men.",
  "ÉTAT Ünal über Ωmega 𝐀bc \ud835 lone Ж",
  "ash-Sham, as-Suwayda, ibn Saud, bin Laden, van Gogh, von Trapp, da Silva",
];

test("names: the matcher agrees with the pattern on crafted text", () => {
  for (const t of CRAFTED) assert.deepEqual(nameRuns(t), byPattern(t), `runs of ${JSON.stringify(t)}`);
});

/** 3,000 texts of 1–20 random `parts` (a seeded generator): the matcher's runs equal the pattern's on each. */
function agreeOnGenerated(parts: string[], seed: number): void {
  const rnd = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
  for (let k = 0; k < 3000; k++) {
    let t = "";
    const n = 1 + Math.floor(rnd() * 20);
    for (let i = 0; i < n; i++) t += parts[Math.floor(rnd() * parts.length)];
    assert.deepEqual(nameRuns(t), byPattern(t), `runs of ${JSON.stringify(t)}`);
  }
}

test("names: the matcher agrees with the pattern on generated text", () => {
  const parts = ["al-", "al ", "Abu ", "abu-", "bin ", "de ", "van ", " of ", " the ", " and ", "-", " ", "\u00a0", "\n", ".", "'s", "’s", "Syria", "Deir", "Ezzor", "É", "ü", "x", "9", "U.S.", "𝐀bc", "\ud835", "\udc00", "Ж", "’", "A", "e", "i", "ash ", "wal ", "ul ", "la "];
  agreeOnGenerated(parts, 11);
});

test("names: the matcher agrees with the pattern next to near-miss particles and joining words", () => {
  // particles and joiners are looked up by number: other case, one letter more or less, a non-ASCII letter
  const parts = ["al-", "Al-", "AL ", "ab ", "abü ", "dé ", "déu ", "bi ", "bins ", " of ", " Of ", " fo ", " ofs ", " o ", " the", "the ", " andd ", " an ", " thé ", " ul ", " uls ", " wa ", " walx ", "Syria", "Deir", "É", "x", "-", " ", "\n", "’s", "of", "and", "A"];
  agreeOnGenerated(parts, 7);
});

test("names: a part of a text has the runs the pattern finds in that part alone", () => {
  // nameRuns reads only text[start, end): no run reaches across either end, none is cut by what lies beyond
  const parts = ["al-", "Abu ", "bin ", " of ", " the ", "-", " ", "Syria", "Deir", "É", "x", "U.S.", "𝐀bc", "\ud835", "\udc00", "’", "A", "e", "ash "];
  let seed = 5;
  const rnd = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
  for (let k = 0; k < 2000; k++) {
    let t = "";
    const n = 2 + Math.floor(rnd() * 20);
    for (let i = 0; i < n; i++) t += parts[Math.floor(rnd() * parts.length)];
    const a = Math.floor(rnd() * t.length);
    const b = a + Math.floor(rnd() * (t.length - a + 1));
    const want = byPattern(t.slice(a, b)).map((r) => ({ start: r.start + a, end: r.end + a, text: r.text }));
    assert.deepEqual(nameRuns(t, a, b), want, `runs of ${JSON.stringify(t)} in [${a}, ${b})`);
  }
});
