// Who did what to whom, where and when: sentences with conflict triggers → ConflictEvents.
// For each sentence: trigger hits (classify.ts) → actors by position (actor1 before the trigger,
// actor2 after it, "by X" in the passive) → location (nearest place mention, else "in X"/"X province")
// → date (nearest date mention, else the publication day) → fatalities → modality → attribution.
// Then one primary event per document, and "opposes" relations read off hostile events.
import { isArmed } from "../nlp/passes/04-actors.js";
import { datesFor } from "../nlp/passes/06-dates.js";
import type { ActorMention, NlpDoc } from "../nlp/pipeline.js";
import type { Actor, Article, Attribution, ConflictEvent, EventDate, Evidence, Modality, Place, Relation, Span, Warning } from "../types/index.js";
import { warning } from "../types/index.js";
import { attribute } from "./attribution.js";
import { type Classification, CuedHits, classify, EVENT_TYPE, type Hit, interned, readModel, scanTriggers, sentenceTriggers, withWeight } from "./classify.js";
import { type FoundLocation, findLocation } from "./location.js";
import { PrefixedRegex } from "./prefixed-regex.js";

const PASS = "events";

export interface EventsResult {
  events: ConflictEvent[];
  /** "opposes" relations read off hostile events. */
  relations: Relation[];
  warnings: Warning[];
}

let modalityCues: { modality: Modality; re: PrefixedRegex }[] | undefined;
// (each tried only where one of its words starts: V8 runs an /iu alternation slowly at every position)
const cues = () => (modalityCues ??= readModel("modality.tsv", 2).map(([m, p]) => ({ modality: interned(m) as Modality, re: new PrefixedRegex(new RegExp(p, "iu")) })));

const NUMBER_WORDS: Record<string, number> = {
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12,
  thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19, twenty: 20, thirty: 30, forty: 40, fifty: 50, a: 1, an: 1,
};
const NUM = String.raw`(\d[\d,]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty)`;
const FATAL = [
  new RegExp(String.raw`\b(?:killing|killed|kills|left|leaving)\s+(?:at least |more than |over |about |around |nearly |some |up to )?${NUM}\b(?!\s*(?:%|per cent|percent|km|miles|kilomet|years?|months?|days?|hours?))`, "i"),
  new RegExp(String.raw`\b(?:at least |more than |over |about |around |nearly |some |up to )?${NUM}\s+(?:[\p{L}-]+\s+){0,3}?(?:were |have been |had been |was |are )?(?:killed|dead|died|slain|massacred|executed|lost their lives)\b`, "iu"),
  new RegExp(String.raw`\bdeath toll (?:\S+\s+){0,4}?${NUM}\b`, "i"),
];

/** Deaths stated in a sentence ("killing 12", "at least seven people were killed"), else undefined. */
export function fatalities(sentence: string): number | undefined {
  for (const re of FATAL) {
    const m = re.exec(sentence);
    if (m) {
      const v = m[1].toLowerCase();
      const n = NUMBER_WORDS[v] ?? Number(v.replace(/,/g, ""));
      if (Number.isFinite(n) && n < 100_000) return n;
    }
  }
  return undefined;
}

function modalityOf(doc: NlpDoc, sentence: Span, trigger: Span, futureDate: boolean, named: boolean): [Modality, string] {
  // the clause before the trigger: back to the last ";" or ", but"
  const before = doc.text.slice(sentence.start, trigger.start);
  const clause = before.slice(Math.max(before.lastIndexOf(";"), before.lastIndexOf(", but"), before.lastIndexOf(" but "), 0));
  for (const c of cues()) {
    const m = c.re.exec(clause);
    if (m) return [c.modality, `"${m[0].trim()}" before the trigger`];
  }
  if (futureDate) return ["planned", "the date lies after publication"];
  return named ? ["claimed", "a named source says so"] : ["asserted", "the text states it"];
}

/** The hit cut to its first three words (built field by field like every hit: one object shape for V8). */
function shorten(t: Hit): Hit {
  const m = /^\S+(?:\s+\S+){0,2}/.exec(t.text)!;
  return { type: t.type, weight: t.weight, start: t.start, end: t.start + m[0].length, text: m[0], rule: t.rule };
}

const BACKGROUND = /\b(?:alleged|accused (?:\S+ ){0,3}?of|in response to|in retaliation for|scene of|anniversary of|blamed for|responsibility for|reminiscent of|memory of|investigation into|probe into)\s+(?:the |a |an |its |their |his |her )?(?:[\w'’-]+\s+){0,4}$/i;
// the words before the one who acts, after the trigger: "were killed by (the) X", "fell to (the) X"
const AGENT_BEFORE = /\b(?:(?:were|was|been|being)\s+(?:\S+\s+){0,3}?by|(?:fell|fallen|falls|fall)\s+(?:back\s+)?(?:to|into\s+the\s+hands\s+of))\s+(?:the\s+)?(?:[\w'’-]+\s+){0,2}$/;
// the words before an object, not a subject: "against (the) X", "from X", "by X" …; "On Sunday X",
// "in March X" are dates before a subject
const OBJECT_BEFORE =
  /\b(?:against|on|with|from|of|to|for|into|by|at|in|over|near|toward|towards|between|than)\s+(?:the\s+)?(?:(?!(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|april|may|june|july|august|september|october|november|december)\s)[\p{L}-]+\s+)?$/iu;
// "They" / "the group" as the subject of the trigger: nothing but auxiliaries and adverbs in between.
// A form of "be" makes them the ones acted on ("they were arrested"), unless an -ing form follows
// ("they are now regrouping").
const ANAPHOR = /\b(they|the group)\s+((?:(?:have|has|had|were|was|are|is|also|then|later|reportedly|allegedly|now|again|recently|finally|quickly|successfully|would|will|could|may|might)\s+){0,3})$/i;
const BE = /\b(?:were|was|are|is)\b/i;
// (a module constant: tsx compiles a \p{…} regex literal into a RegExp constructed wherever it is evaluated)
const ING_WORD = /^\p{L}+ing\b/iu;
const GROUP_NOUN =
  /\b(?:jihadists?|jihadis|militants|rebels|insurgents|fighters|gunmen|militiamen|militias?|troops|soldiers|forces|police|protesters|demonstrators|civilians|residents|villagers|people|families|refugees|prisoners|detainees|men|women|children)\b/i;
const GROUP_KINDS = ["rebel-group", "political-militia", "identity-militia", "jihadist-group"];

/**
 * What "they" / "the group" at `at` refers back to: the last actor named as a subject (not after a
 * preposition) before it in this or the previous sentence, when that actor is armed (for "the group": a non-state armed group). Persons are
 * skipped ("they" is not "he"); when the last one named is not armed, "they" are someone else.
 */
function antecedent(nlp: NlpDoc, kindOf: (id: string) => string | undefined, from: number, at: number, group: boolean): ActorMention | undefined {
  let k = 0;
  while (k < nlp.mentions.length && nlp.mentions[k].start < at) k++;
  for (k--; k >= 0 && nlp.mentions[k].start >= from; k--) {
    const m = nlp.mentions[k];
    if (m.end > at || m.rule === "sponsor-adjective" || m.rule === "country-place") continue;
    // subjects carry on as "they"; an object ("liberate Raqqa from Isis") rarely does
    if (OBJECT_BEFORE.test(nlp.text.slice(Math.max(0, m.start - 40), m.start))) continue;
    const kind = kindOf(m.actor);
    if (!kind || kind === "person") continue;
    return (group ? GROUP_KINDS.includes(kind) : isArmed(kind as never)) ? m : undefined;
  }
  return undefined;
}

const NEGATED = /\b(?:no|not|never|without|n't)\b(?:\s+[\w'’-]+){0,2}\s*$/i;
const ACTOR_OK = (kind?: string) => kind !== undefined && (isArmed(kind as never) || ["state", "protesters", "rioters", "civilians", "person"].includes(kind));

/** One document's event extraction: what the per-sentence steps below share. */
class DocEvents {
  readonly warnings: Warning[] = [];
  readonly events: ConflictEvent[] = [];
  readonly relations: Relation[] = [];
  readonly scores: number[] = [];
  readonly classScores: number[] = [];
  readonly text: string;
  readonly actorById: Map<string, Actor>;
  readonly pubDay: string | undefined;
  readonly scan: ReturnType<typeof scanTriggers>;
  /** Index of the first actor mention not before the current sentence. */
  mi = 0;

  constructor(
    readonly nlp: NlpDoc,
    article: Article,
    readonly places: Place[],
    readonly explain: boolean,
  ) {
    this.text = nlp.text;
    this.actorById = new Map(nlp.actors.map((a) => [a.id, a]));
    const pub = nlp.dates.length >= 0 ? article.publishedAt : undefined;
    this.pubDay = pub && /^\d{4}-\d\d-\d\d/.test(pub) ? pub.slice(0, 10) : undefined;
    this.scan = scanTriggers(this.text);
  }

  kindOf(m?: ActorMention): string | undefined {
    return m ? this.actorById.get(m.actor)?.kind : undefined;
  }
}

/** Who acts and who is hit around a first-guess trigger. */
interface Sides {
  actor1?: ActorMention;
  actor2?: ActorMention;
  assoc1: string[];
  passive?: ActorMention;
  anaphor?: ActorMention;
  /** Mentions from the trigger on (the passive agent left out). */
  afterT: ActorMention[];
  subjectKnown: boolean;
}

export function extractEvents(article: Article, nlp: NlpDoc, places: Place[], opts: { explain?: boolean } = {}): EventsResult {
  if (!nlp.english) return { events: [], relations: [], warnings: [] };
  const x = new DocEvents(nlp, article, places, opts.explain === true || nlp.explain);
  const { warnings, events, relations, scores, classScores, text, actorById, scan } = x;

  nlp.sentences.forEach((s, si) => {
    try {
      sentenceEvent(x, s, si);
    } catch (err) {
      warnings.push(warning("PASS_FAILED", `events: ${(err as Error).message}`, `${s.start}-${s.end}`));
    }
  });

  // a report about a disaster or a crime (so says its lede): weak conflict cues in it are not events
  let docNone = 0;
  for (const h of nlp.sentences.slice(0, 2).flatMap((s) => sentenceTriggers(scan, text, s.start, s.end))) if (h.type === "NONE") docNone = Math.max(docNone, h.weight);
  if (docNone >= 6) {
    for (let i = events.length - 1; i >= 0; i--) {
      if (classScores[i] < 4) {
        events.splice(i, 1);
        scores.splice(i, 1);
        classScores.splice(i, 1);
      }
    }
    events.forEach((e, i) => {
      e.id = `e${i + 1}`;
    });
  }
  if (events.length > 0) {
    let best = 0;
    for (let i = 1; i < events.length; i++) if (scores[i] > scores[best]) best = i;
    events[best].primary = true;
  }
  // opposes: both sides of a hostile event
  for (const e of events) {
    if (!["Battles", "Explosions/Remote violence", "Violence against civilians"].includes(e.eventType)) continue;
    if (!e.actor1 || !e.actor2 || e.actor1 === e.actor2 || e.modality === "negated" || e.modality === "hypothetical" || e.modality === "planned") continue;
    const k1 = actorById.get(e.actor1)?.kind;
    const k2 = actorById.get(e.actor2)?.kind;
    if (!k1 || !k2 || !isArmed(k1) || !isArmed(k2)) continue;
    const evd: Evidence = { start: e.trigger.start, end: e.trigger.end, text: e.trigger.text, pass: PASS, rule: `opposes/${e.subEventType}`, confidence: 0.7 };
    const prev = relations.find((r) => r.source === e.actor1 && r.target === e.actor2);
    if (prev) prev.evidence.push(evd);
    else relations.push({ type: "opposes", source: e.actor1, target: e.actor2, evidence: [evd], confidence: 0.7 });
  }
  return { events, relations, warnings };
}

/** The trigger hits of sentence `si`; a trigger in a background clause ("in response to its alleged chemical weapons attack") counts half. */
function sentenceHits(x: DocEvents, s: Span, si: number): Hit[] {
  const { text, nlp } = x;
  const prev = si > 0 ? text.slice(nlp.sentences[si - 1].start, nlp.sentences[si - 1].end) : undefined;
  return sentenceTriggers(x.scan, text, s.start, s.end, prev).map((h) =>
    BACKGROUND.test(text.slice(Math.max(s.start, h.start - 50), h.start)) ? withWeight(h, h.weight / 2) : h,
  );
}

/** The actor mentions of sentence `s` that can act or be hit, outermost only ("Iran" inside "Iran-backed militias" dropped). */
function sentenceActors(x: DocEvents, s: Span): ActorMention[] {
  const { nlp, actorById } = x;
  while (x.mi < nlp.mentions.length && nlp.mentions[x.mi].start < s.start) x.mi++;
  const inSentence: ActorMention[] = [];
  for (let k = x.mi; k < nlp.mentions.length && nlp.mentions[k].start < s.end; k++) inSentence.push(nlp.mentions[k]);
  const ms = inSentence.filter((m) => m.end <= s.end && m.rule !== "sponsor-adjective" && m.rule !== "country-place" && ACTOR_OK(actorById.get(m.actor)?.kind));
  return ms.filter((m) => !ms.some((o) => o !== m && o.start <= m.start && o.end >= m.end && o.end - o.start > m.end - m.start));
}

/** actor1 before the trigger (or "by X" after it, or "they"), actor2 after it. */
function sides(x: DocEvents, s: Span, si: number, trig: Hit, outer: ActorMention[]): Sides {
  const { text } = x;
  const nonPerson = outer.filter((m) => x.kindOf(m) !== "person");
  let actor1: ActorMention | undefined;
  let actor2: ActorMention | undefined;
  const assoc1: string[] = [];
  let anaphor: ActorMention | undefined;
  // passive: "were killed by X"; a place that "fell to X" was taken by X
  const passive = nonPerson.find(
    (m) => m.start > trig.start && m.start - trig.start < 60 && AGENT_BEFORE.test(text.slice(Math.max(s.start, trig.start - 30), m.start)),
  );
  // subjects, not objects: skip mentions right after "against", "from", "by" …
  const OBJ = OBJECT_BEFORE;
  // civilians are the ones hit, never the ones acting
  const beforeT = nonPerson.filter((m) => m.end <= trig.start && x.kindOf(m) !== "civilians" && !OBJ.test(text.slice(Math.max(s.start, m.start - 40), m.start)));
  const afterT = nonPerson.filter((m) => m.start >= trig.start && m !== passive);
  if (passive) {
    actor1 = passive;
    actor2 = beforeT[beforeT.length - 1];
  } else if (beforeT.length > 0) {
    // walk back over a coordination ("Syrian troops and their Iranian-backed allies") to its head
    let i = beforeT.length - 1;
    while (i > 0 && /^\s*(?:,|and|,\s*and|&)\s*(?:(?:its|their|the|his)\s+)?(?:[\p{L}-]+\s+)?$/u.test(text.slice(beforeT[i - 1].end, beforeT[i].start))) i--;
    actor1 = beforeT[i];
    for (let j = i + 1; j < beforeT.length; j++) if (beforeT[j].actor !== actor1.actor) assoc1.push(beforeT[j].actor);
    actor2 = afterT.find((m) => m.actor !== actor1!.actor && !assoc1.includes(m.actor));
  } else if ((anaphor = anaphoricSubject(x, s, si, trig))) {
    actor1 = anaphor;
    actor2 = afterT.find((m) => m.actor !== anaphor!.actor && x.kindOf(m) !== "civilians") ?? afterT.find((m) => m.actor !== anaphor!.actor);
  } else {
    // "clashes between X and Y"
    actor1 = afterT.find((m) => x.kindOf(m) !== "civilians");
    actor2 = afterT.find((m) => m.actor !== actor1?.actor);
  }
  const subjectKnown = passive !== undefined || beforeT.length > 0 || anaphor !== undefined;
  // no subject: the first actor after a one-sided trigger ("liberated Raqqa from Isis") is the one hit
  if (!subjectKnown && actor1 && !/^(?:clash|fight|battl|gun|exchange|skirmish|firefight|engage|talks|negotiat|agree|deal|truce|ceasefire|peace|signed)/i.test(trig.text)) {
    actor2 = actor1;
    actor1 = undefined;
  }
  return { actor1, actor2, assoc1, passive, anaphor, afterT, subjectKnown };
}

/** The classification with the actors' kinds; a negated trigger ("No arrests have been made after … shops were looted") gives way to the next type. */
function classifyWithSides(x: DocEvents, s: Span, si: number, cued: CuedHits, sText: string, sd: Sides): Classification | undefined {
  const { text, nlp } = x;
  const hits = cued.hits;
  const k1 = sd.subjectKnown ? x.kindOf(sd.actor1) : undefined;
  const k2 = sd.subjectKnown ? x.kindOf(sd.actor2) : x.kindOf(sd.actor2 ?? sd.actor1);
  let c = classify(cued, sText, k1, k2);
  if (!c) return undefined;
  // past the lede of a long article, a weak cue alone ("attack", "deal") is as often rhetoric as an
  // event: it makes one only with both sides named
  if (c.score < 3 && !(sd.actor1 && sd.actor2) && si >= 3 && nlp.sentences.length > 8) return undefined;
  if (NEGATED.test(text.slice(Math.max(s.start, c.trigger.start - 40), c.trigger.start))) {
    const first = c;
    const rest = hits.filter((h) => h.type !== first.trigger.type && h.start !== first.trigger.start);
    const alt = classify(rest, sText, k1, k2);
    if (alt && alt.score >= 2 && !NEGATED.test(text.slice(Math.max(s.start, alt.trigger.start - 40), alt.trigger.start))) c = alt;
  }
  return c;
}

/** Actors listed after actor2 ("X, Y and Z"). */
function assoc2Of(x: DocEvents, sd: Sides): string[] {
  const { text } = x;
  const { actor1, actor2, afterT } = sd;
  const assoc2: string[] = [];
  if (actor2) {
    const idx = afterT.indexOf(actor2);
    for (let j = idx + 1; idx >= 0 && j < afterT.length; j++) {
      if (/^\s*(?:,|and|,\s*and)\s*(?:(?:its|their|the)\s+)?(?:[\p{L}-]+\s+)?$/u.test(text.slice(afterT[j - 1].end, afterT[j].start)) && afterT[j].actor !== actor2.actor && afterT[j].actor !== actor1?.actor) assoc2.push(afterT[j].actor);
      else break;
    }
  }
  return assoc2;
}

function sentenceEvent(x: DocEvents, s: Span, si: number): void {
  const { text, nlp } = x;
  const sText = text.slice(s.start, s.end);
  const hits = sentenceHits(x, s, si);
  if (hits.length === 0 || hits.every((h) => h.type === "NONE")) return;
  // a first guess at the trigger, to place the actors around it
  const cued = new CuedHits(hits, sText);
  const first = classify(cued, sText);
  if (!first) return;
  const sd = sides(x, s, si, first.trigger, sentenceActors(x, s));
  const c = classifyWithSides(x, s, si, cued, sText, sd);
  if (!c) return;
  // a long pattern match ("Talks between … are set to") is reported by its first words
  const trigger = c.trigger.text.length > 50 ? shorten(c.trigger) : c.trigger;
  const assoc2 = assoc2Of(x, sd);
  // date: the nearest date mention in the sentence; "since 2014" dates a state that began then
  // ("where troops had been holed up since 2014"), not the event reported
  const ds = datesFor(nlp, s).filter((d) => d.rule !== "since-year");
  ds.sort((a, b) => Math.abs(a.start - trigger.start) - Math.abs(b.start - trigger.start));
  const dm = ds[0];
  const date = dm ? dm.date : { date: x.pubDay ?? "", precision: 2 as const };
  const attribution = attribute(nlp, s);
  const [modality, why] = modalityOf(nlp, s, trigger, dm?.future === true, attribution.kind !== "outlet");
  const loc = findLocation(nlp, s, trigger, x.places);
  addEvent(x, s, si, sText, c, trigger, sd, assoc2, date, modality, why, attribution, loc);
}

function addEvent(
  x: DocEvents,
  s: Span,
  si: number,
  sText: string,
  c: Classification,
  trigger: Hit,
  sd: Sides,
  assoc2: string[],
  date: EventDate,
  modality: Modality,
  why: string,
  attribution: Attribution,
  loc: FoundLocation | undefined,
): void {
  const { actor1, actor2, passive, anaphor } = sd;
  const ev: Evidence[] = [
    { start: trigger.start, end: trigger.end, text: trigger.text, pass: PASS, rule: `trigger/${trigger.rule}`, confidence: Math.min(0.95, 0.4 + c.score / 10) },
  ];
  if (actor1) {
    const rule = passive ? "actor1/passive-by" : anaphor ? "actor1/anaphora" : "actor1/before-trigger";
    ev.push({ start: actor1.start, end: actor1.end, text: actor1.text, pass: PASS, rule, confidence: anaphor ? 0.45 : 0.7 });
  }
  if (actor2) ev.push({ start: actor2.start, end: actor2.end, text: actor2.text, pass: PASS, rule: "actor2/after-trigger", confidence: 0.6 });
  if (x.explain) {
    ev[0].explain = `${c.reason}; modality ${modality}: ${why}; in: ${sText}`;
    if (actor1) {
      ev[1].explain = anaphor
        ? `actor1 "${anaphor.text}" refers back to ${anaphor.explain}`
        : `actor1 ${passive ? `follows "by" or "fell to" after the trigger` : "is the first actor of the clause before the trigger"}`;
    }
  }
  const fat = /kill|dead|died|death|slain|massacr|execut|lost their lives/i.test(sText) ? fatalities(sText) : undefined;
  const e: ConflictEvent = {
    id: `e${x.events.length + 1}`,
    eventType: EVENT_TYPE[c.subType],
    subEventType: c.subType,
    assocActors1: sd.assoc1,
    assocActors2: assoc2,
    date,
    modality,
    attribution,
    primary: false,
    sentence: { start: s.start, end: s.end },
    trigger: { start: trigger.start, end: trigger.end, text: trigger.text },
    evidence: ev,
    confidence: Math.min(0.95, 0.3 + c.score / 10 + (actor1 ? (anaphor ? 0.05 : 0.1) : 0)),
  };
  if (actor1) e.actor1 = actor1.actor;
  if (actor2) e.actor2 = actor2.actor;
  if (loc) {
    e.location = loc.location;
    if (loc.placeId) e.placeId = loc.placeId;
  }
  if (fat !== undefined) e.fatalities = fat;
  x.events.push(e);
  const mod = { asserted: 1, claimed: 1, planned: 0.35, hypothetical: 0.2, negated: 0.05 }[modality];
  x.classScores.push(c.score);
  x.scores.push(c.score * mod * (1 / (1 + 0.3 * si)) * (actor1 ? (anaphor ? 1.05 : 1.15) : 1) * (date.precision === 1 ? 1.1 : 1));
}

/** "They have liberated …": the pronoun before the trigger, as a mention of the actor it refers back to. */
function anaphoricSubject(x: DocEvents, s: Span, si: number, trig: { start: number; text: string }): ActorMention | undefined {
  const { text, nlp, actorById } = x;
  const base = Math.max(s.start, trig.start - 60);
  const m = ANAPHOR.exec(text.slice(base, trig.start));
  if (!m || (BE.test(m[2]) && !ING_WORD.test(trig.text))) return undefined;
  const start = base + m.index;
  if (OBJECT_BEFORE.test(text.slice(Math.max(s.start, start - 40), start))) return undefined;
  const from = si > 0 ? nlp.sentences[si - 1].start : s.start;
  const a = antecedent(nlp, (id) => actorById.get(id)?.kind, from, start, m[1].toLowerCase() === "the group");
  // a group named in between that is no known actor ("drove the jihadists out") may be the one meant;
  // the antecedent's own head noun ("Isis fighters") does not count
  if (!a || GROUP_NOUN.test(text.slice(a.end, start).replace(/^\s*[\p{L}-]+/u, ""))) return undefined;
  return { start, end: start + m[1].length, text: m[1], pass: PASS, rule: "anaphora", confidence: 0.45, actor: a.actor, explain: `"${a.text}", the last armed actor named before it` };
}
