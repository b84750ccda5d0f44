// The actors, actor_mentions and relation_evidence rows a document writes (CoreStore.saveActors),
// worked out apart from the statements that read and write them: plain synchronous functions, so
// that V8 optimises each on its own instead of compiling one large async function around them
// (saveActors took ~170 ms of optimising-compiler CPU in a 233-article ingest).
import type { Actor, ExtractedDoc } from "../types/index.js";
import type { Param } from "./db.js";
import { num, optNum, optStr } from "./values.js";

type Row = Record<string, unknown>;

/**
 * The actor ids a document names, each once, in this order: its actors, then its events' actors
 * (actor1, actor2, associated), then its relations' ends. `known`: its actors by id (the last of an id).
 */
export function actorIdsOf(doc: ExtractedDoc): { known: Map<string, Actor>; all: string[] } {
  const known = new Map<string, Actor>();
  for (const a of doc.actors) known.set(a.id, a);
  const ids = new Set<string>(known.keys());
  for (const e of doc.events) {
    if (e.actor1) ids.add(e.actor1);
    if (e.actor2) ids.add(e.actor2);
    for (const id of e.assocActors1) if (id) ids.add(id);
    for (const id of e.assocActors2) if (id) ids.add(id);
  }
  for (const r of doc.relations) {
    ids.add(r.source);
    ids.add(r.target);
  }
  return { known, all: [...ids] };
}

/**
 * The actors rows to upsert and the actor_mentions rows of article `key`, for the ids `all` (actorIdsOf)
 * given the stored rows (`stored`, by id). A lexicon actor's canonical fields win over one discovered
 * in text; aliases accumulate; a row that would be written as it is stored is left out; an id no
 * document actor has and no row holds gets the placeholder row.
 */
export function actorWrites(
  all: readonly string[],
  known: Map<string, Actor>,
  stored: Map<string, Row>,
  key: string,
  pubDate: string | null,
): { upserts: Param[][]; mentions: Param[][] } {
  const upserts: Param[][] = [];
  const mentions: Param[][] = [];
  for (const id of all) {
    const a = known.get(id);
    const old = stored.get(id);
    if (!a) {
      if (!old) upserts.push([id, id, "other", null, null, null, null, 0, "[]"]);
      continue;
    }
    const row = actorRowOf(id, a, old);
    // Most articles name actors already stored as they are: rewrite only rows that change.
    if (!old || !sameRow(row, old)) upserts.push(row);
    mentions.push([key, id, Math.max(1, a.mentions.length), pubDate]);
  }
  return { upserts, mentions };
}

/** The actors row (id, name, kind, inter, country, role, affiliation, known, aliases) document actor `a` leaves over the stored row `old`. */
function actorRowOf(id: string, a: Actor, old: Row | undefined): Param[] {
  const oldKnown = num(old?.known) === 1;
  const keepOld = old !== undefined && oldKnown && !a.known;
  const dropped = keepOld ? String(old.name) : a.name;
  const aliasJson = aliasesOf(a, old, dropped);
  return keepOld
    ? [id, String(old.name), String(old.kind), optNum(old.inter) ?? a.inter ?? null, optStr(old.country) ?? a.country ?? null, optStr(old.role) ?? a.role ?? null, optStr(old.affiliation) ?? a.affiliation ?? null, 1, aliasJson]
    : [id, a.name, a.kind, a.inter ?? optNum(old?.inter) ?? null, a.country ?? optStr(old?.country) ?? null, a.role ?? optStr(old?.role) ?? null, a.affiliation ?? optStr(old?.affiliation) ?? null, a.known || oldKnown ? 1 : 0, aliasJson];
}

/** The aliases JSON of actor `a` over the stored row `old`, without the name `dropped`. */
function aliasesOf(a: Actor, old: Row | undefined, dropped: string): string {
  // the stored list again when this document adds no alias to it (most articles name known actors as before)
  const oldSet = old ? aliasSet(old) : undefined;
  if (oldSet && !oldSet.has(dropped) && addsNoAlias(a, oldSet, dropped)) return String(old!.aliases);
  const aliases = new Set<string>();
  if (old) for (const x of JSON.parse(String(old.aliases)) as string[]) aliases.add(x);
  for (const x of a.aliases) aliases.add(x);
  for (const m of a.mentions) if (m.text && m.text !== a.name) aliases.add(m.text);
  aliases.delete(dropped);
  return JSON.stringify([...aliases].sort());
}

/** Whether every alias and mention text of `a` is its name, `dropped` or already in `set`. */
function addsNoAlias(a: Actor, set: Set<string>, dropped: string): boolean {
  for (const x of a.aliases) if (x !== dropped && !set.has(x)) return false;
  for (const m of a.mentions) if (m.text && m.text !== a.name && m.text !== dropped && !set.has(m.text)) return false;
  return true;
}

/** Whether the actors row `row` (actorRowOf) holds what the stored row `old` holds. */
function sameRow(row: Param[], old: Row): boolean {
  return (
    row[1] === old.name &&
    row[2] === old.kind &&
    row[3] === (optNum(old.inter) ?? null) &&
    row[4] === (optStr(old.country) ?? null) &&
    row[5] === (optStr(old.role) ?? null) &&
    row[6] === (optStr(old.affiliation) ?? null) &&
    row[7] === num(old.known) &&
    row[8] === old.aliases
  );
}

/** The relation_evidence rows of article `key`: one per (type, source, target), evidence counted, the highest confidence. */
export function relationRows(doc: ExtractedDoc, key: string, pubDate: string | null): Param[][] {
  const rels = new Map<string, { type: string; source: string; target: string; n: number; c: number }>();
  for (const r of doc.relations) {
    const k = `${r.type}\u0000${r.source}\u0000${r.target}`;
    let cur = rels.get(k);
    if (cur === undefined) {
      cur = { type: r.type, source: r.source, target: r.target, n: 0, c: 0 };
      rels.set(k, cur);
    }
    cur.n += Math.max(1, r.evidence.length);
    cur.c = Math.max(cur.c, r.confidence);
  }
  const rows: Param[][] = [];
  for (const r of rels.values()) rows.push([key, r.type, r.source, r.target, r.n, r.c, pubDate]);
  return rows;
}

/** The alias sets of stored actor rows (aliasSet), parsed once per row object. */
const aliasSets = new WeakMap<Row, Set<string> | null>();

/**
 * The aliases of a stored actor row as a set, when its list is as saveActors writes it (strings,
 * sorted, each once, JSON.stringify's text): then a document adding none of its own leaves the very
 * same text. null for any other list (it is then merged the long way).
 */
function aliasSet(row: Row): Set<string> | null {
  let set = aliasSets.get(row);
  if (set !== undefined) return set;
  set = null;
  try {
    const list: unknown = JSON.parse(String(row.aliases));
    if (
      Array.isArray(list) &&
      list.every((x, i) => typeof x === "string" && (i === 0 || (list[i - 1] as string) < x)) &&
      JSON.stringify(list) === row.aliases
    )
      set = new Set(list as string[]);
  } catch {
    // not JSON: the long way reports it as before
  }
  aliasSets.set(row, set);
  return set;
}

/** An actors row as an array in column order (id, name, kind, inter, country, role, affiliation, known, aliases) as the object saveActors reads. */
export function actorRow(a: readonly unknown[]): Row {
  // (indexed, not an array pattern: that compiles to the whole iterator protocol)
  return { id: a[0], name: a[1], kind: a[2], inter: a[3], country: a[4], role: a[5], affiliation: a[6], known: a[7], aliases: a[8] };
}
