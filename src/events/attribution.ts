// Who says so: "according to X", "X said/reported", "pro-Damascus media reported", else the outlet.
import { type ActorMention, type NlpDoc, within } from "../nlp/pipeline.js";
import type { Attribution, SourceKind, Span } from "../types/index.js";
import { readModel } from "./classify.js";

let sourceKinds: Map<string, SourceKind> | undefined;
let phrases: { kind: SourceKind; re: RegExp }[] | undefined;
const kinds = () => (sourceKinds ??= new Map(readModel("sources.tsv", 2).map(([id, k]) => [id, k as SourceKind])));
const phraseKinds = () => (phrases ??= readModel("source-phrases.tsv", 2).map(([k, p]) => ({ kind: k as SourceKind, re: new RegExp(p, "iu") })));

const SAY = "(?:said|says|reported|reports|claimed|claims|announced|told|stated|confirmed|added|quoted|cited|according)";
const ACCORDING = /\b(?:according to|citing|cited by|quoted by|reports? by|said by|as reported by)\s+([^,.;“”"()]{2,90})/iu;
const SAID = new RegExp(`\\b${SAY}\\b`, "g");

const actorMaps = new WeakMap<NlpDoc, Map<string, NlpDoc["actors"][number]>>();
function actorMap(doc: NlpDoc) {
  let m = actorMaps.get(doc);
  if (!m) actorMaps.set(doc, (m = new Map(doc.actors.map((a) => [a.id, a]))));
  return m;
}

function describe(doc: NlpDoc, span: Span, text: string): Attribution | undefined {
  const kindOf = actorMap(doc);
  const inside = within(doc.mentions, span.start, span.end);
  // the source itself is the last named actor in the phrase ("the Syrian Observatory for Human Rights monitoring group")
  const pick = (ms: ActorMention[]) => ms.find((m) => ["media", "monitor"].includes(kindOf.get(m.actor)?.kind ?? "")) ?? ms[ms.length - 1];
  const m = pick(inside);
  if (m) {
    const a = kindOf.get(m.actor)!;
    const phraseKind = phraseKinds().find((p) => p.re.test(text) && (p.kind === "partisan-media" || p.kind === "state-media"))?.kind;
    let kind: SourceKind =
      a.kind === "media" ? (kinds().get(a.id) ?? "other") : a.kind === "monitor" ? "monitor" : a.kind === "person" || a.kind === "state" || a.kind === "state-force" ? "official" : "other";
    if (phraseKind && a.kind !== "media" && a.kind !== "monitor") kind = phraseKind;
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
    const wm = /((?:[\p{L}\p{N}'’-]+\s+){0,9}[\p{L}\p{N}'’-]+)\s*$/u.exec(head);
    if (!wm) continue;
    const m = { index: Math.max(0, v.index - 120) + wm.index, 1: wm[1] };
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
