// Every different article text in ../shared/data as one JSON Lines file, for timing an ingest of text no
// process has read twice: the Guardian articles (articles/), the GeoVirus news articles (geoparsing/) and
// the article-extraction pages' bodies (article-extraction/ground-truth.json), interleaved one by one so
// the two kinds share the run. Written to a temporary directory at each run, never into the repository.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const DATA = "../shared/data";
const GUARDIAN = `${DATA}/articles/guardian-sdf-unlabelled.jsonl`;
const GEOVIRUS = `${DATA}/geoparsing/GeoVirus.xml`;
const BODIES = `${DATA}/article-extraction/ground-truth.json`;

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

export interface DistinctArticles {
  file: string;
  articles: number;
  wordsPerArticle: number;
}

/** Writes the file into `dir`; a string says why it cannot (the data is not here). */
export function writeDistinctArticles(dir: string): DistinctArticles | string {
  for (const f of [GUARDIAN, GEOVIRUS, BODIES]) if (!existsSync(f)) return `${f} is not here (it comes with ../shared/data)`;
  const guardian = readFileSync(GUARDIAN, "utf8")
    .split("\n")
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as { id: string; publishedAt: string; outlet?: string; text: string });
  const others: string[] = [];
  for (const m of readFileSync(GEOVIRUS, "utf8").matchAll(/<text>([\s\S]*?)<\/text>/g)) {
    const text = m[1].replace(/&(amp|lt|gt|quot|apos);/g, (_, e: string) => ENTITIES[e]);
    if (text.trim()) others.push(text);
  }
  const truth = JSON.parse(readFileSync(BODIES, "utf8")) as Record<string, { articleBody?: string }>;
  for (const v of Object.values(truth)) if (v.articleBody?.trim()) others.push(v.articleBody);
  const records: { id: string; publishedAt: string; outlet?: string; text: string }[] = [];
  for (let i = 0; i < Math.max(guardian.length, others.length); i++) {
    if (i < guardian.length) records.push(guardian[i]);
    if (i < others.length) records.push({ id: `other-${i}`, publishedAt: "2020-03-01T12:00:00Z", outlet: "Other", text: others[i] });
  }
  const file = join(dir, "distinct.jsonl");
  writeFileSync(file, `${records.map((r) => JSON.stringify(r)).join("\n")}\n`);
  const words = records.reduce((a, r) => a + r.text.split(/\s+/).filter(Boolean).length, 0);
  return { file, articles: records.length, wordsPerArticle: Math.round(words / records.length) };
}
