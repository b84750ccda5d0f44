// Which ACLED sub-event type a sentence reports: weighted trigger patterns from model/triggers.tsv,
// summed per type, with the pseudo-types TERRITORY and ATTACK resolved by who acts and who is hit.
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { firstFrom } from "../nlp/pipeline.js";
import type { EventType, SubEventType } from "../types/index.js";
import { objectList } from "../types/object-list.js";
import { isWordCode } from "./literal-prefixes.js";
import { triggerPrefixes } from "./trigger-prefixes.js";

const here = dirname(fileURLToPath(import.meta.url));

/** Rows of a tab-separated file in events/model/, skipping comments. */
export function readModel(name: string, minCols: number): string[][] {
  const path = join(here, "model", name);
  return readFileSync(path, "utf8")
    .split("\n")
    .map((l, i) => [l.replace(/\r$/, ""), i] as const)
    .filter(([l]) => l.trim() !== "" && !l.startsWith("#"))
    .map(([l, i]) => {
      const cols = l.split("\t");
      if (cols.length < minCols) throw new Error(`${path}:${i + 1}: expected ${minCols} tab-separated columns`);
      return cols;
    });
}

/**
 * `s` as V8's internalized copy (the one kept for property names): a model's type and kind names read
 * from a file are otherwise each a string of their own, compared with the literals in the code
 * character by character, and code that met only internalized ones was thrown away at the first other.
 */
export function interned(s: string): string {
  return Object.keys({ [s]: 0 })[0] ?? s;
}

export const EVENT_TYPE: Record<SubEventType, EventType> = {
  "Armed clash": "Battles",
  "Government regains territory": "Battles",
  "Non-state actor overtakes territory": "Battles",
  "Chemical weapon": "Explosions/Remote violence",
  "Air/drone strike": "Explosions/Remote violence",
  "Suicide bomb": "Explosions/Remote violence",
  "Shelling/artillery/missile attack": "Explosions/Remote violence",
  "Remote explosive/landmine/IED": "Explosions/Remote violence",
  Grenade: "Explosions/Remote violence",
  "Sexual violence": "Violence against civilians",
  Attack: "Violence against civilians",
  "Abduction/forced disappearance": "Violence against civilians",
  "Peaceful protest": "Protests",
  "Protest with intervention": "Protests",
  "Excessive force against protesters": "Protests",
  "Violent demonstration": "Riots",
  "Mob violence": "Riots",
  Agreement: "Strategic developments",
  Arrests: "Strategic developments",
  "Change to group/activity": "Strategic developments",
  "Disrupted weapons use": "Strategic developments",
  "Headquarters or base established": "Strategic developments",
  "Looting/property destruction": "Strategic developments",
  "Non-violent transfer of territory": "Strategic developments",
  Other: "Strategic developments",
};

export type TriggerType = SubEventType | "TERRITORY" | "ATTACK" | "NONE";

interface Trigger {
  type: TriggerType;
  weight: number;
  re: RegExp;
  context?: RegExp;
  rule: string;
  /** Lower-case literal starts, one of which every match begins with (absent when not derivable). */
  prefixes?: string[];
  /** `re` anchored at lastIndex, for trying the pattern where one of its prefixes occurs. */
  sticky: RegExp;
}

let triggers: Trigger[] | undefined;
function load(): Trigger[] {
  if (triggers) return triggers;
  const counts = new Map<string, number>();
  const prefixesOf = triggerPrefixes(); // computed at install, else here
  triggers = readModel("triggers.tsv", 3).map(([type, weight, pat, ctx]) => {
    if (type !== "TERRITORY" && type !== "ATTACK" && type !== "NONE" && !(type in EVENT_TYPE)) throw new Error(`triggers.tsv: unknown type ${type}`);
    const n = (counts.get(type) ?? 0) + 1;
    counts.set(type, n);
    return {
      type: interned(type) as TriggerType,
      weight: Number(weight),
      // ASCII word boundary and no unicode flag: the patterns are plain English, and this keeps V8 fast
      re: new RegExp(String.raw`\b(?:${pat})`, "gi"),
      context: ctx ? new RegExp(ctx, "i") : undefined,
      rule: `${type.toLowerCase().replace(/[^a-z]+/g, "-")}#${n}`,
      prefixes: prefixesOf(pat),
      sticky: new RegExp(String.raw`\b(?:${pat})`, "iy"),
    };
  });
  buildIndex(triggers);
  return triggers;
}

/**
 * A character trie of every pattern's literal prefixes: one pass over a text, walked from each word
 * boundary, finds each place where some pattern can start, and the deepest prefix reached names the
 * patterns to try there (those with a prefix that it starts with). Patterns without derivable
 * prefixes are scanned in full. (A trie, not one regex of the prefixes: V8 tries such an alternation
 * prefix by prefix, and long prefixes, which send few places to the patterns, make it slow.)
 */
interface PrefixIndex {
  /**
   * Per node (numbered depth first, the root 0): the symbol of its only child, which is numbered right
   * after it; BRANCH when it has more children (see `row`); NO_CHILD for none.
   */
  only: Int8Array;
  /** Per node with more than one child, its row of `next`. */
  row: Uint16Array | Int32Array;
  /** `next[row * SYMBOLS + symbol]`: the child node, or 0 (node 0 is the root, never a child). */
  next: Uint16Array | Int32Array;
  /** 1 where a prefix ends at the node. */
  ends: Uint8Array;
  /** The rows to try where a prefix ends at this node, else undefined. */
  rowsAt: (number[] | undefined)[];
  full: number[];
}
const BRANCH = -2;
const NO_CHILD = -1;
/** The characters prefixes are made of ([a-z0-9' -] and ".", see `heads` in literal-prefixes.ts), numbered; upper-case letters as lower-case. */
const SYMBOL = new Int8Array(128).fill(-1);
const SYMBOLS = (() => {
  const chars = "abcdefghijklmnopqrstuvwxyz0123456789' -.";
  for (let k = 0; k < chars.length; k++) {
    SYMBOL[chars.charCodeAt(k)] = k;
    const up = chars[k].toUpperCase().charCodeAt(0);
    if (up !== chars.charCodeAt(k)) SYMBOL[up] = k;
  }
  return chars.length;
})();
let index: PrefixIndex | undefined;
function buildIndex(T: Trigger[]): void {
  // the rows of each prefix
  const rowsOf = new Map<string, number[]>();
  let chars = 0;
  T.forEach((t, i) => {
    for (const q of t.prefixes ?? []) {
      const rows = rowsOf.get(q);
      if (!rows) {
        rowsOf.set(q, [i]);
        chars += q.length;
      } else if (rows[rows.length - 1] !== i) rows.push(i);
    }
  });
  // The prefixes in sorted order, each after the one it shares the most with, make the trie's nodes in
  // depth-first order: a node's first child is made right after it, so a walk down the single letters
  // of a prefix goes from a node to the next one (most nodes have one child: no table row for them),
  // and the tables are small enough to stay in the CPU's caches between articles.
  const parentOf = new Int32Array(chars + 1);
  const symOf = new Int8Array(chars + 1);
  const endAt = new Uint8Array(chars + 1);
  // where a prefix ends, the rows of every prefix that it starts with (the ends passed on the way down)
  const rowsAt: (number[] | undefined)[] = [undefined];
  // (the nodes on the way down to the last prefix, and the rows passed at each)
  const path = [0];
  const passed: number[][] = [[]];
  let nodes = 1;
  let prev = "";
  for (const p of [...rowsOf.keys()].sort()) {
    let shared = 0;
    while (shared < prev.length && p.charCodeAt(shared) === prev.charCodeAt(shared)) shared++;
    for (let d = shared; d < p.length; d++) {
      const node = nodes++;
      parentOf[node] = path[d];
      symOf[node] = SYMBOL[p.charCodeAt(d)];
      rowsAt.push(undefined);
      path[d + 1] = node;
      passed[d + 1] = passed[d];
    }
    const end = path[p.length];
    passed[p.length] = [...new Set([...passed[p.length], ...rowsOf.get(p)!])].sort((x, y) => x - y);
    rowsAt[end] = passed[p.length];
    endAt[end] = 1;
    prev = p;
  }
  const Index = nodes < 65536 ? Uint16Array : Int32Array;
  const children = new Int32Array(nodes);
  for (let k = 1; k < nodes; k++) children[parentOf[k]]++;
  const only = new Int8Array(nodes).fill(NO_CHILD);
  const row = new Index(nodes);
  let branches = 0;
  for (let k = 0; k < nodes; k++) {
    if (children[k] === 1) only[k] = symOf[k + 1];
    else if (children[k] > 1) {
      only[k] = BRANCH;
      row[k] = branches++;
    }
  }
  const next = new Index(branches * SYMBOLS);
  for (let k = 1; k < nodes; k++) if (only[parentOf[k]] === BRANCH) next[row[parentOf[k]] * SYMBOLS + symOf[k]] = k;
  index = { only, row, next, ends: endAt.slice(0, nodes), rowsAt, full: T.flatMap((t, i) => (t.prefixes ? [] : [i])) };
}

export interface Hit {
  type: TriggerType;
  weight: number;
  start: number;
  end: number;
  text: string;
  rule: string;
}

/** A copy of a hit with another weight, built field by field like every hit (one object shape for V8, where a spread copy makes another). */
export function withWeight(h: Hit, weight: number): Hit {
  return { type: h.type, weight, start: h.start, end: h.end, text: h.text, rule: h.rule };
}

/** One match of a trigger pattern in the text. */
interface TriggerMatch {
  t: number;
  start: number;
  end: number;
  text: string;
}
const NO_MATCH: TriggerMatch = { t: 0, start: 0, end: 0, text: "" };
/** The one list of a pattern without matches, shared by every scan (never pushed to: a first match makes a list). */
const NO_MATCHES: TriggerMatch[] = objectList(NO_MATCH);

/** Adds `m` to pattern `i`'s matches (its own list made at its first match, of the kind that holds objects). */
function addMatch(out: TriggerMatch[][], i: number, m: TriggerMatch): void {
  if (out[i] === NO_MATCHES) out[i] = [m];
  else out[i].push(m);
}

/** Every trigger match in `text`, per pattern, in text order: one scan of the text per pattern. */
export function scanTriggers(text: string): TriggerMatch[][] {
  const T = load();
  const ix = index!;
  const { only, row, next, ends, rowsAt } = ix;
  // (every list made of the array kind that holds objects: V8 threw this scan's code away at lists of
  // another kind)
  const out: TriggerMatch[][] = [];
  // (most patterns match nowhere in a text: they share one empty list)
  for (let i = 0; i < T.length; i++) out.push(NO_MATCHES);
  // the same matches as a global scan of each pattern: the first match of a pattern at or after the end
  // of its previous one, tried only where one of the pattern's prefixes occurs (after a word boundary,
  // as the patterns start with \b; letters compared case-insensitively, as the patterns' "i" flag does
  // for ASCII)
  const nextFrom = new Array<number>(T.length).fill(0);
  const n = text.length;
  let wordBefore = false;
  for (let pos = 0; pos < n; pos++) {
    const c = text.charCodeAt(pos);
    const word = isWordCode(c);
    if (word === wordBefore) continue;
    wordBefore = word;
    // the deepest prefix that starts here
    let deepest = 0;
    let node = 0;
    for (let k = pos; k < n; k++) {
      const ch = text.charCodeAt(k);
      const sym = ch < 128 ? SYMBOL[ch] : -1;
      if (sym < 0) break;
      const o = only[node];
      if (o === sym) node++;
      else if (o === BRANCH) {
        node = next[row[node] * SYMBOLS + sym];
        if (node === 0) break;
      } else break;
      if (ends[node] === 1) deepest = node;
    }
    if (deepest === 0) continue;
    const rows = rowsAt[deepest]!;
    for (const i of rows) {
      if (pos < nextFrom[i]) continue;
      const re = T[i].sticky;
      re.lastIndex = pos;
      const m = re.exec(text);
      if (!m) continue;
      addMatch(out, i, { t: 0, start: pos, end: pos + m[0].length, text: m[0] });
      nextFrom[i] = pos + Math.max(1, m[0].length);
    }
  }
  for (const i of ix.full) {
    const t = T[i];
    t.re.lastIndex = 0;
    for (let m = t.re.exec(text); m; m = t.re.exec(text)) {
      addMatch(out, i, { t: 0, start: m.index, end: m.index + m[0].length, text: m[0] });
      if (m[0].length === 0) t.re.lastIndex++;
    }
  }
  return out;
}

/** Trigger hits of one sentence from a `scanTriggers` result (the first match of each pattern). */
export function sentenceTriggers(scan: ReturnType<typeof scanTriggers>, text: string, start: number, end: number, context?: string): Hit[] {
  const T = load();
  const out: Hit[] = [];
  let sText: string | undefined;
  for (let i = 0; i < T.length; i++) {
    const list = scan[i];
    if (list.length === 0) continue;
    // the first match at or after the sentence start
    const lo = firstFrom(list, start);
    const m = lo < list.length && list[lo].end <= end ? list[lo] : undefined;
    if (!m) continue;
    const t = T[i];
    if (t.context) {
      sText ??= text.slice(start, end);
      if (!t.context.test(sText) && !(context && t.context.test(context))) continue;
    }
    out.push({ type: t.type, weight: t.weight, start: m.start, end: m.end, text: m.text, rule: t.rule });
  }
  return out;
}

/** Trigger hits in `text[start, end)`; `context` is the text the context patterns may also look at. */
export function findTriggers(text: string, start: number, end: number, context?: string): Hit[] {
  const s = text.slice(start, end);
  const out: Hit[] = [];
  for (const t of load()) {
    t.re.lastIndex = 0;
    const m = t.re.exec(s);
    if (!m) continue;
    if (t.context && !t.context.test(s) && !(context && t.context.test(context))) continue;
    out.push({ type: t.type, weight: t.weight, start: start + m.index, end: start + m.index + m[0].length, text: m[0], rule: t.rule });
  }
  return out;
}

const CIVILIAN = /\b(?:civilians?|villagers|residents|worshippers|people|children|women|farmers|passengers|students|journalists?|teachers?|aid workers|pilgrims|families|family|population|mosque|church|market|school|hospital|homes?|houses?|wedding|refugees|displaced|a man|a woman|a boy|a girl|a father|a mother)\b/i;
const ARMED_TARGET = /\b(?:soldiers?|troops|army|military|police|policem[ae]n|checkpoints?|convoys?|bases?|patrols?|positions|posts?|barracks|forces|militants?|fighters?|rebels?|insurgents?|security|guards?|jihadists?|outposts?|officers?|militias?|militiam[ae]n|peacekeepers?|gendarmes?|paramilitar(?:y|ies)|servicem[ae]n|personnel|combatants?|recruits|cadets|trainees|commanders?)\b/i;
// "police said", "according to security sources", "before troops arrived": the forces that report an
// attack or respond to it are not its target
const SAYS_SECURITY = /\b(?:according to (?:the )?(?:local |provincial |district )?(?:police|security|military|army)(?: \w+){0,2}|(?:police|security|military|army|armed forces|forces|troops) (?:sources?|officials?|spokes(?:man|woman|person)|chief|commander|officers?)? ?(?:said|says|say|told|reported|confirmed|added)|(?:before|until|after|when|as|by the time) (?:\S+ ){0,2}?(?:security forces|troops|soldiers|police|the army|reinforcements) (?:\S+ )?(?:arrived|responded|reached|intervened|came|were deployed))\b/gi;
const GOV = /\b(?:government|troopers|army|armed forces|troops|military|regime|security forces|police|soldiers|state forces|federal|national guard)\b/i;
const NONSTATE = /\b(?:militants?|rebels?|insurgents?|jihadists?|fighters|militias?|militiamen|gunmen|terrorists?|separatists?|islamists?|extremists?|taliban|al-shabaa?b|shabaab|boko haram|isis|isil|islamic state|daesh|houthis?|hezbollah|hts|sdf|ypg|pkk|farc|eln|al-qaeda|qaeda)\b/i;
const ARMED_KINDS = ["state-force", "state", "rebel-group", "political-militia", "identity-militia", "jihadist-group", "external-force"];
const GENERIC_TYPES: string[] = ["Armed clash", "Peaceful protest", "Attack", "Other"];
const EXPLOSIVE: TriggerType[] = ["Remote explosive/landmine/IED", "Suicide bomb", "Grenade", "Shelling/artillery/missile attack", "Air/drone strike", "Chemical weapon"];
const REGAIN = /^(?:re|liberat|regain|took back|taken back|seized back|recover|reclaim|clawed|wrested)/i;

const BY_AGENT = /\bby (?:an? |the )?(?:\S+ ){0,3}?(?:soldiers?|troops|army|military|police|policem[ae]n|forces|militants?|fighters?|rebels?|insurgents?|jihadists?|militias?|militiam[ae]n|gunmen|attackers|assailants)\b/gi;
// the end of the words before a trigger that make it passive ("were killed", "was attacked")
const PASSIVE_BEFORE = /\b(?:was|were|been|being|is|are)\s+(?:\w+ly\s+)?$/i;
// where the clause of a trigger starts: its subject is the nearest words after this
const CLAUSE_START = /(?:[,;:]|\b(?:when|as|after|while|before|and|but|where|then))\s/gi;

/**
 * An attack on civilians ("Attack") or on armed men (a battle)? Civilians are hit when the sentence
 * names them and no armed target outside the attacker's own clause subject: in "Soldiers killed
 * unarmed civilians during a raid" the soldiers attack, they are not hit.
 */
function attackOn(h: Hit, sentence: string, actor2Kind: string | undefined, seen: AttackSeen | undefined): "Attack" | "Armed clash" {
  if (actor2Kind !== undefined && actor2Kind !== "civilians") return "Armed clash";
  // (read off the words alone: the same for every classification of the sentence)
  let armed = seen?.armed;
  if (armed === undefined) {
    armed = armedHit(h, sentence);
    if (seen) seen.armed = armed;
  }
  // civilians hit beside armed men ("killed a soldier and two civilians"): still a battle
  if (actor2Kind === "civilians") return armed ? "Armed clash" : "Attack";
  return CIVILIAN.test(sentence) && !armed ? "Attack" : "Armed clash";
}

/** What an attack's words say of whom it hit: armed men, outside the attacker's own clause subject? */
function armedHit(h: Hit, sentence: string): boolean {
  const at = sentence.indexOf(h.text);
  let rest = sentence;
  if (at > 0) {
    const before = sentence.slice(0, at);
    if (!PASSIVE_BEFORE.test(before)) {
      // drop the clause's subject: from the last clause start before the trigger up to the trigger
      let cut = 0;
      for (const m of before.matchAll(CLAUSE_START)) cut = m.index + m[0].length;
      rest = before.slice(0, cut) + sentence.slice(at);
    }
  }
  // (a cheap exact pre-test: no armed word in the words, none once spans are cut out of them, as
  // SAYS_SECURITY and BY_AGENT match from a word start to a word end and ARMED_TARGET whole words)
  if (!ARMED_TARGET.test(rest)) return false;
  // nor are the attackers named after "by" ("civilians were killed by militants")
  return ARMED_TARGET.test(rest.replace(SAYS_SECURITY, " ").replace(BY_AGENT, " "));
}

/** Whether an attack hit armed men (`armedHit`), once worked out for a hit of the sentence. */
interface AttackSeen {
  armed: boolean | undefined;
}

const GRIEVANCE = /\b(?:against|over|protesting|denouncing|condemning|decrying|to (?:protest|denounce|condemn|decry)|(?:anger|outrage|fury) (?:at|over)|demanding justice for|in protest at)\s+(?:the |a |an |their |his |her |its |recent |alleged |last \w+'s )?(?:[\w'’-]+\s+){0,2}$/i;
/** True when `h` is what a protest is against ("against the killing of"), read off the words before it. */
function grievance(h: Hit, sentence: string): boolean {
  const at = sentence.indexOf(h.text);
  return at > 0 && GRIEVANCE.test(sentence.slice(Math.max(0, at - 60), at));
}

const ACCUSATION = /\b(?:(?:suspected|accused|convicted|charged|wanted|arrested|detained) (?:\w+ ){0,2}?(?:of|for|with|over|in connection with)|suspects? (?:in|of|over|behind|for)|involved in|behind|responsible for|planning|plotting|linked to)\s+(?:the |a |an |allegedly |last \w+'s )?(?:[\w'’-]+\s+){0,3}$/i;
// after the arrest only: "arrested … after rockets were fired", "arrested men who fired rockets"
const ARREST_AFTER = /\b(?:who (?:had |have |allegedly )?|after|following|in the wake of)\s+(?:the |a |an |allegedly |last \w+'s )?(?:[\w'’-]+\s+){0,3}$/i;
/** True when `h` is what people arrested are accused of ("arrested men suspected of firing rockets"). */
function accusation(h: Hit, sentence: string, afterArrest: boolean): boolean {
  const at = sentence.indexOf(h.text);
  if (at <= 0) return false;
  const before = sentence.slice(Math.max(0, at - 70), at);
  return ACCUSATION.test(before) || (afterArrest && ARREST_AFTER.test(before));
}
const FEARED = /\b(?:threats? of|fears? of|risk of|danger of|possibility of|prospect of|spectre of|specter of)\s+(?:an? |the |further |more |new |possible )?(?:[\w'’-]+\s+){0,1}$/i;
const PRO_GOV = /\b(?:pro-?government|pro-?regime|government-(?:backed|allied|aligned)|regime-backed|loyal to the (?:government|president|regime|state)|allied (?:with|to) the (?:government|army|regime))\b/i;

export interface Classification {
  subType: SubEventType;
  score: number;
  trigger: Hit;
  hits: Hit[];
  /** The reason, in words, for --explain (written when read). */
  readonly reason: string;
}

/** What the other hits of a sentence say about each one (see `cue`). */
interface SentenceCues {
  /** a device found, defused or seized did not go off: the explosive words describe that device */
  disrupted: boolean;
  /** rockets and missiles fired from aircraft are the munitions of an air strike, not shelling */
  airborne: boolean;
  /** a bomb or shell at a protest is the explosion, not force the police used on the protesters */
  explosive: boolean;
  /** protesters detained at their protest: the arrest is the intervention (unless arrested for organising it) */
  heldAtProtest: boolean;
  /** "protested against the desecration of …": in a protest report, what the protest is against is its grievance */
  protest: boolean;
  /** "arrested three men suspected of firing rockets": what the arrested are accused of is background */
  arrestAt: number;
}

// a protest's intervention trigger that is itself an arrest
const HELD_AT_PROTEST = /^(?:arrest|detain|rounded)/i;

function sentenceCues(hits: Hit[]): SentenceCues {
  // (one loop with no closure per call: V8 compiles it once, where the six searches over the hits
  // were thrown away when a rare one first ran)
  let disrupted = false;
  let airborne = false;
  let explosive = false;
  let detained = false;
  let arrested = false;
  let protest = false;
  let arrestAt = Number.POSITIVE_INFINITY;
  for (const h of hits) {
    const t = h.type;
    if (t === "Disrupted weapons use" && h.weight >= 6) disrupted = true;
    if (t === "Air/drone strike" && h.weight >= 3) airborne = true;
    if (EXPLOSIVE.includes(t)) explosive = true;
    if (t === "Protest with intervention" && HELD_AT_PROTEST.test(h.text)) detained = true;
    if (t === "Arrests" && h.weight >= 6) arrested = true;
    if (t === "Peaceful protest") protest = true;
    if (t === "Arrests" && h.weight >= 3 && h.start < arrestAt) arrestAt = h.start;
  }
  return { disrupted, airborne, explosive, heldAtProtest: detained && !arrested, protest, arrestAt };
}

/** The hit as it counts in this sentence (its weight cut when not yet or not really happening), or undefined when it does not count. */
function cue(h: Hit, sentence: string, k: SentenceCues): Hit | undefined {
  if (k.protest && h.type !== "Peaceful protest" && h.type !== "NONE" && grievance(h, sentence)) return undefined;
  // (where the hit's words first occur in the sentence, looked up once)
  const at = h.type === "NONE" ? -1 : Math.max(0, sentence.indexOf(h.text));
  // "vowed to retake", "a launching pad to liberate": an infinitive capture has not happened yet; it is
  // an event (planned, says its modality) only when nothing that did happen is reported beside it
  if (h.type === "TERRITORY" && /\bto\s+$/i.test(sentence.slice(Math.max(0, at - 4), at))) {
    h = withWeight(h, h.weight / 4);
  }
  // "under threat of arrest", "fears of a massacre": a feared event is not the one reported
  if (h.type !== "NONE" && FEARED.test(sentence.slice(Math.max(0, at - 40), at))) {
    h = withWeight(h, h.weight / 4);
  }
  if (k.arrestAt < Number.POSITIVE_INFINITY && h.type !== "Arrests" && h.type !== "NONE" && accusation(h, sentence, h.start > k.arrestAt)) return undefined;
  if (k.disrupted && h.type === "Remote explosive/landmine/IED") return undefined;
  if (k.heldAtProtest && h.type === "Arrests") return undefined;
  if (k.airborne && h.type === "Shelling/artillery/missile attack") return undefined;
  if (k.explosive && h.type === "Excessive force against protesters") return undefined;
  return h;
}

/** Who took territory: the government's side or a non-state actor. */
function territoryType(h: Hit, sentence: string, actor1Kind?: string, actor2Kind?: string): SubEventType {
  // "the town fell to the Taliban": the actor after the trigger is the one that took it
  const taker = actor1Kind === undefined && /^fall|^fell/i.test(h.text) ? actor2Kind : actor1Kind;
  const loser = taker === actor1Kind ? actor2Kind : undefined;
  // ACLED counts forces fighting for the government (pro-government militias) with the government
  const state = taker === "state-force" || taker === "state" || PRO_GOV.test(sentence.slice(0, Math.max(0, sentence.indexOf(h.text))));
  const nonState = taker !== undefined && !state;
  const objState = loser === "state-force" || loser === "state";
  if (state) return "Government regains territory";
  if (nonState) return "Non-state actor overtakes territory";
  // no subject found: who lost it ("captured two NPA camps" → taken from a non-state actor)
  if (loser !== undefined && ARMED_KINDS.includes(loser)) return objState ? "Non-state actor overtakes territory" : "Government regains territory";
  if (REGAIN.test(h.text) && GOV.test(sentence)) return "Government regains territory";
  if (NONSTATE.test(sentence)) return "Non-state actor overtakes territory";
  return GOV.test(sentence) ? "Government regains territory" : "Non-state actor overtakes territory";
}

/** The type a (counted) hit stands for, given who acts and who is hit. */
function typeOf(h: Hit, hits: Hit[], sentence: string, actor1Kind: string | undefined, actor2Kind: string | undefined, seen: AttackSeen | undefined): SubEventType | "NONE" {
  let t: SubEventType | "NONE";
  if (h.type === "TERRITORY") t = territoryType(h, sentence, actor1Kind, actor2Kind);
  else if (h.type === "ATTACK") {
    t = attackOn(h, sentence, actor2Kind, seen);
  } else if (h.type === "Attack" && /\bpeople\b/i.test(h.text) && !/civilian/i.test(sentence)) {
    // "killed 38 people, mostly soldiers": people alone does not say who was hit
    t = attackOn(h, sentence, actor2Kind, seen);
  } else t = h.type;
  // a non-state armed group does not arrest: its captures are abductions (but "arrested" is taken
  // at its word: de facto authorities such as Hamas or the Houthis arrest, ACLED says)
  if (t === "Arrests" && !/^(?:arrest|detain|detention|custody|in custody|jailed|remanded)/i.test(h.text) && actor1Kind !== undefined && ARMED_KINDS.includes(actor1Kind) && actor1Kind !== "state-force" && actor1Kind !== "state") t = "Abduction/forced disappearance";
  // ACLED never codes protesters or rioters as parties to a battle: their fighting is a riot
  if ((actor1Kind === "protesters" || actor1Kind === "rioters") && (t === "Armed clash" || t === "Attack")) t = "Violent demonstration";
  // ACLED: force used on demonstrators who are themselves violent is part of the riot, not excessive force
  if (t === "Excessive force against protesters" && hits.some((x) => x.type === "Violent demonstration")) t = "Violent demonstration";
  return t;
}

/**
 * What a sentence's hits say whoever acts, worked out once for all its classifications (with and
 * without the actors' kinds): each hit as it counts (`cue`), and whether an attack hit armed men.
 */
export class CuedHits {
  readonly cued: (Hit | undefined)[] = [];
  readonly seen: AttackSeen[] = [];
  constructor(
    readonly hits: Hit[],
    sentence: string,
  ) {
    const k = sentenceCues(hits);
    for (const h of hits) {
      this.cued.push(cue(h, sentence, k));
      this.seen.push({ armed: undefined });
    }
  }
}

/**
 * The sub-event type a sentence reports, or undefined when it reports none (or something outside
 * ACLED's kinds). `actor1Kind` is the kind of the actor that acts, when known ("state-force" …).
 * `of` is the sentence's hits, or a `CuedHits` of them made for this sentence.
 */
export function classify(of: Hit[] | CuedHits, sentence: string, actor1Kind?: string, actor2Kind?: string): Classification | undefined {
  const c = of instanceof CuedHits ? of : new CuedHits(of, sentence);
  const hits = c.hits;
  // per type, in the order first counted: its strongest cue and the sum of its cues' weights
  // (a few parallel arrays searched in place: no Map made per call)
  const types: (SubEventType | "NONE")[] = [];
  const best: Hit[] = [];
  const sum: number[] = [];
  const counted: { t: SubEventType | "NONE"; h: Hit }[] = [];
  for (let i = 0; i < hits.length; i++) {
    const h = c.cued[i];
    if (!h) continue;
    const t = typeOf(h, hits, sentence, actor1Kind, actor2Kind, c.seen[i]);
    // the same words matched by two patterns of one type are one cue: the stronger counts
    const same = sameCue(counted, t, h);
    let k = types.indexOf(t);
    if (same) {
      if (h.weight <= same.h.weight) continue;
      sum[k] -= same.h.weight;
      same.h = h;
    } else counted.push({ t, h });
    if (k < 0) {
      k = types.length;
      types.push(t);
      best.push(h);
      sum.push(0);
    } else if (h.weight > best[k].weight) best[k] = h;
    sum[k] += h.weight;
  }
  // the strongest cue of a type counts fully, further cues of the same type a quarter
  // ties go to the more specific type: the generic ones carry a small handicap
  let top = -1;
  let topScore = 0;
  let none = 0;
  for (let k = 0; k < types.length; k++) {
    const t = types[k];
    const s = best[k].weight + 0.25 * (sum[k] - best[k].weight) - (GENERIC_TYPES.includes(t) ? 0.1 : 0);
    if (t === "NONE") none = s;
    else if (top < 0 || s > topScore) {
      top = k;
      topScore = s;
    }
  }
  if (top < 0) return undefined;
  if (none > topScore) return undefined;
  return new Classified(types[top] as SubEventType, topScore, best[top], hits, none);
}

/** A classification (a class: its reason a getter of the prototype, where an object literal with a getter is made slowly every time). */
class Classified implements Classification {
  constructor(
    readonly subType: SubEventType,
    readonly score: number,
    readonly trigger: Hit,
    readonly hits: Hit[],
    /** the score of the outside-ACLED cues */
    private readonly none: number,
  ) {}

  // only --explain reads it: written when asked
  get reason(): string {
    const { subType, score, hits, none } = this;
    return `${subType} scored ${score} (${hits.map((h) => `${h.type}:"${h.text}"+${h.weight}`).join(", ")})${none ? `; outside-ACLED cues ${none}` : ""}`;
  }
}

/** The cue of type `t` already counted that overlaps `h`, if any. */
function sameCue(counted: { t: SubEventType | "NONE"; h: Hit }[], t: SubEventType | "NONE", h: Hit): { t: SubEventType | "NONE"; h: Hit } | undefined {
  for (const c of counted) if (c.t === t && c.h.start < h.end && h.start < c.h.end) return c;
  return undefined;
}
