// Pass 05: relations between actors with their evidence: backed-by, part-of, led-by, dominated-by,
// allied-with. Each sentence is rewritten with a placeholder per actor mention ("⟦3⟧-backed ⟦4⟧")
// and matched against the patterns in model/relations.tsv.
import type { ActorKind, Relation, RelationType, Span } from "../../types/index.js";
import { readTsv } from "../model/load.js";
import { type ActorMention, type NlpDoc, type Pass, within } from "../pipeline.js";

const PASS = "05-relations";

interface Pattern {
  type: RelationType;
  rule: string;
  conf: number;
  re: RegExp;
  alliance: boolean;
  /** Actor placeholders a match needs ({S} and {T}: two); fewer in the sentence and it cannot match. */
  slots: number;
}
let patterns: Pattern[] | undefined;
/**
 * Every pattern as alternations, its groups unnamed: a sentence they find nothing in has no match of any
 * pattern, and the patterns are not tried one by one (undefined when a pattern refers back to a group). The
 * patterns that start with a placeholder are one alternation after the placeholder written once ("⟦\d+⟧(?:…|…)",
 * the same matches: the search then only stops at a "⟦"), the others (an alliance named first) another.
 */
let anyPattern: { lead?: RegExp; rest?: RegExp } | undefined;
const MARK = "⟦(?:\\d+)⟧";
/**
 * Does a pattern's source after its leading placeholder read as one whole alternative (nothing repeating the
 * placeholder, no "|" outside brackets)? Only then is "⟦\d+⟧(?:rest)" the pattern itself.
 */
function wholeAfterMark(rest: string): boolean {
  if (/^[?*+{]/.test(rest)) return false;
  let depth = 0;
  let inClass = false;
  for (let i = 0; i < rest.length; i++) {
    const c = rest[i];
    if (c === "\\") i++;
    else if (inClass) inClass = c !== "]";
    else if (c === "[") inClass = true;
    else if (c === "(") depth++;
    else if (c === ")") depth--;
    else if (c === "|" && depth === 0) return false;
  }
  return true;
}
function load(): Pattern[] {
  if (patterns) return patterns;
  patterns = readTsv("relations.tsv", 4).map(([type, rule, conf, pat]) => {
    const src = pat
      .replace("{S}", "⟦(?<s>\\d+)⟧")
      .replace("{T+}", "(?<tl>⟦\\d+⟧(?:(?:,? and |, |,? & |,? as well as )(?:the )?(?:[\\w-]+ ){0,3}?⟦\\d+⟧)*)")
      .replace("{T}", "⟦(?<t>\\d+)⟧");
    const slots = (pat.includes("{S}") ? 1 : 0) + (pat.includes("{T}") || pat.includes("{T+}") ? 1 : 0);
    return { type: type as RelationType, rule, conf: Number(conf), re: new RegExp(src, "giu"), alliance: !pat.includes("{S}"), slots };
  });
  const sources = patterns.map((p) => p.re.source);
  if (!sources.some((x) => /\\k<|\\[1-9]/.test(x))) {
    const unnamed = sources.map((x) => x.replace(/\(\?<([A-Za-z]\w*)>/g, "(?:"));
    const leads = (x: string) => x.startsWith(MARK) && wholeAfterMark(x.slice(MARK.length));
    const lead = unnamed.filter(leads).map((x) => `(?:${x.slice(MARK.length)})`);
    const rest = unnamed.filter((x) => !leads(x)).map((x) => `(?:${x})`);
    anyPattern = {
      lead: lead.length > 0 ? new RegExp(`⟦\\d+⟧(?:${lead.join("|")})`, "iu") : undefined,
      rest: rest.length > 0 ? new RegExp(rest.join("|"), "iu") : undefined,
    };
  }
  return patterns;
}

/** The sentence with each (outermost) actor mention replaced by ⟦index⟧, and a map back to the body. */
export function maskSentence(text: string, start: number, end: number, mentions: ActorMention[]) {
  let masked = "";
  let pos = start;
  const used: ActorMention[] = [];
  const offs: [number, number][] = []; // masked offset → body offset
  for (const m of mentions) {
    if (m.start < pos || m.end > end) continue;
    // prefer the longer of overlapping mentions ("Iran-backed militias" over "Iran")
    const longer = mentions.find((o) => o !== m && o.start <= m.start && o.end >= m.end && o.end - o.start > m.end - m.start);
    if (longer && longer.start >= start) continue;
    offs.push([masked.length, pos]);
    masked += text.slice(pos, m.start);
    offs.push([masked.length, m.start]);
    masked += `⟦${used.length}⟧`;
    used.push(m);
    pos = m.end;
  }
  offs.push([masked.length, pos]);
  masked += text.slice(pos, end);
  const toBody = (i: number) => {
    let best = offs[0];
    for (const o of offs) if (o[0] <= i) best = o;
    return best[1] + (i - best[0]);
  };
  return { masked, used, toBody };
}

const ALLIANCE_RULE = /alliance|coalition/;
const ALLIANCE_TEXT = /alliance|coalition/i;

/**
 * The relations the patterns find in one sentence, added to `out`; returns the alliance last named (the source of "{T} joined"-style patterns).
 * `marked`: the text has a "⟦" of its own (else a masked sentence has one per placeholder, and they are not counted).
 */
function sentenceRelations(doc: NlpDoc, s: Span, P: Pattern[], kindOf: Map<string, ActorKind>, out: Relation[], alliance: string | undefined, marked: boolean): string | undefined {
  const inside = within(doc.mentions, s.start, s.end);
  if (inside.length === 0) return alliance; // no actor: nothing to relate, no alliance named
  const { masked, used, toBody } = maskSentence(doc.text, s.start, s.end, inside);
  for (const u of used) if (ALLIANCE_RULE.test(u.rule) || ALLIANCE_TEXT.test(u.text)) alliance = u.actor;
  if (used.length === 0) return alliance;
  let marks = used.length;
  if (marked) {
    marks = 0;
    for (let i = masked.indexOf("⟦"); i >= 0; i = masked.indexOf("⟦", i + 1)) marks++;
  }
  if (anyPattern && !anyPattern.lead?.test(masked) && !anyPattern.rest?.test(masked)) return alliance;
  for (const p of P) {
    if (marks < p.slots) continue;
    patternRelations(doc, s, p, masked, used, toBody, alliance, kindOf, out);
  }
  return alliance;
}

/** The matches of one pattern in a masked sentence, as relations added to (or merged into) `out`. */
function patternRelations(
  doc: NlpDoc,
  s: Span,
  p: Pattern,
  masked: string,
  used: ActorMention[],
  toBody: (i: number) => number,
  alliance: string | undefined,
  kindOf: Map<string, ActorKind>,
  out: Relation[],
): void {
  p.re.lastIndex = 0;
  for (let m = p.re.exec(masked); m; m = p.re.exec(masked)) {
    const g = m.groups ?? {};
    const src = g.s !== undefined ? used[Number(g.s)]?.actor : alliance;
    if (!src) continue;
    // (built the same way for one target or a list: one array kind)
    const targets: (ActorMention | undefined)[] = [];
    if (g.t !== undefined) targets.push(used[Number(g.t)]);
    else for (const x of (g.tl ?? "").matchAll(/⟦(\d+)⟧/g)) targets.push(used[Number(x[1])]);
    const bs = toBody(m.index);
    const be = toBody(m.index + m[0].length);
    for (const t of targets) {
      if (!t || t.actor === src) continue;
      // persons only relate as leaders; media and monitors do not take part
      const ks = kindOf.get(src);
      const kt = kindOf.get(t.actor);
      if (ks === "media" || kt === "media" || ks === "monitor" || kt === "monitor") continue;
      const evidence = { start: bs, end: be, text: doc.text.slice(bs, be), pass: PASS, rule: `${p.type}/${p.rule}`, confidence: p.conf };
      if (doc.explain) Object.assign(evidence, { explain: `pattern ${p.rule} matched in: ${doc.text.slice(s.start, s.end)}` });
      const prev = out.find((r) => r.type === p.type && r.source === src && r.target === t.actor);
      if (prev) {
        if (!prev.evidence.some((e) => e.start === bs)) prev.evidence.push(evidence);
        prev.confidence = Math.max(prev.confidence, p.conf);
      } else out.push({ type: p.type, source: src, target: t.actor, evidence: [evidence], confidence: p.conf });
    }
  }
}

/** "US-backed forces": when the article names whom that state backs, the phrase refers back to it. */
function remapSponsored(doc: NlpDoc, out: Relation[], kindOf: Map<string, ActorKind>): void {
  const backedBy = new Map<string, string>();
  for (const r of out) {
    const k = kindOf.get(r.source);
    if (r.type === "backed-by" && !r.source.startsWith("x:") && k !== "state-force" && k !== "state") backedBy.set(r.target.replace(/-gov-forces$/, ""), r.source);
  }
  const remap = new Map<string, string>();
  for (const r of doc.relations) {
    const owner = backedBy.get(r.target);
    if (r.evidence[0]?.rule === "sponsored-group" && owner && /-(?:forces|militias)$/.test(r.source) && /forces|fighters/.test(r.evidence[0].text)) {
      remap.set(r.source, owner);
    }
  }
  if (remap.size === 0) return;
  doc.relations = doc.relations.filter((r) => !remap.has(r.source));
  for (const m of doc.mentions) if (remap.has(m.actor)) m.actor = remap.get(m.actor)!;
  for (const [from, to] of remap) {
    const a = doc.actors.find((x) => x.id === from);
    const b = doc.actors.find((x) => x.id === to);
    if (a && b) {
      b.mentions.push(...a.mentions);
      b.mentions.sort((x, y) => x.start - y.start);
      b.aliases = [...new Set([...b.aliases, ...a.aliases])];
    }
  }
  doc.actors = doc.actors.filter((a) => !remap.has(a.id));
}

export const relationsPass: Pass = {
  name: PASS,
  requires: ["sentences", "mentions", "actors"],
  assigns: ["relations"],
  run(doc: NlpDoc) {
    const P = load();
    const kindOf = new Map(doc.actors.map((a) => [a.id, a.kind]));
    const out: Relation[] = [];
    let alliance: string | undefined;
    const marked = doc.text.includes("⟦");
    for (const s of doc.sentences) alliance = sentenceRelations(doc, s, P, kindOf, out, alliance, marked);
    remapSponsored(doc, out, kindOf);
    doc.relations.push(...out);
  },
};
