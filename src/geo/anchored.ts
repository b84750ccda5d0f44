// Matches of a phrase pattern found from the fixed word it ends with ("the Kazakh capital", "the
// Syrian-Turkish border"): the pattern is tried (sticky) only at the few characters before each
// occurrence of the word, instead of at every position of the text. The matches are the ones a global
// scan finds, in its order, for any pattern whose text before the word is at most `groups` runs of
// spaces and words (letters, marks, hyphens) — anything else ends the look back.

/**
 * The matches of `sticky` (a pattern with the y flag whose match holds `word` after up to `groups`
 * space-separated words) in `text`, as `text.matchAll` of the same pattern with the g flag finds them.
 */
export function matchesEndingWith(text: string, word: string, groups: number, sticky: RegExp): RegExpExecArray[] {
  const out: RegExpExecArray[] = [];
  let lastEnd = 0;
  for (let c = text.indexOf(word); c >= 0; c = text.indexOf(word, c + 1)) {
    // back over the spaces and words a match may hold before this occurrence (never into the last match)
    let s = c;
    for (let g = 0; g < groups; g++) {
      while (s > lastEnd && spaceLike(text.charCodeAt(s - 1))) s--;
      while (s > lastEnd && wordLike(text.charCodeAt(s - 1))) s--;
    }
    for (let p = s; p < c; p++) {
      sticky.lastIndex = p;
      const m = sticky.exec(text);
      if (m) {
        out.push(m);
        lastEnd = p + m[0].length;
        break;
      }
    }
  }
  return out;
}

// (characters outside ASCII count as both: the look back only has to reach at least as far as a match can)
function spaceLike(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13) || c >= 128;
}

function wordLike(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 45 || c >= 128;
}
