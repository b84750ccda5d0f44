// Pass 01's own sentence splitter: the cases where a "." does or does not end a sentence, and a
// check that the splitter gives the same spans as wink-nlp (which it replaced) on ordinary prose.
import assert from "node:assert/strict";
import { test } from "node:test";
import model from "wink-eng-lite-web-model";
import winkNLP from "wink-nlp";
import { splitSentences } from "../../src/nlp/passes/01-sentences.js";

const split = (text: string) => splitSentences(text).map((s) => text.slice(s.start, s.end));

const ROWS: [string, string[]][] = [
  ["Gen. Joseph Votel visited. He left.", ["Gen. Joseph Votel visited.", "He left."]],
  ["Talks began at 5 p.m. EST on Friday. They ended late.", ["Talks began at 5 p.m. EST on Friday.", "They ended late."]],
  ["The Washington, D.C. attorney general sued. Facebook said nothing.", ["The Washington, D.C. attorney general sued.", "Facebook said nothing."]],
  ["George W. Bush spoke. Then he left.", ["George W. Bush spoke.", "Then he left."]],
  ["He said Syria ... It was over.", ["He said Syria ... It was over."]],
  // a quoted question ends a sentence even before "he asked" (as wink-nlp did; kept for identical output)
  ["“Why are we there?” he asked. Nobody answered!", ["“Why are we there?”", "he asked.", "Nobody answered!"]],
  ["He said, ‘I’m going to fight.’” But Afrin fell.", ["He said, ‘I’m going to fight.’”", "But Afrin fell."]],
  ["Visit gu.com/letters for more. Or write.", ["Visit gu.com/letters for more.", "Or write."]],
  ["It happened at 12.15pm. Then it stopped.", ["It happened at 12.15pm.", "Then it stopped."]],
  ["Is it over? No. Jack is still there.", ["Is it over?", "No.", "Jack is still there."]],
  ["The island is safe.“ The island is calm.", ["The island is safe.", "“ The island is calm."]],
];

for (const [text, want] of ROWS) {
  test(`sentence splitter: ${JSON.stringify(text.slice(0, 40))}`, () => assert.deepEqual(split(text), want));
}

test("sentence splitter: same spans as wink-nlp on plain news prose", () => {
  const text =
    "The Syrian Democratic Forces launched an offensive against Isis on Saturday. The US-backed alliance seized several hilltops, the Syrian Observatory for Human Rights said.\n" +
    "Government forces broke the siege of Deir Ezzor earlier this week! Did Russia help? Officials in Moscow said it did.";
  const wink = winkNLP(model, ["sbd"]);
  const want = (wink.readDoc(text).sentences().out() as string[]).map((s) => s.trim());
  assert.deepEqual(split(text), want);
});

test("sentence splitter: lines without a letter or digit are no sentences; letters outside the BMP and digits count; blanks trimmed", () => {
  const t = "Fighting resumed.\n— — —\n\u{1D400}\u{1D401} bold.\n2017.\n  \n”. \u00a0It ended. ";
  assert.deepEqual(
    splitSentences(t).map((s) => t.slice(s.start, s.end)),
    ["Fighting resumed.", "\u{1D400}\u{1D401} bold.", "2017.", "It ended."],
  );
});
