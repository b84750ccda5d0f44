// Ingest's language guess (src/ingest/language.ts): the stopword share of a body, whatever the case,
// the accents or the length of the stopwords, and the page's declaration when the body does not say.
import assert from "node:assert/strict";
import { test } from "node:test";
import { decideLanguage, guessLanguage } from "../../src/ingest/language.js";

const SAMPLES: [string, string][] = [
  ["en", "The army said that the convoy was hit on the road to the city, and they had not been able to reach it for the wounded who were left there by the others."],
  ["fr", "Le gouvernement a annoncé que les combats dans la région ont été plus violents cette semaine, mais elle ne sont pas encore terminés pour les habitants du village."],
  ["de", "Die Regierung hat am Montag mitgeteilt, dass die Kämpfe in der Region nicht nachgelassen haben und es auch für die Bewohner des Dorfes keine Hilfe gibt."],
  ["es", "El gobierno dijo que los combates en la región fueron más intensos, pero también que la ayuda ya llegó a las familias del pueblo por la carretera del norte."],
  ["id", "Pemerintah mengatakan bahwa mereka tidak akan menyerah karena pertempuran di wilayah itu masih berlangsung dan warga desa belum mendapat bantuan dari luar."],
  ["tr", "Hükümet, bölgedeki çatışmaların daha da arttığını ve köy halkı için yardımın henüz gelmediğini açıkladı; ama bu kadar olan her şey yeni değil olarak görülüyor ve bir gün sonra yine de aynı."],
];

test("guessLanguage: each sample's language, in any case", () => {
  for (const [lang, text] of SAMPLES) {
    assert.equal(guessLanguage(text), lang, `${lang}: ${text.slice(0, 40)}`);
    assert.equal(guessLanguage(text.toUpperCase()), lang, `${lang} upper-cased`);
  }
});

test("guessLanguage: 7-letter and accented stopwords count like short ones", () => {
  // "también" (7 letters, accented) and "mereka"/"karena" (6 letters) are the stopwords of these texts
  const es = Array.from({ length: 30 }, (_, i) => `también palabra${i}`).join(" ");
  assert.equal(guessLanguage(es), "es", "también");
  const id = Array.from({ length: 30 }, (_, i) => `mereka karena kata${i}`).join(" ");
  assert.equal(guessLanguage(id), "id", "mereka, karena");
});

test("guessLanguage: too short or without stopwords → undefined; the declaration decides then", () => {
  assert.equal(guessLanguage("The army said it was there."), undefined, "under 20 words");
  const none = Array.from({ length: 40 }, (_, i) => `xyzzy${i} plugh`).join(" ");
  assert.equal(guessLanguage(none), undefined, "no stopwords");
  assert.equal(decideLanguage("en-GB", none), "en", "the declared language stands");
  assert.equal(decideLanguage("de", SAMPLES[0][1]), "en", "the body contradicts the declaration");
});

test("guessLanguage: the same answer for a text and for it lower-cased, whatever letters it holds", () => {
  // "İ" lower-cases to two units (a letter and a mark), the Kelvin sign "K" to an ASCII "k": the guess reads
  // words as the lower-cased text has them
  for (const [lang, text] of SAMPLES) {
    for (const t of [text, text.replace(/i/g, "İ"), text.replace(/k/g, "\u212a"), text.toUpperCase(), `ΣΟΦΙΑΣ ${text} ΟΔΟΣ`]) {
      assert.equal(guessLanguage(t), guessLanguage(t.toLowerCase()), `${lang}: ${t.slice(0, 40)}`);
    }
  }
  // a long a-z word is read whole: "xyzzyth" is no stopword, nor are its first six letters one
  const longWords = Array.from({ length: 30 }, () => "the xyzzyth").join(" ");
  assert.equal(guessLanguage(longWords), "en", "long a-z words beside stopwords");
});
