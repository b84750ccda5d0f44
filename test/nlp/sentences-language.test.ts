// Passes 01-02: sentence spans and the English check.
import assert from "node:assert/strict";
import { test } from "node:test";
import { notEnglish } from "../../src/nlp/passes/02-language.js";
import { splitSentences } from "../../src/nlp/passes/01-sentences.js";

const SENTENCES: [string, string[]][] = [
  ["The SDF launched an offensive. Isis fighters retreated.", ["The SDF launched an offensive.", "Isis fighters retreated."]],
  ["U.S. troops arrived on Saturday. They met Col. Ryan Dillon.", ["U.S. troops arrived on Saturday.", "They met Col. Ryan Dillon."]],
  ["A headline without a full stop\nThe body starts here.", ["A headline without a full stop", "The body starts here."]],
  ["“We will respond,” he said. The talks failed.", ["“We will respond,” he said.", "The talks failed."]],
  ["", []],
  ["... --- !!!", []],
];

for (const [text, expected] of SENTENCES) {
  test(`sentences: ${JSON.stringify(text.slice(0, 40))}`, () => {
    assert.deepEqual(
      splitSentences(text).map((s) => text.slice(s.start, s.end)),
      expected,
    );
  });
}

const LANGUAGE: [string, boolean][] = [
  ["The Syrian Democratic Forces launched an offensive against Isis on Saturday, the monitor said.", true],
  ["Les Forces démocratiques syriennes ont lancé une offensive contre l'État islamique samedi, selon l'observatoire.", false],
  ["Die Demokratischen Kräfte Syriens haben am Samstag eine Offensive gegen den Islamischen Staat begonnen.", false],
  ["قوات سوريا الديمقراطية أطلقت هجوما ضد تنظيم الدولة الإسلامية يوم السبت في دير الزور", false],
  ["Сирийские демократические силы начали наступление против Исламского государства в субботу", false],
  ["SDF attack", true],
];
for (const [text, english] of LANGUAGE) {
  test(`language: ${text.slice(0, 30)}`, () => assert.equal(notEnglish(text) === undefined, english));
}

test("language: function words counted in any case, short and long, English and others", () => {
  // 8 French function words ("LES", "de", "la", "et", "dans", "pour", "avec", "cette"), 2 English ("THE", "of"), 26 words
  const text = "LES combattants de la ville et dans les villages pour avec cette armée THE forces of Bashar marchent lentement vers Raqqa hier soir quand personne attendait rien demain matin";
  const why = notEnglish(text);
  assert.match(why ?? "", /^more function words of other languages \(\d+\) than of English \(2\)$/, `reason: ${why}`);
  assert.equal(notEnglish(text.toLowerCase()), why, "the same counts lower-cased");
});
