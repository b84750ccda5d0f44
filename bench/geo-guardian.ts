// Junk-place survey on the seed's kind of articles (../shared/data/articles/guardian-sdf-unlabelled.jsonl,
// unlabelled Guardian reporting on Syria): full geoparsing of every article (the geoparser alone, no actor
// spans excluded), then counts of the resolved places an analyst would query first. No gold here: the
// counts are of suspects, to re-measure after a change (lower is better for all but the totals).
//   outside support  a town-level place in a country nothing else in the article is in (no other place, no demonym)
//   far              a town-level place > 1,500 km from every other place of the article
//   other name       the text's name is not the winner's own (main) name: an alternate / historic name
//   short            a town-level place named with three letters or fewer ('US', 'UK' for countries are not counted)
// Run: node --import tsx bench/geo-guardian.ts [file.jsonl] [--list]   (--list prints each suspect)
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { PROJECT_ROOT } from "../src/geo/build.js";
import { distanceKm } from "../src/geo/distance.js";
import { loadGazetteer } from "../src/geo/gazetteer.js";
import { geoparse } from "../src/geo/index.js";
import { findDemonyms } from "../src/geo/recognize.js";
import { nameKey } from "../src/geo/normalize.js";

const args = process.argv.slice(2);
const list = args.includes("--list");
const file = args.find((a) => !a.startsWith("--")) ?? join(PROJECT_ROOT, "../shared/data/articles/guardian-sdf-unlabelled.jsonl");
if (!existsSync(file)) {
  console.log(`SKIP: ${file} not found (the Guardian article set lives in ../shared/data/articles)`);
  process.exit(0);
}
const gaz = loadGazetteer();
if (!gaz) {
  console.log("SKIP: no gazetteer (npm run build:gazetteer)");
  process.exit(0);
}
// large or country-level features: not "a town far away"
const BIG = /^(PCL|CONT|RGN|OCN|SEA|GULF|ADM1|MTS|DSRT|PEN|PLN|PLAT|STM|LK)/;

const counts = { articles: 0, places: 0, mentions: 0, outside: 0, far: 0, otherName: 0, short: 0 };
const byCountry = new Map<string, number>();
const byCode = new Map<string, number>();
const suspects: string[] = [];
const t0 = process.cpuUsage();
for (const line of readFileSync(file, "utf8").split("\n")) {
  if (!line.trim()) continue;
  const a = JSON.parse(line) as { id: string; text: string };
  counts.articles++;
  const { places } = geoparse(a.text);
  const hinted = new Set(findDemonyms(a.text, gaz).map((d) => d.countryCode).filter(Boolean));
  const geoPlaces = places.filter((p) => p.mentions.some((m) => m.pass === "geo"));
  for (const p of geoPlaces) {
    counts.places++;
    counts.mentions += p.mentions.length;
    byCountry.set(p.countryCode || "-", (byCountry.get(p.countryCode || "-") ?? 0) + 1);
    byCode.set(p.featureCode, (byCode.get(p.featureCode) ?? 0) + 1);
    const surface = p.mentions[0]!.text;
    const flags: string[] = [];
    const others = geoPlaces.filter((o) => o !== p);
    if (!BIG.test(p.featureCode)) {
      if (!hinted.has(p.countryCode) && !others.some((o) => o.countryCode === p.countryCode)) flags.push("outside");
      const near = others.filter((o) => !BIG.test(o.featureCode) || o.featureCode.startsWith("ADM1"));
      if (near.length > 0 && near.every((o) => distanceKm(p.lat, p.lon, o.lat, o.lon) > 1500)) flags.push("far");
    }
    if (p.mentions.some((m) => nameKey(m.text) !== nameKey(p.name))) flags.push("otherName");
    if (surface.replace(/\W/g, "").length <= 3 && !BIG.test(p.featureCode)) flags.push("short");
    for (const f of flags) counts[f === "outside" ? "outside" : (f as "far" | "otherName" | "short")]++;
    if (list && flags.length > 0)
      suspects.push(`${a.id}\t${flags.join(",")}\t"${surface}" → ${p.name} (${p.featureCode} ${p.countryCode}${p.admin1 ? `, ${p.admin1}` : ""}) ×${p.mentions.length}`);
  }
}
const cpu = process.cpuUsage(t0);
if (list) for (const s of suspects) console.log(s);
const top = (m: Map<string, number>, n: number) =>
  [...m].sort((x, y) => y[1] - x[1]).slice(0, n).map(([k, v]) => `${k} ${v}`).join(", ");
console.log(`Guardian SDF set: ${counts.articles} articles, ${counts.places} places (per article), ${counts.mentions} mentions`);
console.log(`  by country: ${top(byCountry, 15)}`);
console.log(`  by feature code: ${top(byCode, 15)}`);
console.log(
  `  suspects: outside support ${counts.outside}, far (>1500 km) ${counts.far}, other name ${counts.otherName}, short town names (≤3 letters) ${counts.short}`,
);
console.log(`  CPU ${((cpu.user + cpu.system) / 1000).toFixed(0)} ms`);
