// `sitrep geoparse <file.jsonl | ->`: places in each JSON line {id, text, mentions?}.
// With `mentions` ([{start, end}]) exactly those spans are resolved (resolution only);
// without, places are found too. Bad lines get a per-line error object, never a crash.
import { createReadStream, existsSync } from "node:fs";
import { createInterface } from "node:readline";
import type { Command } from "commander";
import { geoparse, loadGazetteer, resolveSpans } from "../geo/index.js";
import type { Place, Span } from "../types/index.js";
import { UserError } from "./errors.js";

interface OutPlace extends Span {
  /** the resolved place's name (the mention's own text when unresolved) */
  name: string;
  text: string;
  lat: number | null;
  lon: number | null;
  geonameId?: number;
  featureCode?: string;
  countryCode?: string;
  admin1?: string;
  precision?: number;
  unresolved?: true;
  relative?: Place["relative"];
}

function out(start: number, end: number, name: string, p: Place | undefined): OutPlace {
  if (!p) return { start, end, name, text: name, lat: null, lon: null, unresolved: true };
  const o: OutPlace = { start, end, name: p.name, text: name, lat: p.lat, lon: p.lon, featureCode: p.featureCode, countryCode: p.countryCode, precision: p.precision };
  if (p.geonameId) o.geonameId = p.geonameId;
  if (p.admin1) o.admin1 = p.admin1;
  if (p.relative) o.relative = p.relative;
  return o;
}

/** Geoparses one input line; returns the output object (a result or an error). */
export function geoparseLine(line: string, lineNo: number, explain = false): Record<string, unknown> {
  let rec: unknown;
  try {
    rec = JSON.parse(line);
  } catch (e) {
    return { line: lineNo, error: { code: "JSONL_LINE_INVALID", message: `line ${lineNo}: ${(e as Error).message}` } };
  }
  if (!rec || typeof rec !== "object" || Array.isArray(rec))
    return { line: lineNo, error: { code: "JSONL_LINE_INVALID", message: `line ${lineNo}: expected an object {id, text, mentions?}` } };
  const r = rec as { id?: unknown; text?: unknown; mentions?: unknown };
  const id = r.id ?? null;
  if (typeof r.text !== "string")
    return { id, line: lineNo, error: { code: "JSONL_LINE_INVALID", message: `line ${lineNo}: "text" must be a string` } };
  if (r.mentions !== undefined) {
    if (!Array.isArray(r.mentions))
      return { id, line: lineNo, error: { code: "SPAN_OUT_OF_RANGE", message: `line ${lineNo}: "mentions" must be an array of {start, end}` } };
    const spans = r.mentions as Span[];
    const { results, warnings } = resolveSpans(r.text, spans, { explain });
    const o: Record<string, unknown> = { id, places: results.map((x) => out(x.start, x.end, x.name, x.place)) };
    if (warnings.length) o.errors = warnings;
    return o;
  }
  const g = geoparse(r.text, { explain });
  const places: OutPlace[] = [];
  for (const p of g.places) for (const m of p.mentions) places.push(out(m.start, m.end, m.text, p));
  places.sort((a, b) => a.start - b.start);
  const o: Record<string, unknown> = { id, places };
  if (g.warnings.length) o.warnings = g.warnings;
  if (explain && g.explanations) o.explanations = g.explanations;
  return o;
}

export function registerGeoparse(program: Command): void {
  program
    .command("geoparse")
    .description("find and resolve places in JSON Lines {id, text, mentions?}; with mentions, resolve exactly those spans")
    .argument("<input>", "a .jsonl file, or - for standard input")
    .option("--explain", "add, for each mention, the runners-up and why the winner won")
    .action(async (input: string, o: { explain?: boolean }) => {
      if (input !== "-" && !existsSync(input)) throw new UserError(`${input}: no such file`);
      const t0 = performance.now();
      if (!loadGazetteer({ buildIfMissing: true }))
        throw new UserError("the gazetteer is missing and could not be built; run `npm run build:gazetteer`");
      if (process.env.SITREP_DEBUG) process.stderr.write(`gazetteer ready in ${Math.round(performance.now() - t0)} ms\n`);
      const stream = input === "-" ? process.stdin : createReadStream(input, "utf8");
      const rl = createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY });
      let n = 0;
      let failed = 0;
      for await (const line of rl) {
        n++;
        if (line.trim() === "") continue;
        const r = geoparseLine(line, n, o.explain);
        if (r.error) failed++;
        process.stdout.write(`${JSON.stringify(r)}\n`);
      }
      if (failed > 0) process.exitCode = 1;
    });
}
