// Pass 04: actors. Finds mentions of lexicon actors (model/actors.tsv), states and their forces
// ("Syrian troops", "the Syrian army" → syria-gov-forces), persons with titles or roles
// ("Ahmed Abu Kholeh, head of the Deir Ezzor Military Council"), actors the lexicon lacks
// ("the X Military Council", "Z militia"), then resolves generic phrases and anaphora
// ("the army" → the focus country's forces, "the jihadists" → the most salient jihadist group).
import type { Actor, ActorKind, Relation } from "../../types/index.js";
import type { ActorMention, NlpDoc, Pass } from "../pipeline.js";
import { expandFinite, PhraseTrie } from "../model/finite-pattern.js";
import { type CountryInfo, type LexActor, loadModel, readTsv, slugify } from "../model/load.js";
import { objectList } from "../../types/object-list.js";
import { classOfUnit, LETTER_BIT, LETTER_OR_DIGIT_BIT, WHITE_SPACE } from "../char-class.js";

const PASS = "04-actors";

interface Cand {
  start: number;
  end: number;
  actor: string;
  rule: string;
  conf: number;
  prio: number;
  /** Resolved after the first round: "focus-forces", "salient:jihadist-group", "id:protesters" … (always present, undefined for the others: one object shape for V8) */
  resolve: string | undefined;
}

interface ActorSpec {
  name: string;
  kind: ActorKind;
  inter?: number;
  country?: string;
  known: boolean;
  role?: string;
  affiliation?: string;
}

// ---- tokens: words, with "U.S." kept whole; hyphens and spaces are separators
const TOKEN = /(?:\p{Lu}\.){2,}|[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu;
interface Tok {
  s: number;
  e: number;
  t: string;
}
// (a module constant: tsx compiles a \p{…} regex literal into a RegExp constructed wherever it is evaluated)
const CAPITAL_START = /^\p{Lu}/u;
// every unit by its class (char-class.ts), ASCII too: one look-up, the same for every character, with no
// branch that only a character above ASCII takes (V8 compiled such a branch without knowing it and threw the
// scan's code away the first time a text took it)
const isWord = (c: number) => (classOfUnit(c) & LETTER_OR_DIGIT_BIT) !== 0;
const isLetter = (c: number) => (classOfUnit(c) & LETTER_BIT) !== 0;
/** Token spans in reusable buffers: token k runs from s[k] to e[k], for k < n (overwritten by the next tokenSpans into it). */
interface Spans {
  s: Int32Array;
  e: Int32Array;
  /** 1 when the token is ASCII letters and digits only (no "é", no inner apostrophe, not "U.S."). */
  plain: Uint8Array;
  n: number;
}
const newSpans = (): Spans => ({ s: new Int32Array(1024), e: new Int32Array(1024), plain: new Uint8Array(1024), n: 0 });
function pushSpan(into: Spans, s: number, e: number, plain: number): void {
  if (into.n === into.s.length) {
    const ns = new Int32Array(into.n * 2);
    const ne = new Int32Array(into.n * 2);
    const np = new Uint8Array(into.n * 2);
    ns.set(into.s);
    ne.set(into.e);
    np.set(into.plain);
    into.s = ns;
    into.e = ne;
    into.plain = np;
  }
  into.s[into.n] = s;
  into.e[into.n] = e;
  into.plain[into.n] = plain;
  into.n++;
}
// one buffer for the pass's own scan of the document, one for tokenize (called while that scan is in use)
const docSpans = newSpans();
const tokSpans = newSpans();
/**
 * The word tokens of `text` from `i` on, into `into`, up to the end or to where a capital-dot pair ("U.S.") may start
 * (not at `noStop`): returns where it stopped. The token there is capitalDots' (tokenSpans goes on after it): the scan
 * only returns, which its optimised code needs nothing new for; code for the pair inside the scan went untried until
 * the first text with one, and V8 threw the scan's code away there.
 */
function scanWords(text: string, into: Spans, i: number, n: number, noStop: number): number {
  while (i < n) {
    const c = text.charCodeAt(i);
    if (!isWord(c)) {
      i++;
      continue;
    }
    // "U.S.", "U.N." : capital-dot pairs, left to capitalDots (every index checked against the length first: a read
    // past the end deoptimises V8's code for it; the three units after a capital are read and tested at once, so that
    // a capital and a full stop alone, "W. Bush", or "U.S" with no second dot, take no branch the optimised code has not tried)
    if (c >= 65 && c <= 90 && i !== noStop && i + 3 < n && ((text.charCodeAt(i + 1) ^ 46) | (text.charCodeAt(i + 3) ^ 46) | (((text.charCodeAt(i + 2) - 65) >>> 0) < 26 ? 0 : 1)) === 0) return i;
    const s = i;
    let plain = 1;
    while (i < n) {
      const d = text.charCodeAt(i);
      // 1: an ASCII letter or digit; 2: another letter or digit, or an inner apostrophe ("People's"; a possessive
      // 's is none: "Isis’s" → "Isis"), either making the token not plain; 0: the token ends here. (One step for
      // all: a step of its own for the rarer two went untried until the first text with an accented letter
      // inside a word, and V8 threw the scan's code away there.)
      const k =
        (d >= 97 && d <= 122) || (d >= 65 && d <= 90) || (d >= 48 && d <= 57)
          ? 1
          : isWord(d) || ((d === 39 || d === 0x2019) && i + 1 < n && isLetter(text.charCodeAt(i + 1)) && !(text[i + 1] === "s" && !(i + 2 < n && isWord(text.charCodeAt(i + 2)))))
            ? 2
            : 0;
      if (k === 0) break;
      if (k === 2) plain = 0;
      i++;
    }
    pushSpan(into, s, i, plain);
  }
  return i;
}
/** The capital-dot pairs token ("U.S.", "U.N.") at `i` pushed into `into`, and where it ends (`i` when there is none). */
function capitalDots(text: string, i: number, into: Spans): number {
  TOKEN.lastIndex = i;
  const m = TOKEN.exec(text);
  if (!m || m.index !== i) return i;
  pushSpan(into, i, i + m[0].length, 0);
  return i + m[0].length;
}
/** Where the word tokens of `text` start and end (see tokenize), in order, into `into`: no string is made for them. */
function tokenSpans(text: string, into: Spans): Spans {
  into.n = 0;
  const n = text.length;
  for (let i = scanWords(text, into, 0, n, -1); i < n; ) {
    const e = capitalDots(text, i, into);
    // (none there: the word at `i` is scanned as any other)
    i = scanWords(text, into, e, n, e === i ? i : -1);
  }
  return into;
}
/**
 * scanWords for the document's own scan only, the same code line for line (test/nlp/actors checks tokenSpans and
 * docTokenSpans agree). Two copies on purpose: V8 keeps one record of what a function has seen per function, and
 * scanWords also reads keys, names and runs, strings of many kinds (one- and two-byte, sliced, joined); with those
 * its character reads go through the slow generic path, and the document scan, most of the characters, with them.
 */
function docScanWords(text: string, into: Spans, i: number, n: number, noStop: number): number {
  while (i < n) {
    const c = text.charCodeAt(i);
    if (!isWord(c)) {
      i++;
      continue;
    }
    // "U.S.", "U.N." : capital-dot pairs, left to capitalDots (every index checked against the length first: a read
    // past the end deoptimises V8's code for it; the three units after a capital are read and tested at once, so that
    // a capital and a full stop alone, "W. Bush", or "U.S" with no second dot, take no branch the optimised code has not tried)
    if (c >= 65 && c <= 90 && i !== noStop && i + 3 < n && ((text.charCodeAt(i + 1) ^ 46) | (text.charCodeAt(i + 3) ^ 46) | (((text.charCodeAt(i + 2) - 65) >>> 0) < 26 ? 0 : 1)) === 0) return i;
    const s = i;
    let plain = 1;
    while (i < n) {
      const d = text.charCodeAt(i);
      // 1: an ASCII letter or digit; 2: another letter or digit, or an inner apostrophe ("People's"; a possessive
      // 's is none: "Isis’s" → "Isis"), either making the token not plain; 0: the token ends here. (One step for
      // all: a step of its own for the rarer two went untried until the first text with an accented letter
      // inside a word, and V8 threw the scan's code away there.)
      const k =
        (d >= 97 && d <= 122) || (d >= 65 && d <= 90) || (d >= 48 && d <= 57)
          ? 1
          : isWord(d) || ((d === 39 || d === 0x2019) && i + 1 < n && isLetter(text.charCodeAt(i + 1)) && !(text[i + 1] === "s" && !(i + 2 < n && isWord(text.charCodeAt(i + 2)))))
            ? 2
            : 0;
      if (k === 0) break;
      if (k === 2) plain = 0;
      i++;
    }
    pushSpan(into, s, i, plain);
  }
  return i;
}
/** tokenSpans for the document's own scan (see docScanWords). */
function docTokenSpans(text: string, into: Spans): Spans {
  into.n = 0;
  const n = text.length;
  for (let i = docScanWords(text, into, 0, n, -1); i < n; ) {
    const e = capitalDots(text, i, into);
    i = docScanWords(text, into, e, n, e === i ? i : -1);
  }
  return into;
}
/** Both scanners' spans of `text` as "start-end-plain" lists, for the test that they agree. */
export function scannerSpansForTest(text: string): [string, string] {
  const list = (sp: Spans) => Array.from({ length: sp.n }, (_, k) => `${sp.s[k]}-${sp.e[k]}-${sp.plain[k]}`).join(" ");
  return [list(tokenSpans(text, newSpans())), list(docTokenSpans(text, newSpans()))];
}
/** A token's text: its characters, with a curly apostrophe written straight ("People’s" → "People's"). */
function tokenText(text: string, s: number, e: number): string {
  const t = text.slice(s, e);
  return t.includes("’") ? t.replace(/’/g, "'") : t;
}
/**
 * FNV-1a over text[s, e) as tokenText writes it (a curly apostrophe counted as a straight one), going on
 * from `h` (FNV0 to start): a key's hash is its tokens' and separators' in turn, made without its string.
 * A table holds `h | 1` (0 is its empty slot).
 */
function fnv(h: number, text: string, s: number, e: number): number {
  for (let i = s; i < e; i++) {
    const c = text.charCodeAt(i);
    h = Math.imul(h ^ (c === 0x2019 ? 39 : c), 16777619);
  }
  return h;
}
const FNV0 = 0x811c9dc5 | 0;
/** Keys by their hashes (see fnv): an open-addressed table (a power-of-two size, at most a quarter full, 0 for empty) and each slot's key. */
interface KeyTable {
  hashes: Int32Array;
  keys: string[];
}
function keyTable(keys: Iterable<string>, count: number): KeyTable {
  let size = 64;
  while (size < count * 4) size *= 2;
  const hashes = new Int32Array(size);
  const slots: string[] = new Array(size).fill("");
  for (const k of keys) {
    const h = fnv(FNV0, k, 0, k.length) | 1;
    let j = h & (size - 1);
    // keys with the same hash each have their own slot
    while (hashes[j] !== 0 && !(hashes[j] === h && slots[j] === k)) j = (j + 1) & (size - 1);
    hashes[j] = h;
    slots[j] = k;
  }
  return { hashes, keys: slots };
}
/**
 * The key of `table` that is `prev`, then (unless `prev` is "") the separator `sep` (see sepBetween), then the token
 * text[s, e) as tokenText writes it, found by its hash `h` (see fnv) and compared in place: no string is made.
 */
function keyAt(table: KeyTable, h: number, prev: string, sep: string, text: string, s: number, e: number): string | undefined {
  const { hashes, keys } = table;
  const mask = hashes.length - 1;
  const at = prev === "" ? 0 : prev.length + sep.length;
  for (let j = h & mask; ; j = (j + 1) & mask) {
    const v = hashes[j];
    if (v === 0) return undefined;
    if (v !== h) continue;
    const k = keys[j];
    if (k.length !== at + e - s || (at > 0 && (!k.startsWith(sep, prev.length) || !k.startsWith(prev)))) continue;
    let i = s;
    for (; i < e; i++) {
      const c = text.charCodeAt(i);
      if (k.charCodeAt(at + i - s) !== (c === 0x2019 ? 39 : c)) break;
    }
    if (i === e) return k;
  }
}
/** Word tokens: letters and digits, with inner apostrophes ("People's") and "U.S." kept whole. */
export function tokenize(text: string): Tok[] {
  const { s, e, n } = tokenSpans(text, tokSpans);
  const out: Tok[] = new Array(n);
  for (let k = 0; k < n; k++) out[k] = { s: s[k], e: e[k], t: tokenText(text, s[k], e[k]) };
  return out;
}
/**
 * The separator a lexicon key has between two tokens (the first ends at `aEnd`, the next starts at `bStart`),
 * or undefined for none: the same rule for an alias (its key) and for text (the scan), so every alias can match
 * as written. White space is one space (a line break only alone), a curly apostrophe is straight, and other
 * punctuation stays as it is, at most GAP_MAX characters: "People's" is "People" "'" "s" (the tokens drop a
 * possessive 's), "Workers' Party" has "' ", "AFC/M23" has "/". Brackets end a key ("CPI (Maoist)" never matches whole).
 */
function sepBetween(text: string, aEnd: number, bStart: number): string | undefined {
  if (bStart - aEnd === 1) {
    const ch = text[aEnd];
    return ch === " " || ch === "-" ? ch : ch === "\n" || ch === "\t" ? " " : ch === "’" ? "'" : GAP_CHARS.test(ch) ? ch : undefined;
  }
  if (bStart - aEnd > GAP_MAX) return undefined;
  const g = text.slice(aEnd, bStart);
  if (/^\s+$/.test(g)) return g.includes("\n") ? undefined : " ";
  if (g.includes("\n") || !/^[\s'’/&,.]+$/.test(g)) return undefined;
  return g.replace(/\s+/g, " ").replace(/’/g, "'");
}
const GAP_MAX = 3;
/** The punctuation a key's separator may have besides white space and "-" (see sepBetween). */
const GAP_CHARS = /^['/&,.]$/;
const keyCache = new Map<string, string>();
const keyOf = (s: string) => {
  const c = keyCache.get(s);
  if (c !== undefined) return c;
  const k = keyOf_(s);
  if (keyCache.size < 50_000) keyCache.set(s, k);
  return k;
};
/**
 * Words of ASCII letters and digits with one space between ("Islamic State", "SDF"): their tokens are the
 * words and their separators single spaces, so such a string is its own key (see keyOf) and its word
 * prefixes are the keys an alias starts with, found without tokenizing it.
 */
const PLAIN_WORDS = /^[A-Za-z0-9]+(?: [A-Za-z0-9]+)*$/;
const keyOf_ = (s: string) => {
  if (PLAIN_WORDS.test(s)) return s;
  const toks = tokenize(s);
  let k = toks[0]?.t ?? "";
  for (let i = 1; i < toks.length; i++) k += (sepBetween(s, toks[i - 1].e, toks[i].s) ?? " ") + toks[i].t;
  return k;
};

// ---- the compiled model
interface Compiled {
  lex: Map<string, string>;
  /** adjective → a stateless people's forces (model/peoples.tsv): "Kurdish" → kurdish-forces */
  people: Map<string, { id: string; name: string; kind: ActorKind; inter: number }>;
  /** ASCII first character × length (31 = longer) of the keys in `firstKeys`: most tokens fail here, before hashing. */
  firstShape: Uint8Array;
  /**
   * Every token that can start a lexicon key or is a country, demonym, metonym or leader (firstKeys; the scan
   * skips the rest), and every run of whole tokens an alias starts with (prefixKeys), by their hashes (see fnv,
   * keyAt): a token or run of tokens is looked up by its hash and compared in place, and no string is made for it.
   */
  firstKeys: KeyTable;
  prefixKeys: KeyTable;
  maxN: number;
  country: Map<string, CountryInfo>; // demonym or country name → country
  /** demonym alone → country ("Syrian" → Syria): a generic phrase right after one is that country's, not the focus's */
  demonym: Map<string, CountryInfo>;
  metonym: Map<string, CountryInfo>;
  leader: Map<string, CountryInfo>;
  titles: Map<string, string>;
  /** The first word of every title key, also without a final "." ("Gen." → "Gen"), by their hashes (see keyAt): a run whose first token is none of them has no title. */
  titleFirst: KeyTable;
  maxTitleN: number;
  roles: string;
  apposition: RegExp;
  generics: { rule: string; resolve: string; conf: number; re: RegExp; at: RegExp }[];
  /** Any generic phrase (all the patterns as one alternation): finds the places where one may match. */
  anyGeneric?: RegExp;
  /** When every generic pattern is a finite set of ASCII phrases: their trie, which finds those places faster (wordStart: every phrase starts with an ASCII letter or digit). */
  genericTrie?: { trie: PhraseTrie; wordStart: boolean };
  discovery: { rule: string; kind: ActorKind; inter: number; heads: string[]; spacedHeads: string[]; lastWords: Set<string> }[];
  /** The last words of every discovery head: a name ending in none of them is discovered by no rule (but "militia" after it). */
  discoveryLast: Set<string>;
  specs: Map<string, LexActor>;
}
let compiled: Compiled | undefined;

function compile(): Compiled {
  if (compiled) return compiled;
  const m = loadModel();
  const lex = new Map<string, string>();
  const prefixes = new Set<string>();
  let maxN = 1;
  const add = (alias: string, id: string) => {
    const variants = [alias];
    if (/^\p{Ll}/u.test(alias)) variants.push(alias[0].toUpperCase() + alias.slice(1));
    for (const v of variants) {
      // the key (see keyOf) and every shorter run of whole tokens at the alias's start, so the scan can stop early
      const pres: string[] = [];
      if (PLAIN_WORDS.test(v)) {
        // (the words themselves: no tokenizing, the most of the aliases)
        for (let i = v.indexOf(" "); i >= 0; i = v.indexOf(" ", i + 1)) pres.push(v.slice(0, i));
        pres.push(v);
      } else {
        const toks = tokenize(v);
        if (toks.length === 0) continue;
        let pre = toks[0].t;
        pres.push(pre);
        for (let i = 1; i < toks.length; i++) {
          pre += (sepBetween(v, toks[i - 1].e, toks[i].s) ?? " ") + toks[i].t;
          pres.push(pre);
        }
      }
      const k = pres[pres.length - 1];
      if (!k) continue;
      if (!lex.has(k)) lex.set(k, id);
      for (const p of pres) prefixes.add(p);
      maxN = Math.max(maxN, pres.length);
    }
  };
  for (const a of m.actors.values()) {
    add(a.name, a.id);
    for (const al of a.aliases) add(al, a.id);
  }
  const country = new Map<string, CountryInfo>();
  const metonym = new Map<string, CountryInfo>();
  const leader = new Map<string, CountryInfo>();
  const demonym = new Map<string, CountryInfo>();
  // the states sitrep knows more about (model/countries.tsv) win shared names and demonyms
  const ordered = [...m.countries.values()].sort((a, b) => Number(b.leaders.length > 0 || b.metonyms.length > 1) - Number(a.leaders.length > 0 || a.metonyms.length > 1));
  for (const c of ordered) {
    for (const n of c.names) {
      add(n, c.slug);
      if (!country.has(keyOf(n))) country.set(keyOf(n), c);
    }
    for (const d of c.demonyms) {
      if (!country.has(keyOf(d))) country.set(keyOf(d), c);
      if (!demonym.has(keyOf(d))) demonym.set(keyOf(d), c);
    }
    for (const x of c.metonyms) metonym.set(keyOf(x), c);
    for (const x of c.leaders) leader.set(keyOf(x), c);
  }
  const titles = new Map<string, string>();
  let maxTitleN = 1;
  for (const [t, role] of readTsv("titles.tsv", 2)) {
    titles.set(keyOf(t), role);
    maxTitleN = Math.max(maxTitleN, tokenize(t).length);
  }
  const titleFirst = new Set<string>();
  for (const k of titles.keys()) {
    const w = k.split(" ")[0];
    titleFirst.add(w);
    if (w.endsWith(".")) titleFirst.add(w.slice(0, -1));
  }
  const roles = readTsv("roles.txt", 1)
    .flatMap((r) => r[0].split(" "))
    .join("|");
  const genericRows = readTsv("generic-actors.tsv", 4);
  const generics = genericRows.map(([rule, resolve, conf, pat]) => ({
    rule,
    resolve,
    conf: Number(conf),
    re: new RegExp(String.raw`\b(?:${pat})\b(?!-)`, "gi"),
    at: new RegExp(String.raw`\b(?:${pat})\b(?!-)`, "iy"),
  }));
  // one alternation of all the phrases, unless a pattern numbers its groups (back-references would shift)
  const anyGeneric = generics.some((g) => /\\[1-9]|\(\?<[^=!]/.test(g.re.source)) ? undefined : new RegExp(generics.map((g) => `(?:${g.re.source})`).join("|"), "gi");
  const phrases = genericRows.map((r) => expandFinite(r[3]));
  const finite = generics.length <= 30 && phrases.every((ps) => ps?.length && ps.every((p) => p !== "" && /^[\x00-\x7f]+$/.test(p)));
  const genericTrie = finite ? { trie: new PhraseTrie(phrases as string[][]), wordStart: phrases.every((ps) => ps!.every((p) => /^[A-Za-z0-9]/.test(p))) } : undefined;
  const discovery = readTsv("discovery.tsv", 4).map(([rule, kind, inter, heads]) => ({
    rule,
    kind: kind as ActorKind,
    inter: Number(inter),
    heads: heads.split("|"),
    spacedHeads: heads.split("|").map((h) => ` ${h}`),
    // a name ending in " <head>" ends in the head's last word
    lastWords: new Set(heads.split("|").map((h) => h.slice(h.lastIndexOf(" ") + 1))),
  }));
  const discoveryLast = new Set(discovery.flatMap((d) => [...d.lastWords]));
  const apposition = new RegExp(
    String.raw`^,\s+(?:the |a |an |who is |its )?((?:[\p{L}'’-]+\s+){0,3}?(?:${roles})s?\s+(?:of|for|at|in|with|to)\s+[^,.;:"“”()]{2,90}?)(?=\s*[,.;:"“”()]|\s+(?:told|said|says|added|announced|stated))`,
    "u",
  );
  const people = new Map<string, { id: string; name: string; kind: ActorKind; inter: number }>();
  for (const [id, name, kind, inter, adjectives] of readTsv("peoples.tsv", 5)) {
    for (const a of adjectives.split("|")) people.set(keyOf(a), { id, name, kind: kind as ActorKind, inter: Number(inter) });
  }
  // the keys that are one whole token as tokenize writes it (its span is all of the key, with no curly
  // apostrophe to straighten): read from the token spans, no token objects made (plain words: one word)
  const first = new Set<string>(
    [...prefixes, ...country.keys(), ...metonym.keys(), ...leader.keys(), ...people.keys()].filter((k) => {
      if (PLAIN_WORDS.test(k)) return !k.includes(" ");
      const sp = tokenSpans(k, tokSpans);
      return sp.n === 1 && sp.s[0] === 0 && sp.e[0] === k.length && !k.includes("’");
    }),
  );
  const firstShape = new Uint8Array(128 * 32);
  for (const k of first) if (k.charCodeAt(0) < 128) firstShape[k.charCodeAt(0) * 32 + Math.min(k.length, 31)] = 1;
  const firstKeys = keyTable(first, first.size);
  const prefixKeys = keyTable(prefixes, prefixes.size);
  compiled = { lex, people, firstShape, firstKeys, prefixKeys, maxN, country, demonym, metonym, leader, titles, titleFirst: keyTable(titleFirst, titleFirst.size), maxTitleN, roles, apposition, generics, anyGeneric, genericTrie, discovery, discoveryLast, specs: m.actors };
  return compiled;
}

const FORCE_MODS =
  "government|regime|state|pro-government|security|military|army|special|air|naval|national|elite|ground|border|federal|government-backed|regular|armed|counter-terrorism|riot|anti-riot";
const FORCE_AFTER = new RegExp(
  String.raw`^(?:['’]s)?((?:\s+(?:${FORCE_MODS}))*)\s+(forces|troops|army|soldiers|military|armed forces|air force|air forces|warplanes?|jets?|fighter (?:planes?|jets?)|planes?|helicopters?|aircraft|drones?|navy|marines|police|policemen|police officers|officers|gendarmes|gendarmerie|government|regime|authorities|artillery|tanks|units|border guards?|coastguard|coast guard|special forces|commandos|paratroopers|fighters)(?![\p{L}\p{N}-])`,
  "u",
);
const SPONSOR_AFTER = /^-(backed|led|supported|sponsored|funded|armed|trained|allied|aligned|affiliated|linked)(?:\s+((?:[\p{Ll}-]+\s+){0,2}?)(militias?|fighters|allies|forces|groups?|militiamen|rebels|paramilitaries|proxies|factions|troops|coalition))?(?![\p{L}\p{N}])/u;
// after a people's adjective: "Kurdish forces", "Druze militiamen", "Tuareg armed groups"
const PEOPLE_FORCE_AFTER =
  /^((?:\s+(?:armed|security|militia|ground|elite|special|local|tribal|allied|irregular|guerrilla))*)\s+(forces|fighters|militias?|militiamen|troops|guerrillas|units|gunmen|rebels|insurgents|paramilitaries|armed groups?)(?![\p{L}\p{N}-])/u;
const PRO_AFTER = /^(?:['’]s)?\s+(forces|troops|alliance|camp|coalition|government|regime|units|militias?|fighters|gunmen|militiamen|paramilitaries|groups?)(?![\p{L}\p{N}])/u;
const STATE_VERB =
  /^(?:['’]s\s+(?:government|regime|forces|troops|army|military)|\s+(?:said|says|has|have|had|is|was|will|would|accused|announced|denied|claimed|clawed|wants|sent|launched|responded|insisted|warned|vowed|backed|supports|supported|condemned|rejected|agreed|threatened|demanded|called))(?![\p{L}])/u;

const PLACE_PREP = /\b(?:in|into|inside|across|throughout|near|from|towards?|outside|around|within|over|border with|borders with|frontier with|parts of|north of|south of|east of|west of)\s+(?:the\s+)?(?:(?:north|south|east|west|north-?east|north-?west|south-?east|south-?west|northern|southern|eastern|western|central|rural|government-held|rebel-held)\s+)?$/i;

function forcesHead(head: string): "forces" | "police" | "state" {
  if (/police|gendarm|officers/.test(head)) return "police";
  if (/^(government|regime|authorities)$/.test(head)) return "state";
  return "forces";
}

/** Actor id + spec for a country's state, forces or police. */
export function countryActor(c: CountryInfo, what: "state" | "forces" | "police"): [string, ActorSpec] {
  const specs = compile().specs;
  const id = what === "state" ? c.slug : what === "forces" ? `${c.slug}-gov-forces` : `${c.slug}-police`;
  const lexSpec = specs.get(id);
  if (lexSpec) return [id, { name: lexSpec.name, kind: lexSpec.kind, inter: lexSpec.inter, country: lexSpec.country, known: true }];
  if (what === "state") return [id, { name: c.name, kind: "state", inter: 1, country: c.iso2, known: true }];
  if (what === "forces") return [id, { name: `Military Forces of ${c.name}`, kind: "state-force", inter: 1, country: c.iso2, known: true }];
  return [id, { name: `Police Forces of ${c.name}`, kind: "state-force", inter: 1, country: c.iso2, known: true }];
}

const GENERIC_SPECS: Record<string, ActorSpec> = {
  protesters: { name: "Protesters", kind: "protesters", inter: 6, known: true },
  rioters: { name: "Rioters", kind: "rioters", inter: 5, known: true },
  civilians: { name: "Civilians", kind: "civilians", inter: 7, known: true },
  "unidentified-armed-group": { name: "Unidentified Armed Group", kind: "political-militia", inter: 3, known: true },
  "gov-forces": { name: "Government forces", kind: "state-force", inter: 1, known: true },
  police: { name: "Police forces", kind: "state-force", inter: 1, known: true },
  "x:rebels": { name: "Rebels", kind: "rebel-group", inter: 2, known: false },
};

const ARMED: ActorKind[] = ["state-force", "rebel-group", "political-militia", "identity-militia", "jihadist-group", "external-force"];
export const isArmed = (k: ActorKind) => ARMED.includes(k);

let coveredBuf = new Uint8Array(16384);
/** Longest (then highest-priority) candidates first; a candidate overlapping a kept one is dropped. */
function resolveOverlaps(cands: Cand[], kept: Cand[] = [], textLength = 0): Cand[] {
  // (plain loops, no spread copies: an empty copy is another kind of array for V8, which deoptimised this)
  const sorted = cands.slice().sort((a, b) => b.end - b.start - (a.end - a.start) || b.prio - a.prio || a.start - b.start);
  const out: Cand[] = [];
  let last = Math.max(textLength, 0);
  for (const k of kept) {
    out.push(k);
    if (k.end > last) last = k.end;
  }
  for (const c of cands) if (c.end > last) last = c.end;
  // (one buffer for every call, cleared: a fresh typed array per call is an allocation outside V8's heap)
  if (coveredBuf.length < last + 1) coveredBuf = new Uint8Array(Math.max(last + 1, coveredBuf.length * 2));
  const covered = coveredBuf;
  covered.fill(0, 0, last + 1);
  for (const k of kept) covered.fill(1, k.start, k.end);
  for (const c of sorted) {
    let free = true;
    for (let i = c.start; i < c.end; i++)
      if (covered[i]) {
        free = false;
        break;
      }
    if (!free) continue;
    covered.fill(1, c.start, c.end);
    out.push(c);
  }
  return out.sort((a, b) => a.start - b.start);
}

/**
 * The matches of each generic phrase in the scan's text, exactly as scanning it once per phrase finds them,
 * in one scan: the phrase trie (or, when a pattern is not a finite set of phrases, the alternation) stops at
 * every place where some phrase may match, and each phrase is tried there (from where its own previous match ended).
 */
function genericMatches(x: ActorScan): [Compiled["generics"][number], [number, number][]][] {
  const { C, text } = x;
  // (made by push, not map(): the builtin map() and the map() V8's optimised code inlines make arrays of
  // two different kinds, and the optimised code met the interpreter's kind and was thrown away once in
  // every process)
  const out: [Compiled["generics"][number], [number, number][]][] = [];
  for (const g of C.generics) out.push([g, []]);
  const any = C.anyGeneric;
  if (!any) {
    for (const [g, found] of out) {
      g.re.lastIndex = 0;
      for (let m = g.re.exec(text); m; m = g.re.exec(text)) found.push([m.index, m.index + m[0].length]);
    }
    return out;
  }
  // the next place each pattern may match from
  const from = new Int32Array(C.generics.length);
  const tryAt = (p: number, bits: number) => {
    for (let k = 0; k < out.length; k++) {
      if (p < from[k] || (bits & (1 << k)) === 0) continue;
      const re = out[k][0].at;
      re.lastIndex = p;
      const g = re.exec(text);
      if (!g) continue;
      out[k][1].push([p, p + g[0].length]);
      from[k] = p + Math.max(1, g[0].length);
    }
  };
  const T = C.genericTrie;
  if (T?.wordStart) {
    // a match starts at an ASCII letter or digit after none (or "_": \b): the start of a token, or a place
    // inside a token that is not plain ("Ḥamas", "People's", "U.S."); each place tried only with the
    // patterns that have a phrase there
    const { ts, te, tp, nTok } = x;
    const { trie } = T;
    for (let k = 0; k < nTok; k++) {
      const s = ts[k];
      let bits = trie.mayStart(text, s) ? trie.at(text, s) : 0;
      if (bits !== 0) tryAt(s, bits);
      if (tp[k] === 1) continue;
      for (let p = s + 1; p < te[k]; p++) {
        const b = text.charCodeAt(p - 1);
        if ((b >= 97 && b <= 122) || (b >= 65 && b <= 90) || (b >= 48 && b <= 57) || b === 95) continue;
        bits = trie.mayStart(text, p) ? trie.at(text, p) : 0;
        if (bits !== 0) tryAt(p, bits);
      }
    }
    return out;
  }
  if (T) {
    // the places where some phrase starts, each tried only with the patterns that have a phrase there
    const n = T.trie.find(text, T.wordStart);
    for (let i = 0; i < n; i++) tryAt(T.trie.hitAt[i], T.trie.hitBits[i]);
    return out;
  }
  any.lastIndex = 0;
  for (let m = any.exec(text); m; m = any.exec(text)) {
    tryAt(m.index, -1);
    any.lastIndex = m.index + 1;
  }
  return out;
}
/**
 * An empty list of candidates already of the array kind that holds objects: a fresh [] is of the
 * kind for small integers until the first push, and V8 threw lexiconStep's code away at that push.
 */
function candList(): Cand[] {
  return objectList(NO_CAND);
}
const NO_CAND: Cand = { start: 0, end: 0, actor: "", rule: "", conf: 0.5, prio: 0, resolve: undefined };

/** One document's scan: the state the steps of the pass below share (each step is its own function, so V8 compiles small pieces). */
class ActorScan {
  readonly specs = new Map<string, ActorSpec>();
  readonly cands: Cand[] = candList();
  readonly sponsored: Cand[] = candList();
  readonly extraRelations: Relation[] = [];
  readonly ts: Int32Array;
  readonly te: Int32Array;
  /** 1 for a plain token (see Spans) */
  readonly tp: Uint8Array;
  readonly nTok: number;
  readonly text: string;

  constructor(
    readonly C: Compiled,
    readonly doc: NlpDoc,
  ) {
    this.text = doc.text;
    // token positions: the scans below make a token's string only when they need it
    const sp = docTokenSpans(this.text, docSpans);
    this.ts = sp.s;
    this.te = sp.e;
    this.tp = sp.plain;
    this.nTok = sp.n;
  }

  spec(id: string, s: ActorSpec): void {
    if (!this.specs.has(id)) this.specs.set(id, s);
  }

  lexSpec(id: string): ActorSpec | undefined {
    const l = this.C.specs.get(id);
    if (l) return { name: l.name, kind: l.kind, inter: l.inter, country: l.country, known: true };
    const c = loadModel().countryBySlug.get(id);
    if (c) return countryActor(c, "state")[1];
    return undefined;
  }
}

function lexiconStep(x: ActorScan): void {
  const { C, text, ts, te, nTok, cands } = x;
  for (let i = 0; i < nTok; i++) {
    const c0 = text.charCodeAt(ts[i]);
    if (c0 < 128 && C.firstShape[c0 * 32 + Math.min(te[i] - ts[i], 31)] === 0) continue;
    let h = fnv(FNV0, text, ts[i], te[i]);
    // the token's string as a first key (its characters compared in place), and the keys it starts
    const tT = keyAt(C.firstKeys, h | 1, "", "", text, ts[i], te[i]);
    if (tT === undefined) continue;
    let best: [number, string] | undefined;
    let key = "";
    for (let n = 0; n < C.maxN && i + n < nTok; n++) {
      let sep = "";
      if (n > 0) {
        const g = sepBetween(text, te[i + n - 1], ts[i + n]);
        if (g === undefined) break;
        sep = g;
        h = fnv(fnv(h, sep, 0, sep.length), text, ts[i + n], te[i + n]);
      }
      const k = keyAt(C.prefixKeys, h | 1, key, sep, text, ts[i + n], te[i + n]);
      if (k === undefined) break;
      key = k;
      const id = C.lex.get(key);
      if (id) best = [i + n, id];
    }
    if (best) {
      const [j, id] = best;
      const s = x.lexSpec(id);
      if (s) {
        x.spec(id, s);
        cands.push({ start: ts[i], end: te[j], actor: id, rule: s.kind === "state" ? "country-name" : "lexicon", conf: 0.9, prio: 5, resolve: undefined });
      }
    }
    forcesAt(x, i, tT);
  }
}

/** After token `i` (its text `tT`): a people's forces, a country's forces or state, a metonym, a sponsor adjective. */
function forcesAt(x: ActorScan, i: number, tT: string): void {
  const { C, text, ts, te, cands, sponsored } = x;
  const tS = ts[i];
  const tE = te[i];
  // a stateless people's forces ("Kurdish fighters"): their own actor, never a guessed organisation
  const people = C.people.get(tT);
  if (people && text[tS - 1] !== "-") {
    const pm = PEOPLE_FORCE_AFTER.exec(text.slice(tE, tE + 60));
    if (pm) {
      x.spec(people.id, x.lexSpec(people.id) ?? { name: people.name, kind: people.kind, inter: people.inter, known: true });
      cands.push({ start: tS, end: tE + pm[0].length, actor: people.id, rule: "people-forces", conf: 0.75, prio: 4, resolve: undefined });
    }
  }
  const isCountry = C.country.has(tT);
  if (!isCountry && !C.metonym.has(tT) && !C.leader.has(tT)) return;
  const after = text.slice(tE, tE + 90);
  // "pro-" in either case before the token, read in place
  const isPro = tS >= 4 && (text.charCodeAt(tS - 4) | 32) === 112 && (text.charCodeAt(tS - 3) | 32) === 114 && (text.charCodeAt(tS - 2) | 32) === 111 && text.charCodeAt(tS - 1) === 45;
  const c = C.country.get(tT) ?? (isPro ? (C.metonym.get(tT) ?? C.leader.get(tT)) : undefined);
  const sp = SPONSOR_AFTER.exec(after);
  // the state a "-backed militias" after the token is sponsored by (one push below for both ways it is found:
  // a branch only the rarer way takes is one V8's optimised code has not tried, and throws away there)
  let sponsor: CountryInfo | undefined;
  if (c) {
    if (isPro) {
      const pm = PRO_AFTER.exec(after);
      if (pm) {
        const head = pm[1];
        const isMilitia = /militia|fighters|gunmen|militiamen|paramilitar|groups?/.test(head);
        if (isMilitia) {
          const id = `x:pro-${c.slug}-militias`;
          x.spec(id, { name: `Pro-${c.name} militias`, kind: "political-militia", inter: 3, country: c.iso2, known: false });
          cands.push({ start: tS - 4, end: tE + pm[0].length, actor: id, rule: "pro-state-militia", conf: 0.75, prio: 4, resolve: undefined });
        } else {
          const [id, s] = countryActor(c, head === "government" || head === "regime" ? "state" : "forces");
          x.spec(id, s);
          cands.push({ start: tS - 4, end: tE + pm[0].length, actor: id, rule: head === "alliance" || head === "camp" || head === "coalition" ? "pro-state-alliance" : "pro-state-forces", conf: 0.75, prio: 4, resolve: undefined });
        }
      }
    } else if (sp) {
      const [id, s] = countryActor(c, "state");
      x.spec(id, s);
      cands.push({ start: tS, end: tE, actor: id, rule: "sponsor-adjective", conf: 0.85, prio: 6, resolve: undefined });
      sponsor = c;
    } else {
      const fm = FORCE_AFTER.exec(after);
      if (fm && C.country.has(tT)) {
        const [id, s] = countryActor(c, forcesHead(fm[2]));
        x.spec(id, s);
        cands.push({ start: tS, end: tE + fm[0].length, actor: id, rule: `country-${forcesHead(fm[2])}`, conf: 0.85, prio: 4, resolve: undefined });
      }
    }
  } else {
    const mc = C.metonym.get(tT) ?? C.leader.get(tT);
    if (mc) {
      const sv = STATE_VERB.exec(after);
      if (sp || sv) {
        const [id, s] = countryActor(mc, "state");
        x.spec(id, s);
        const end = sv?.[0].startsWith("'") || sv?.[0].startsWith("’") ? tE + sv[0].length : tE;
        cands.push({ start: tS, end, actor: id, rule: "metonym", conf: 0.7, prio: 3, resolve: undefined });
        if (sp) sponsor = mc;
      }
    }
  }
  if (sponsor && sp?.[3]) sponsored.push({ start: tS, end: tE + sp[0].length, actor: sponsor.slug, rule: `sponsored:${sp[1]}:${sp[3]}`, conf: 0.7, prio: 1, resolve: undefined });
}

// a role word just before a name ("spokesman Talal Silo"): within the 14 characters before it, then white space
const ROLES_BEFORE = ["spokesman", "spokeswoman", "spokesperson", "commander", "envoy", "official", "leader", "minister"];
const ROLE_BEFORE = new RegExp(`(${ROLES_BEFORE.join("|")})\\s+$`);
// no role word ends another: the one before the white space is the only one the pattern can match
const ROLES_APART = ROLES_BEFORE.every((a) => ROLES_BEFORE.every((b) => a === b || !a.endsWith(b)));
/** The role word ROLE_BEFORE finds in the 14 characters before `at`, found without the pattern when it can be. */
function roleBefore(text: string, at: number): string | undefined {
  const lo = Math.max(0, at - 14);
  if (!ROLES_APART) return ROLE_BEFORE.exec(text.slice(lo, at))?.[1];
  let e = at;
  // (white space by the unit's class: \s, no one-character string made)
  while (e > lo && (classOfUnit(text.charCodeAt(e - 1)) & WHITE_SPACE) !== 0) e--;
  if (e === at) return undefined;
  for (const w of ROLES_BEFORE) if (e - w.length >= lo && text.startsWith(w, e - w.length)) return w;
  return undefined;
}

function personsStep(x: ActorScan): void {
  const { C, text, doc, specs, cands } = x;
  // 2. persons: "President Bashar al-Assad", "spokesman Talal Silo", "X, head of Y"
  const addPerson = (start: number, end: number, name: string, role: string | undefined, rule: string) => {
    const clean = name.replace(/^(?:The|the)\s+/, "");
    if (tokenize(clean).length < 2 && !role) return;
    const id = `person:${slugify(clean)}`;
    const prev = specs.get(id);
    if (!prev) x.spec(id, { name: clean, kind: "person", known: false, role });
    else if (role && !prev.role) prev.role = role;
    cands.push({ start, end, actor: id, rule, conf: role ? 0.85 : 0.7, prio: 5, resolve: undefined });
  };
  for (const r of doc.names) {
    // the run's tokens are made only when its first one may start a title: most runs need only their count
    const sp = tokenSpans(r.text, tokSpans);
    const nTok = sp.n;
    const rt =
      nTok > 0 && keyAt(C.titleFirst, fnv(FNV0, r.text, sp.s[0], sp.e[0]) | 1, "", "", r.text, sp.s[0], sp.e[0]) !== undefined ? tokenize(r.text) : undefined;
    // title at the start of the run (a title key's first word is its first token: without it, no title)
    let key = "";
    let title: [number, string] | undefined;
    for (let n = 0; rt && n < C.maxTitleN && n < rt.length; n++) {
      key += (n ? " " : "") + rt[n].t;
      const role = C.titles.get(key) ?? C.titles.get(`${key}.`);
      if (role) title = [n, role];
    }
    if (rt && title && title[0] + 1 < rt.length) {
      const s = r.start + rt[title[0] + 1].s;
      const nameText = text.slice(s, r.end);
      if (!C.lex.has(keyOf(nameText)) && !C.country.has(keyOf(nameText))) addPerson(s, r.end, nameText, title[1], "title");
      continue;
    }
    const lt = nTok >= 2 ? roleBefore(text, r.start) : undefined;
    if (lt && !C.lex.has(keyOf(r.text))) {
      addPerson(r.start, r.end, r.text, lt, "role-before");
      continue;
    }
    // "Name, head of the Deir Ezzor Military Council, told Reuters" (a comma first: the rest is only tried after one)
    if (nTok >= 2 && nTok <= 5 && text[r.end] === "," && !C.lex.has(keyOf(r.text))) {
      const after = text.slice(r.end, r.end + 160);
      const m = after.startsWith(",") ? C.apposition.exec(after) : null;
      if (m) addPerson(r.start, r.end, r.text, m[1].replace(/\s+/g, " "), "role-apposition");
    }
  }
}

function discoveryStep(x: ActorScan): void {
  const { C, text, doc, cands } = x;
  // 3. discovery of actors the lexicon lacks: "the X Military Council", "Z militia"
  for (const r of doc.names) {
    // (the cheap tests before each regex only skip work: they never change a result)
    let name = r.text.startsWith("The") || r.text.startsWith("the") ? r.text.replace(/^(?:The|the)\s+/, "") : r.text;
    if (name.includes("-")) name = name.replace(/^[\p{L}.]+-(?:backed|trained|led|supported|funded|armed|allied)\s+/u, "");
    const start = r.end - name.length;
    const rest = text.slice(r.end, r.end + 12);
    const restMilitia = rest.includes("militia");
    const last = name.slice(name.lastIndexOf(" ") + 1);
    if (!restMilitia && !C.discoveryLast.has(last)) continue;
    for (const d of C.discovery) {
      let head = d.lastWords.has(last) ? d.spacedHeads.find((h) => name.endsWith(h))?.slice(1) : undefined;
      let full = name;
      let end = r.end;
      if (!head && d.rule === "militia" && restMilitia) {
        const mm = /^\s+(militias?)(?![\p{L}])/u.exec(rest);
        if (mm) {
          head = mm[1];
          full = `${name} ${mm[1]}`;
          end = r.end + mm[0].length;
        }
      }
      if (!head) continue;
      const stem = full.slice(0, full.length - head.length).trim();
      if (!stem || /-(?:backed|led|trained|supported|funded|armed|allied)$/.test(stem) || C.country.has(keyOf(stem)) || C.lex.has(keyOf(full)) || /^(?:The|A|An|This|That)$/.test(stem)) continue;
      // "the Kurdish YPG militia": the lexicon actor itself (when it has a spec), else an actor the lexicon lacks; both
      // by the same calls ("" is no actor's id): a call only the rarer one made would be one V8's optimised code has
      // not tried, and throws away there
      const lexId = C.lex.get(keyOf(stem));
      const lexS = x.lexSpec(lexId ?? "");
      const id = lexId ?? `x:${slugify(full)}`;
      const s = lexId !== undefined ? lexS : { name: full, kind: d.kind, inter: d.inter, known: false };
      if (s) {
        x.spec(id, s);
        const lex = lexId !== undefined;
        cands.push({ start, end, actor: id, rule: lex ? "lexicon+head" : `discovered-${d.rule}`, conf: lex ? 0.85 : 0.6, prio: lex ? 5 : 2, resolve: undefined });
      }
      break;
    }
  }
}

/** Later candidates: surnames and short names of actors already kept, generic phrases and anaphora. */
function laterCands(x: ActorScan, kept: Cand[]): Cand[] {
  const { C, text, specs } = x;
  // 4. surnames and short names of actors already found ("Kholeh", "the Military Council")
  const short = new Map<string, string>();
  // each actor's short name made once ("" for none), set for each of its mentions in turn as before (the last wins)
  const shortOf = new Map<string, string>();
  for (const k of kept) {
    let key = shortOf.get(k.actor);
    if (key === undefined) {
      const s = specs.get(k.actor);
      key = "";
      if (s) {
        const nt = tokenize(s.name);
        if (s.kind === "person" && nt.length >= 2) key = nt[nt.length - 1].t;
        else if (s.kind !== "state" && s.kind !== "person" && nt.length >= 3 && CAPITAL_START.test(nt[nt.length - 2].t)) key = `${nt[nt.length - 2].t} ${nt[nt.length - 1].t}`;
      }
      shortOf.set(k.actor, key);
    }
    if (key !== "") short.set(key, k.actor);
  }
  const later: Cand[] = candList();
  for (const [k, id] of short) {
    if (C.lex.has(k) || C.country.has(k)) continue;
    // a letter or digit by the unit's class ([\p{L}\p{N}]), no one-character string made
    const isWordChar = (c: number) => (classOfUnit(c) & LETTER_OR_DIGIT_BIT) !== 0;
    for (let at = text.indexOf(k); at >= 0; at = text.indexOf(k, at + k.length)) {
      // (indexes inside the text only: a read past either end deoptimises V8's code for it)
      if ((at > 0 && isWordChar(text.charCodeAt(at - 1))) || (at + k.length < text.length && isWordChar(text.charCodeAt(at + k.length)))) continue;
      const the = text.slice(Math.max(0, at - 4), at) === "the " ? 4 : 0;
      later.push({ start: at - the, end: at + k.length, actor: id, rule: "short-name", conf: 0.6, prio: 1, resolve: undefined });
    }
  }
  // 5. generic phrases and anaphora, resolved below
  for (const [g, found] of genericMatches(x)) {
    for (const [start, end] of found) later.push({ start, end, actor: "", rule: g.rule, conf: g.conf, prio: 0, resolve: g.resolve });
  }
  return later;
}

/** The focus country: the most mentioned country among states, forces and national actors. */
function focusOf(x: ActorScan, kept: Cand[]): string | undefined {
  const { specs } = x;
  const counts = new Map<string, number>();
  for (const k of kept) {
    const s = specs.get(k.actor);
    if (!s?.country || s.kind === "media" || s.kind === "monitor") continue;
    counts.set(s.country, (counts.get(s.country) ?? 0) + (s.kind === "state-force" ? 2 : 1));
  }
  let focus: string | undefined;
  for (const [c, n] of counts) if (!focus || n > counts.get(focus)!) focus = c;
  return focus;
}

// the one or two capitalised words (a demonym: "Syrian", "U.S.", "South Sudanese") right before a generic phrase
const DEMONYM_BEFORE = /(?:^|[^\p{L}\p{N}.'’-])((?:\p{Lu}[\p{L}.]* )?(\p{Lu}[\p{L}.]*)) $/u;

/** The country whose demonym is written just before `at` ("Syrian rebels", "Iraqi police"); none after a hyphen ("pro-Syrian"). */
function demonymBefore(x: ActorScan, at: number): CountryInfo | undefined {
  const m = DEMONYM_BEFORE.exec(x.text.slice(Math.max(0, at - 40), at));
  if (!m) return undefined;
  return x.C.demonym.get(keyOf(m[1])) ?? (m[1] !== m[2] ? x.C.demonym.get(keyOf(m[2])) : undefined);
}

function mentionsOf(x: ActorScan, kept: Cand[], docFocus: CountryInfo | undefined): ActorMention[] {
  const { text, doc, specs } = x;
  const seen = new Map<string, number>();
  const out: ActorMention[] = [];
  for (const k of kept) {
    if (k.resolve) {
      const r = k.resolve;
      // a focus phrase after a country's demonym is that country's ("Syrian rebels" in an article about Turkey)
      const focusInfo = r.startsWith("focus-") ? (demonymBefore(x, k.start) ?? docFocus) : docFocus;
      let id: string | undefined;
      if (r.startsWith("id:")) {
        id = r.slice(3);
        x.spec(id, GENERIC_SPECS[id] ?? { name: id, kind: "other", known: false });
      } else if (r === "focus-forces" || r === "focus-police" || r === "focus-state") {
        const what = r === "focus-forces" ? "forces" : r === "focus-police" ? "police" : "state";
        if (focusInfo) {
          const [cid, s] = countryActor(focusInfo, what);
          id = cid;
          x.spec(cid, s);
        } else if (what !== "state") {
          id = what === "forces" ? "gov-forces" : "police";
          x.spec(id, GENERIC_SPECS[id]);
        }
      } else if (r === "focus-opposition") {
        id = focusInfo ? `x:${focusInfo.slug}-opposition` : "x:rebels";
        x.spec(id, focusInfo ? { name: `${focusInfo.name} opposition`, kind: "rebel-group", inter: 2, country: focusInfo.iso2, known: false } : GENERIC_SPECS["x:rebels"]);
      } else if (r.startsWith("salient:")) {
        const kinds = r.slice(8).split(",");
        let best: [string, number] | undefined;
        for (const [aid, n] of seen) {
          const s = specs.get(aid);
          if (s && kinds.includes(s.kind) && (!best || n > best[1])) best = [aid, n];
        }
        if (!best) {
          for (const m of kept) {
            const s = specs.get(m.actor);
            if (s && kinds.includes(s.kind)) {
              best = [m.actor, 0];
              break;
            }
          }
        }
        if (best) id = best[0];
        else if (/terrorist|militant|gunm/i.test(text.slice(k.start, k.end))) {
          id = "unidentified-armed-group";
          x.spec(id, GENERIC_SPECS[id]);
        }
      }
      if (!id) continue;
      k.actor = id;
    }
    // "along the border with Iraq", "in Syria": the country as a place, left to geoparsing
    if (k.rule === "country-name" && PLACE_PREP.test(text.slice(Math.max(0, k.start - 30), k.start))) k.rule = "country-place";
    seen.set(k.actor, (seen.get(k.actor) ?? 0) + 1);
    const m: ActorMention = { start: k.start, end: k.end, text: text.slice(k.start, k.end), pass: PASS, rule: k.rule, confidence: k.conf, actor: k.actor };
    if (doc.explain) m.explain = `"${m.text}" → ${k.actor} by rule ${k.rule}${k.resolve ? ` (resolved as ${k.resolve})` : ""}`;
    out.push(m);
  }
  return out;
}

function sponsoredStep(x: ActorScan, out: ActorMention[]): void {
  const { text, sponsored, extraRelations } = x;
  // "Iran-backed militias", "US-backed forces": the actor the article says that state backs, else a new one
  for (const sp of sponsored) {
    // "US-led coalition" is a lexicon actor already: its sponsor relation comes from the relations pass
    if (out.some((m) => m.rule.startsWith("lexicon") && m.start < sp.end && sp.start < m.end && m.end > sp.start + 4)) continue;
    const [, how, head] = sp.rule.split(":");
    const state = sp.actor;
    const info = loadModel().countryBySlug.get(state);
    const slug = info?.slug ?? state;
    const id = `x:${slug}-${how}-${/militia|fighters|allies|proxies|militiamen|paramilitar|groups?|factions/.test(head) ? "militias" : head}`;
    const stateName = info?.name ?? state;
    x.spec(id, { name: `${stateName}-${how} ${/militia|fighters|allies|proxies|militiamen|paramilitar|groups?|factions/.test(head) ? "militias" : head}`, kind: "political-militia", inter: 3, country: undefined, known: false });
    out.push({ start: sp.start, end: sp.end, text: text.slice(sp.start, sp.end), pass: PASS, rule: "sponsored-group", confidence: sp.conf, actor: id });
    extraRelations.push({
      type: how === "led" ? "led-by" : "backed-by",
      source: id,
      target: state,
      evidence: [{ start: sp.start, end: sp.end, text: text.slice(sp.start, sp.end), pass: PASS, rule: "sponsored-group", confidence: sp.conf }],
      confidence: sp.conf,
    });
  }
}

function affiliationsStep(x: ActorScan, out: ActorMention[]): void {
  const { text, specs, extraRelations } = x;
  // persons: affiliation from the role ("head of the Deir Ezzor Military Council" → that actor)
  for (const [id, s] of specs) {
    if (s.kind !== "person" || !s.role) continue;
    const pm = out.find((m) => m.actor === id && m.rule !== "short-name");
    if (!pm) continue;
    const roleStart = text.indexOf(s.role, pm.end);
    if (roleStart < 0 || roleStart > pm.end + 20) continue;
    const inRole = out.find((m) => m.start >= roleStart && m.end <= roleStart + s.role!.length && m.actor !== id);
    if (inRole) {
      s.affiliation = inRole.actor;
      if (/^(?:\S+\s+)?(head|leader|commander|chief|founder|chairman|president)\b/.test(s.role)) {
        const ev = { start: pm.start, end: roleStart + s.role.length, text: text.slice(pm.start, roleStart + s.role.length), pass: PASS, rule: "role-apposition", confidence: 0.8 };
        extraRelations.push({ type: "led-by", source: inRole.actor, target: id, evidence: [ev], confidence: 0.8 });
      }
    }
  }
}

function actorsOf(x: ActorScan, out: ActorMention[]): Actor[] {
  // (plain loops, not a chain of array methods with a closure each: an article without actors made
  // the chain's arrays of another kind and V8 threw the whole pass's optimised code away)
  const byActor = new Map<string, ActorMention[]>();
  for (const m of out) {
    const l = byActor.get(m.actor);
    if (l) l.push(m);
    else byActor.set(m.actor, [m]);
  }
  const actors: Actor[] = [];
  for (const [id, all] of byActor) {
    const ms: ActorMention[] = [];
    for (const m of all) if (m.rule !== "country-place") ms.push(m);
    if (ms.length > 0) actors.push(actorOf(x, id, ms));
  }
  return actors;
}

/** The actor `id` with its aliases (as written, without a leading "the") and mentions. */
function actorOf(x: ActorScan, id: string, ms: ActorMention[]): Actor {
  const s = x.specs.get(id) ?? { name: id, kind: "other" as ActorKind, known: false };
  const aliases = new Set<string>();
  for (const m of ms) aliases.add(m.text.startsWith("the") || m.text.startsWith("The") ? m.text.replace(/^(?:the|The)\s+/, "") : m.text);
  const mentions: Omit<ActorMention, "actor">[] = [];
  for (const m of ms) mentions.push(withoutActor(m));
  const a: Actor = { id, name: s.name, kind: s.kind, aliases: [...aliases], mentions, known: s.known };
  if (s.inter !== undefined) a.inter = s.inter;
  if (s.country) a.country = s.country;
  if (s.role) a.role = s.role;
  if (s.affiliation) a.affiliation = s.affiliation;
  return a;
}

/** The mention without its actor: the fields in the order a mention has them (written out: a rest copy is a slow generic clone). */
function withoutActor(m: ActorMention): Omit<ActorMention, "actor"> {
  const r: Omit<ActorMention, "actor"> = { start: m.start, end: m.end, text: m.text, pass: m.pass, rule: m.rule, confidence: m.confidence };
  if (m.explain !== undefined) r.explain = m.explain;
  return r;
}

export const actorsPass: Pass = {
  name: PASS,
  requires: ["sentences", "names"],
  assigns: ["mentions", "actors", "focusCountry"],
  run(doc: NlpDoc) {
    const x = new ActorScan(compile(), doc);
    // resolveOverlaps' buffer sized here, once a document, for every candidate (all inside the text)
    if (coveredBuf.length < x.text.length + 1) coveredBuf = new Uint8Array(Math.max(x.text.length + 1, coveredBuf.length * 2));
    // 1. lexicon, countries and their forces, metonyms, sponsors
    lexiconStep(x);
    // 2. persons: "President Bashar al-Assad", "spokesman Talal Silo", "X, head of Y"
    personsStep(x);
    // 3. discovery of actors the lexicon lacks: "the X Military Council", "Z militia"
    discoveryStep(x);
    let kept = resolveOverlaps(x.cands, [], x.text.length);
    // 4. surnames and short names of actors already found, 5. generic phrases and anaphora
    kept = resolveOverlaps(laterCands(x, kept), kept, x.text.length);
    const focus = focusOf(x, kept);
    doc.focusCountry = focus;
    const focusInfo = focus ? loadModel().countries.get(focus) : undefined;
    const out = mentionsOf(x, kept, focusInfo);
    sponsoredStep(x, out);
    out.sort((a, b) => a.start - b.start || b.end - a.end);
    // persons: affiliation from the role ("head of the Deir Ezzor Military Council" → that actor)
    affiliationsStep(x, out);
    doc.mentions = out;
    doc.actors = actorsOf(x, out);
    doc.relations.push(...x.extraRelations);
  },
};
