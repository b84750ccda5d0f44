// Miss breakdown for bench:geo (`npm run bench:geo -- --misses`): every gold mention resolved more
// than 161 km from its gold point is put in one cause category, counted per article half
// (even / odd ids). Categories, not a list: the point is which kind of fix would help most.
//   no-candidate/*   the span's name gives no gazetteer entry, not even by a second try (by its shape)
//   dropped          candidates exist but the resolver answered nothing
//   no-near/*        no candidate lies within 161 km of the gold point (reference point or coverage)
//   ranking/*        a candidate within 161 km exists but another won ("chosen kind → right kind")
import type { Gazetteer } from "../src/geo/gazetteer.js";
import { distanceKm } from "../src/geo/distance.js";
import V from "../src/geo/model/variants.json" with { type: "json" };
import { nameKey } from "../src/geo/normalize.js";
import { fallbackName } from "../src/geo/variants.js";

export interface MissInput {
  half: 0 | 1;
  surface: string;
  goldLat: number;
  goldLon: number;
  /** The resolver's winner (feature index; -1 when it is not among the name's candidates), if any. */
  chosen?: number;
}

/** Coarse kind of a feature for the breakdown. */
export function kindOf(fc: string): string {
  if (fc.startsWith("PCL")) return "country";
  if (fc === "CONT") return "continent";
  if (fc === "ADM1" || fc === "ADM1H") return "admin1";
  if (fc.startsWith("ADM")) return "admin2+";
  if (fc === "RGN") return "region";
  if (fc.startsWith("PPL")) return fc === "PPLC" ? "capital" : "town";
  return "physical/other";
}

const LEADING = new Set(V.leading);
const TRAILING = Object.keys(V.trailing);

function shapeOf(surface: string, gaz: Gazetteer): string {
  if (/^(?:[A-Z]\.){2,}$|^[A-Z]{2,5}\.?$/.test(surface)) return "abbreviation";
  if (/['’]s?$/.test(surface)) return "possessive";
  if (/^the\s/i.test(surface)) return "the-X";
  if (gaz.header.demonyms[nameKey(surface)] !== undefined) return "demonym";
  const words = surface.toLowerCase().split(/\s+/);
  if (words.length > 1 && LEADING.has(words[0]!)) return "leading qualifier";
  if (TRAILING.some((w) => surface.toLowerCase().endsWith(` ${w}`))) return "trailing generic word";
  if (words.length > 1) return "multi-word";
  return "single-word";
}

export function missCategory(gaz: Gazetteer, m: MissInput): string {
  let cands = gaz.candidates(m.surface);
  if (cands.length === 0) {
    const f = fallbackName(gaz, m.surface);
    if (!f) return `no-candidate/${shapeOf(m.surface, gaz)}`;
    if (m.chosen === undefined) return "dropped/second-try name in a country the article does not support";
    cands = f.candidates;
  }
  if (m.chosen === undefined) return "dropped";
  if (m.chosen < 0) return "other/winner not among the name's candidates";
  let right: number | undefined;
  for (const i of cands) {
    if (distanceKm(m.goldLat, m.goldLon, gaz.lat(i), gaz.lon(i)) > 161) continue;
    // the most populous of the right ones stands for "the right kind"
    if (right === undefined || gaz.pop(i) > gaz.pop(right)) right = i;
  }
  const chosenKind = kindOf(gaz.fcode(m.chosen));
  if (right === undefined) return `no-near/chosen ${chosenKind}`;
  const country = gaz.cc(right) === gaz.cc(m.chosen) ? "same country" : "other country";
  return `ranking/${chosenKind} → ${kindOf(gaz.fcode(right))}, ${country}`;
}

/** Prints category counts (all, even, odd), largest first, grouped by the part before "/". */
export function printBreakdown(gaz: Gazetteer, misses: MissInput[]): void {
  const counts = new Map<string, [number, number]>();
  for (const m of misses) {
    const c = missCategory(gaz, m);
    const v = counts.get(c) ?? [0, 0];
    v[m.half]++;
    counts.set(c, v);
  }
  const groups = new Map<string, [number, number]>();
  for (const [c, v] of counts) {
    const g = c.split("/")[0]!;
    const t = groups.get(g) ?? [0, 0];
    t[0] += v[0];
    t[1] += v[1];
    groups.set(g, t);
  }
  const total = (v: [number, number]) => v[0] + v[1];
  console.log("");
  console.log(`miss breakdown (${misses.length} mentions > 161 km): all  even  odd`);
  for (const [g, gv] of [...groups].sort((a, b) => total(b[1]) - total(a[1]))) {
    console.log(`  ${g.padEnd(52)} ${String(total(gv)).padStart(4)} ${String(gv[0]).padStart(5)} ${String(gv[1]).padStart(4)}`);
    const rows = [...counts].filter(([c]) => c.split("/")[0] === g && c.includes("/"));
    for (const [c, v] of rows.sort((a, b) => total(b[1]) - total(a[1])))
      console.log(`    ${c.slice(g.length + 1).padEnd(50)} ${String(total(v)).padStart(4)} ${String(v[0]).padStart(5)} ${String(v[1]).padStart(4)}`);
  }
}
