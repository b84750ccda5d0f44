// Table tests for place recognition in running text (src/geo/recognize.ts via geoparse).
import assert from "node:assert/strict";
import { test } from "node:test";
import { loadGazetteer } from "../../src/geo/gazetteer.js";
import { geoparse } from "../../src/geo/index.js";
import { findDemonyms, recognize, type WordLooks } from "../../src/geo/recognize.js";

const gazetteer = loadGazetteer()!;

function found(text: string, exclude: { start: number; end: number }[] = []): string[] {
  return geoparse(text, { gazetteer, exclude })
    .places.filter((p) => !p.relative)
    .flatMap((p) => p.mentions.map((m) => m.text));
}

// [sentence, mentions that must be found, words that must not be places]
const ROWS: [string, string[], string[]][] = [
  ["Fighting broke out in Deir ez-Zor on Monday.", ["Deir ez-Zor"], ["Monday"]],
  // currencies, people after a sentence-initial first name, a country inside an outlet's name
  ["Donors pledged US$2.8 million and $US 400,000 for Kenya.", ["Kenya"], ["US"]],
  ["Tim Whitley, an official in Dallas, spoke. According to Whitley, spraying works.", ["Dallas"], ["Whitley"]],
  ["The vet, Dr. Julia Peters of Auckland, said. According to Peters, it is safe.", ["Auckland"], ["Peters"]],
  ["It was reported by ABC Australia. Aid from Australia arrived.", ["Australia"], []],
  ["Neighbouring Israel closed the crossing.", ["Israel"], []],
  // an organisation some gazetteers list as a region is an actor in news
  ["The European Union and EU ministers met in Brussels.", ["Brussels"], ["European Union", "EU"]],
  // "X of Y" headed by an organisation word: Y belongs to the name; other "of" phrases keep it
  ["Researchers at the University of California and the Bank of America met in Chicago.", ["Chicago"], ["California", "America"]],
  ["The Governor of Texas flew over the Gulf of Mexico.", ["Texas"], []],
  // a first name seen in a full name is the person later, even when it folds like a province ("A'ana")
  ["When Anna Campbell joined the YPG, her father was in Lewes. He thinks of Anna every day.", ["Lewes"], ["Anna"]],
  // a lone word that is only some place's other name ("Rival" for Tallinn, "Wash" for Washington) is a word
  ["Officials said Rival brands were recalled in Texas.", ["Texas"], ["Rival"]],
  ["Residents should Wash their hands, officials in Ohio said.", ["Ohio"], ["Wash"]],
  // a US state's postal code after "Town, " when the town has a namesake in that state
  ["A tornado hit Austin, TX, and Portland, ME.", ["Austin", "TX", "Portland", "ME"], []],
  ["Stars were seen in Hollywood, LA, and Paris, OK.", ["Hollywood", "LA", "Paris"], []],
  ["The town of al-Shadadi in Hasaka province was retaken.", ["al-Shadadi", "Hasaka"], []],
  ["Troops reached Dayr az Zawr and Deir el-Zour.", ["Dayr az Zawr", "Deir el-Zour"], []],
  ["Rebels shelled the city of Idlib and villages near Maarat al-Numan.", ["Idlib"], []],
  ["US-backed fighters and Iran-backed militias clashed.", [], ["US", "Iran"]],
  ["The Deir Ezzor Military Council said it would advance.", [], ["Deir Ezzor"]],
  ["President Bashar al-Assad spoke in Damascus.", ["Damascus"], ["Assad"]],
  ["Syrian and Kurdish forces met Iraqi officials in Baghdad.", ["Baghdad"], ["Syrian", "Kurdish", "Iraqi"]],
  ["Will the talks in Geneva succeed?", ["Geneva"], ["Will"]],
  ["Officials in Kyiv and Kharkiv reported strikes on the Dnipro dam.", ["Kyiv", "Kharkiv"], []],
  ["The outbreak spread from Texas to New York and California.", ["Texas", "New York", "California"], []],
  ["Aid reached the West Bank and the Gaza Strip via the Rafah crossing.", ["West Bank", "Gaza Strip", "Rafah crossing"], []],
  ["Heavy rain hit Lagos, Nigeria, and Accra.", ["Lagos", "Nigeria", "Accra"], []],
  ["A tornado hit Paris, Tenn., and Springfield, Ill., on Sunday.", ["Paris", "Tenn", "Springfield", "Ill"], ["Sunday"]],
  ["Flooding in Cairo, Ga., and Salem, Ore.", ["Cairo", "Salem"], []],
  ["Mark Roberts, a reporter for The Independent, said so.", [], ["Roberts", "Independent", "Mark"]],
  // "X said" is a person unless X is a country / big place or follows a locative word
  ["Libya insisted on further talks, and Spain says it agrees.", ["Libya", "Spain"], []],
  ["Jimmy Philmont, 39, of Fairfield told reporters the water was safe.", ["Fairfield"], []],
  ["Officers questioned Campbell, and Ivins said nothing.", [], ["Ivins"]],
  // a big place before an office word is still a place; a longer proper name is not
  ["New York Governor Andrew Cuomo met the Mexico City Health Secretary.", ["New York", "Mexico City"], []],
];

for (const [text, want, notPlaces] of ROWS) {
  test(`recognize: ${text}`, () => {
    const got = found(text);
    for (const w of want) assert.ok(got.includes(w), `missing ${w}; got ${JSON.stringify(got)}`);
    for (const n of notPlaces) assert.ok(!got.includes(n), `${n} taken as a place; got ${JSON.stringify(got)}`);
  });
}

test("actor spans from the NLP stage are never places", () => {
  const text = "Hama Brigade fighters entered Hama.";
  const got = found(text, [{ start: 0, end: 12 }]);
  assert.deepEqual(got, ["Hama"]);
  assert.equal(geoparse(text, { gazetteer, exclude: [{ start: 0, end: 12 }] }).places[0]?.mentions[0]?.start, 30);
});

// the spans come in any order, one may hold another, and one that ends where a name starts leaves it a place
test("actor spans exclude what any of them covers, in any order, nested or not", () => {
  const text = "Shelling hit Homs, Hama and Aleppo on Monday. Later Idlib was hit.";
  assert.deepEqual(found(text), ["Homs", "Hama", "Aleppo", "Idlib"], "without actor spans every town is a place");
  const idlib = text.indexOf("Idlib");
  // [0, 35) covers Homs, Hama and Aleppo; [14, 15) starts after it and ends before Aleppo; [40, idlib) ends at Idlib
  const got = found(text, [{ start: 14, end: 15 }, { start: 40, end: idlib }, { start: 0, end: 35 }]);
  assert.deepEqual(got, ["Idlib"], `only Idlib is outside the spans; got ${JSON.stringify(got)}`);
});

test("demonym + capital: 'the Kazakh capital' is Astana", () => {
  const r = geoparse("Talks will be held in the Kazakh capital next week.", { gazetteer });
  assert.equal(r.places[0]?.name, "Astana");
  assert.equal(r.places[0]?.countryCode, "KZ");
});

// Known misses, kept as a backlog (not asserted): [sentence, what is missed]
export const BACKLOG: [string, string][] = [
  ["He was born in Reading.", "ambiguous English word as a small town"],
];

test("demonyms: a common word that folds like a demonym is not one ('The' / 'Thai')", () => {
  const d = findDemonyms("The Thai army and The Kenyan police met. These talks were the first.", gazetteer);
  assert.deepEqual(
    d.map((x) => x.text),
    ["Thai", "Kenyan"],
    `found ${d.map((x) => `${x.text}→${x.countryCode}`).join(", ")}`,
  );
});

// geoparse hands findDemonyms the words the recognizer looked up (their answers kept on the looks): the
// same demonyms as asked afresh, a capitalised common word that folds like one ("They" / "Thai") still none
test("demonyms: answered from the recognizer's look-ups as from the memo", () => {
  const text = "They said Thai and Syrian troops met in Aleppo. Turkish envoys came. They left Syria.";
  const looks: WordLooks = new Map();
  recognize(text, gazetteer, [], looks);
  assert.ok(looks.has("They") && looks.has("Thai"), `the recognizer looked up ${JSON.stringify([...looks.keys()])}`);
  const show = (ds: ReturnType<typeof findDemonyms>) => ds.map((d) => `${d.text}@${d.start}→${d.countryCode ?? d.featureIndex}`);
  const fresh = show(findDemonyms(text, gazetteer));
  assert.deepEqual(show(findDemonyms(text, gazetteer, looks)), fresh, "the looks answer as the memo does");
  assert.deepEqual(fresh, ["Thai@10→TH", "Syrian@19→SY"], `found ${JSON.stringify(fresh)}`);
});
