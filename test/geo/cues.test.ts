// Cue words around a place name ("Hasaka province", "the city of X", "the capital X"): the word
// right after the name, else the one or two words right before it, each within a short window.
import assert from "node:assert/strict";
import { test } from "node:test";
import { cuesAround } from "../../src/geo/cues.js";

function cuesOf(text: string, name: string): string[] | undefined {
  const start = text.indexOf(name);
  assert.ok(start >= 0, `"${name}" is in the test text`);
  return cuesAround(text, start, start + name.length);
}

test("cues: the word after the name, in any case and after any spaces", () => {
  assert.deepEqual(cuesOf("fighting in Hasaka province on Monday", "Hasaka"), ["ADM1", "ADM2"], "X province");
  assert.deepEqual(cuesOf("in Hasaka\u00a0Province.", "Hasaka"), ["ADM1", "ADM2"], "no-break space, capitalised");
  assert.deepEqual(cuesOf("the Euphrates river bank", "Euphrates"), ["STM"], "X river");
  assert.equal(cuesOf("in Hasaka, province officials said", "Hasaka"), undefined, "a comma ends the name's words");
  assert.equal(cuesOf("in Hasakaprovince", "Hasaka"), undefined, "a word glued to the name is no cue");
  assert.equal(cuesOf(`in Hasaka${" ".repeat(30)}province`, "Hasaka"), undefined, "too far after the name");
});

test("cues: one or two words before the name", () => {
  assert.deepEqual(cuesOf("the city of Mayadin was hit", "Mayadin"), ["PPL"], "city of X");
  assert.deepEqual(cuesOf("the Kazakh capital Astana", "Astana"), ["PPLC"], "capital X");
  assert.deepEqual(cuesOf("THE CITY OF Mayadin", "Mayadin"), ["PPL"], "upper case");
  assert.equal(cuesOf("the city of-Mayadin", "Mayadin"), undefined, "the name must follow a space");
  assert.equal(cuesOf("the city, of Mayadin", "Mayadin"), undefined, "'city,' is no word of the cue");
  assert.equal(cuesOf(`city of${" ".repeat(40)}Mayadin`, "Mayadin"), undefined, "too far before the name");
  assert.equal(cuesOf("Mayadin", "Mayadin"), undefined, "nothing around the name");
});
