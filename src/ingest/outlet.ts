// Outlet names: from a URL's domain (model/outlets.json) or from the text's own
// mentions ("Stay up to date with notifications from The Independent").
import { readFileSync } from "node:fs";

const OUTLETS = JSON.parse(readFileSync(new URL("./model/outlets.json", import.meta.url), "utf8")) as Record<string, string>;
delete OUTLETS._comment;
const NAMES = [...new Set(Object.values(OUTLETS))].sort((a, b) => b.length - a.length);

/** The outlet of a URL's host, e.g. "https://www.independent.co.uk/news/…" → "The Independent". */
export function outletFromUrl(url: string | undefined): string | undefined {
  if (!url) return undefined;
  let host: string;
  try {
    host = new URL(url).hostname.toLowerCase();
  } catch {
    return undefined;
  }
  for (let h = host; h.includes("."); h = h.slice(h.indexOf(".") + 1)) if (OUTLETS[h]) return OUTLETS[h];
  return undefined;
}

/** A known outlet named in chrome lines ("… notifications from The Independent"). */
export function outletFromText(lines: string[]): string | undefined {
  for (const line of lines) {
    for (const name of NAMES) {
      const i = line.indexOf(name);
      if (i >= 0 && /\b(?:from|by|on|at|of)\s+$/i.test(line.slice(0, i))) return name;
    }
  }
  for (const line of lines) for (const name of NAMES) if (line.includes(name)) return name;
  return undefined;
}
