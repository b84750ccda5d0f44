// Scoring for article-body extraction, as described in ../shared/data/README.md and done by
// the benchmark's own evaluation: \w+ tokens, 4-gram shingles (counted), precision/recall
// per page, averaged over pages, F1 of the averages.

const TOKEN = /[\p{L}\p{M}\p{N}_]+/gu;

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

/**
 * Precision and recall of one predicted text against its ground truth. Like the benchmark's
 * own evaluation, precision is undefined (NaN, left out of the average) when nothing was
 * predicted, and recall when there is no truth; both are 1 for an exact empty match.
 */
export function scorePage(truth: string, pred: string): { precision: number; recall: number } {
  const t = shingles(truth);
  const p = shingles(pred);
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const [s, c] of p) {
    const tc = t.get(s) ?? 0;
    tp += Math.min(c, tc);
    fp += Math.max(0, c - tc);
  }
  for (const [s, c] of t) fn += Math.max(0, c - (p.get(s) ?? 0));
  if (fp === 0 && fn === 0) return { precision: 1, recall: 1 };
  return { precision: tp + fp > 0 ? tp / (tp + fp) : Number.NaN, recall: tp + fn > 0 ? tp / (tp + fn) : Number.NaN };
}

export interface Score {
  f1: number;
  precision: number;
  recall: number;
  pages: number;
}

/** Averages per-page precision and recall, then takes F1 of the averages. */
export function aggregate(pages: { precision: number; recall: number }[]): Score {
  const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);
  const precision = mean(pages.map((p) => p.precision).filter((x) => !Number.isNaN(x)));
  const recall = mean(pages.map((p) => p.recall).filter((x) => !Number.isNaN(x)));
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { f1, precision, recall, pages: pages.length };
}
