// One HTML page → the article's body and metadata.
import { parseHTML } from "linkedom";
import { extractBody } from "./body.js";
import { prestrip } from "./prestrip.js";

export interface HtmlParts {
  body: string;
  paragraphs: string[];
  via: string;
}

/** Reads one HTML page's article text. */
export function extractHtml(html: string, _opts: { url?: string } = {}): HtmlParts {
  const { html: stripped, jsonld } = prestrip(html);
  const { document } = parseHTML(stripped);
  const jsonldBody = jsonld.map(articleBodyOf).find((b) => b);
  const title = document.querySelector("h1")?.textContent?.trim();
  const r = extractBody(document as unknown as Document, { title, jsonldBody });
  return { body: r.paragraphs.join("\n\n"), paragraphs: r.paragraphs, via: r.via };
}

function articleBodyOf(raw: string): string | undefined {
  try {
    const found: string[] = [];
    const walk = (v: unknown) => {
      if (!v || typeof v !== "object") return;
      if (Array.isArray(v)) return v.forEach(walk);
      const o = v as Record<string, unknown>;
      if (typeof o.articleBody === "string") found.push(o.articleBody);
      for (const k of Object.keys(o)) if (typeof o[k] === "object") walk(o[k]);
    };
    walk(JSON.parse(raw));
    return found.sort((a, b) => b.length - a.length)[0];
  } catch {
    return undefined;
  }
}
