// Who says so: "according to X", "X said/reported", "pro-Damascus media reported", else the outlet.
import { type ActorMention, type NlpDoc, within } from "../nlp/pipeline.js";
import type { Actor, Attribution, SourceKind, Span } from "../types/index.js";
import { interned, readModel } from "./classify.js";
import { PrefixedRegex } from "./prefixed-regex.js";

let sourceKinds: Map<string, SourceKind> | undefined;
let phrases: { kind: SourceKind; re: RegExp }[] | undefined;
const kinds = () => (sourceKinds ??= new Map(readModel("sources.tsv", 2).map(([id, k]) => [id, interned(k) as SourceKind])));
const phraseKinds = () => (phrases ??= readModel("source-phrases.tsv", 2).map(([k, p]) => ({ kind: interned(k) as SourceKind, re: new RegExp(p, "iu") })));

const SAY = "(?:said|says|reported|reports|claimed|claims|announced|told|stated|confirmed|added|quoted|cited|according)";
// (tried only where one of its words starts: V8 runs this /iu alternation slowly at every position)
const ACCORDING = new PrefixedRegex(/\b(?:according to|citing|cited by|quoted by|reports? by|said by|as reported by)\s+([^,.;“”"()]{2,90})/iu);
const SAID = new RegExp(`\\b${SAY}\\b`, "g");

const WORD = /^[\p{L}\p{N}'’-]$/u;
const SPACE = /\s/u;
// per UTF-16 unit: 0 not yet tested, 1 word character, 2 white space, 3 neither
const charClass = new Uint8Array(65536);
const classOf = (c: number, ch: string): number => {
  let v = charClass[c];
  if (v === 0) charClass[c] = v = WORD.test(ch) ? 1 : SPACE.test(ch) ? 2 : 3;
  return v;
};
/** UTF-16 units of the word character ending at `i` (exclusive): 2 for a letter outside the BMP, 0 for none. */
function wordCharBefore(s: string, i: number): number {
  if (i <= 0) return 0;
  const c = s.charCodeAt(i - 1);
  if (c >= 0xdc00 && c <= 0xdfff) return i >= 2 && WORD.test(s.slice(i - 2, i)) ? 2 : 0;
  return classOf(c, s[i - 1]) === 1 ? 1 : 0;
}
const spaceBefore = (s: string, i: number) => i > 0 && classOf(s.charCodeAt(i - 1), s[i - 1]) === 2;

/**
 * The last `max` words of `s` (runs of letters, digits, apostrophes and hyphens parted by white
 * space only), as `/((?:W+\s+){0,max-1}W+)\s*$/u` finds them, without trying every start position.
 */
export function lastWords(s: string, max: number): { index: number; text: string } | undefined {
  let e = s.length;
  while (spaceBefore(s, e)) e--;
  if (wordCharBefore(s, e) === 0) return undefined;
  let i = e;
  let start = e;
  for (let words = 1; ; words++) {
    for (let k = wordCharBefore(s, i); k > 0; k = wordCharBefore(s, i)) i -= k;
    start = i;
    if (words === max) break;
    let j = i;
    while (spaceBefore(s, j)) j--;
    if (j === i || wordCharBefore(s, j) === 0) break;
    i = j;
  }
  return { index: start, text: s.slice(start, e) };
}

/** What attribution reads of an actor, in one object shape: actors come in several (optional fields set or not), and the scans below, which read many actors, had their code thrown away at a shape not met before. */
interface SourceActor {
  id: string;
  name: string;
  kind: Actor["kind"];
}
const actorMaps = new WeakMap<NlpDoc, Map<string, SourceActor>>();
function actorMap(doc: NlpDoc): Map<string, SourceActor> {
  let m = actorMaps.get(doc);
  if (!m) {
    m = new Map();
    for (const a of doc.actors) m.set(a.id, { id: a.id, name: a.name, kind: a.kind });
    actorMaps.set(doc, m);
  }
  return m;
}

/** The source itself among the mentions of a phrase: a media outlet or monitor, else the last named actor ("the Syrian Observatory for Human Rights monitoring group"). */
function sourceOf(ms: ActorMention[], kindOf: Map<string, SourceActor>): ActorMention | undefined {
  return ms.find((m) => ["media", "monitor"].includes(kindOf.get(m.actor)?.kind ?? "")) ?? ms[ms.length - 1];
}

function describe(doc: NlpDoc, span: Span, text: string): Attribution | undefined {
  const kindOf = actorMap(doc);
  const inside = within(doc.mentions, span.start, span.end);
  const m = sourceOf(inside, kindOf);
  if (m) {
    const a = kindOf.get(m.actor)!;
    let kind: SourceKind =
      a.kind === "media" ? (kinds().get(a.id) ?? "other") : a.kind === "monitor" ? "monitor" : a.kind === "person" || a.kind === "state" || a.kind === "state-force" ? "official" : "other";
    // an unnamed media kind in the phrase ("pro-Damascus media") overrides, except for a named outlet or monitor
    // (asked only then, and only of the media kinds' patterns)
    if (a.kind !== "media" && a.kind !== "monitor") {
      const phraseKind = phraseKinds().find((p) => (p.kind === "partisan-media" || p.kind === "state-media") && p.re.test(text))?.kind;
      if (phraseKind) kind = phraseKind;
    }
    const phrase = text.replace(/^(?:the|a|an)\s+/i, "");
    // "pro-Damascus media", "the Syrian military": the phrase when short, else the actor's own name
    const short = phrase.split(/\s+/).length <= 5;
    return { name: a.kind === "person" || a.kind === "media" || a.kind === "monitor" || !short ? a.name : phrase, kind, actor: a.id, span };
  }
  for (const p of phraseKinds()) if (p.re.test(text)) return { name: text.replace(/^(?:the|a|an)\s+/i, ""), kind: p.kind, span };
  return undefined;
}

/** The attribution of a sentence, or the outlet itself when the sentence names no source. */
export function attribute(doc: NlpDoc, sentence: Span): Attribution {
  const s = doc.text.slice(sentence.start, sentence.end);
  const acc = ACCORDING.exec(s);
  if (acc) {
    const st = sentence.start + acc.index + acc[0].length - acc[1].length;
    const a = describe(doc, { start: st, end: st + acc[1].length }, acc[1].trim());
    if (a) return a;
  }
  SAID.lastIndex = 0;
  let last: Attribution | undefined;
  for (let v = SAID.exec(s); v; v = SAID.exec(s)) {
    const head = s.slice(Math.max(0, v.index - 120), v.index).replace(/(?:\s+(?:has|have|had|was|were|is|are|also|previously|earlier|later|repeatedly|reportedly|again|then|now|first|once))+\s*$/, "");
    const wm = lastWords(head, 10);
    if (!wm) continue;
    const m = { index: Math.max(0, v.index - 120) + wm.index, 1: wm.text };
    // only the words after the last clause break are the sayer ("…, the British-based Observatory said")
    const words = m[1];
    const cut = Math.max(words.lastIndexOf(","), words.lastIndexOf(";"));
    const phrase = words.slice(cut + 1).trim();
    const st = sentence.start + m.index + m[1].indexOf(phrase);
    if (/^(?:he|she|they)$/i.test(phrase)) {
      for (let i = doc.mentions.length - 1; i >= 0; i--) {
        const mm = doc.mentions[i];
        if (mm.end > st) continue;
        const a = actorMap(doc).get(mm.actor);
        if (a?.kind === "person") {
          last = { name: a.name, kind: "official", actor: a.id, span: { start: st, end: st + phrase.length } };
          break;
        }
      }
      continue;
    }
    const a = describe(doc, { start: st, end: st + phrase.length }, phrase);
    if (a) last = a;
  }
  if (last) return last;
  return { name: doc.article.outlet ?? "the outlet", kind: "outlet" };
}
