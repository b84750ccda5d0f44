// Scoring for article-body extraction, as described in ../shared/data/README.md:
// token 4-gram shingles, precision/recall per page, averaged over pages, F1 of the averages.

const TOKEN = /[\p{L}\p{N}_]+/gu;

function shingles(text: string, n = 4): Map<string, number> {
  const toks = text.match(TOKEN) ?? [];
  const out = new Map<string, number>();
  if (toks.length === 0) return out;
  const k = Math.min(n, toks.length);
  for (let i = 0; i + k <= toks.length; i++) {
    const s = toks.slice(i, i + k).join(" ");
    out.set(s, (out.get(s) ?? 0) + 1);
  }
  return out;
}

/** Precision and recall of one predicted text against its ground truth. */
export function scorePage(truth: string, pred: string): { precision: number; recall: number } {
  const t = shingles(truth);
  const p = shingles(pred);
  let tp = 0;
  let np = 0;
  let nt = 0;
  for (const [s, c] of p) {
    np += c;
    tp += Math.min(c, t.get(s) ?? 0);
  }
  for (const c of t.values()) nt += c;
  const precision = np === 0 ? (nt === 0 ? 1 : 0) : tp / np;
  const recall = nt === 0 ? (np === 0 ? 1 : 0) : tp / nt;
  return { precision, recall };
}

export interface Score {
  f1: number;
  precision: number;
  recall: number;
  pages: number;
}

/** Averages per-page precision and recall, then takes F1 of the averages. */
export function aggregate(pages: { precision: number; recall: number }[]): Score {
  const n = pages.length || 1;
  const precision = pages.reduce((a, b) => a + b.precision, 0) / n;
  const recall = pages.reduce((a, b) => a + b.recall, 0) / n;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { f1, precision, recall, pages: pages.length };
}
