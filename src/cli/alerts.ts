// `sitrep alerts`: contact and escalation alerts (converging, racing, clash, sponsor) computed from
// the stored events, as a table for people or JSON Lines for tools. The alerts modules (an ICU
// collator, h3-js) load when the command runs, not at every start of the CLI.
import type { Command } from "commander";
import type { Alert, AlertKind } from "../alerts/types.js";
import { UserError } from "./errors.js";
import { addDbOption, parseDay, withStore } from "./store-option.js";

const KINDS: AlertKind[] = ["converging", "racing", "clash", "sponsor"];

function num(v: string | undefined, name: string): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0) throw new UserError(`${name}: expected a positive number, got "${v}"`);
  return n;
}

/** A plain-text table: one alert per block, its explanation wrapped under it. */
export function alertTable(alerts: Alert[]): string {
  if (alerts.length === 0) return "no alerts\n";
  const lines: string[] = [];
  for (const a of alerts) {
    const sides = a.sides.map((s) => `${s.coalitionName} (${s.actors.map((x) => x.name).join(", ") || "-"})`).join(" vs ");
    const dist = a.distanceKm !== undefined ? `  ${a.distanceKm} km` : "";
    const trend = a.trend ? ` (${a.trend.direction} from ${a.trend.fromKm} km over ${a.trend.days} days)` : "";
    lines.push(`${a.lastDate}  ${a.kind.padEnd(10)} ${sides}${dist}${trend}`);
    lines.push(`    ${a.explanation}`);
    lines.push(`    places: ${a.places.map((p) => p.name).join(", ") || "-"}; events: ${a.eventIds.join(", ")}; id ${a.id}`);
    const src = [...new Set(a.sources.map((s) => s.outlet ?? s.attribution ?? s.articleId).filter(Boolean))];
    if (src.length) lines.push(`    sources: ${src.join("; ")}`);
  }
  return `${lines.join("\n")}\n`;
}

export function registerAlerts(program: Command): void {
  const cmd = program
    .command("alerts")
    .description("contact and escalation alerts between rival coalitions (converging, racing, clash, sponsor)")
    .option("--format <format>", "table or jsonl", "table")
    .option("--since <date>", "alerts whose latest event is on or after YYYY-MM-DD")
    .option("--until <date>", "compute as of YYYY-MM-DD (default: the latest stored event)")
    .option("--distance-km <km>", "converging: areas closer than this", "30")
    .option("--days <n>", "converging: compare with the gap this many days earlier", "7")
    .option("--window-days <n>", "days of events that make an area of operation", "14")
    .option("--objective-km <km>", "racing: both sides fighting within this distance of one place", "25")
    .option("--sponsor-km <km>", "sponsor: a sponsor's forces within this distance of the rival's area", "30")
    .option("--kind <kind...>", `only these kinds: ${KINDS.join(", ")}`)
    .option("--coalitions", "print the coalitions and why each actor belongs to one, instead of alerts");
  addDbOption(cmd).action(
    async (o: {
      db?: string;
      format: string;
      since?: string;
      until?: string;
      distanceKm: string;
      days: string;
      windowDays: string;
      objectiveKm: string;
      sponsorKm: string;
      kind?: string[];
      coalitions?: boolean;
    }) => {
      if (o.format !== "table" && o.format !== "jsonl") throw new UserError(`--format: expected table or jsonl, got "${o.format}"`);
      for (const k of o.kind ?? []) if (!KINDS.includes(k as AlertKind)) throw new UserError(`--kind: expected ${KINDS.join(", ")}, got "${k}"`);
      const q = {
        since: parseDay(o.since, "--since"),
        until: parseDay(o.until, "--until"),
        distanceKm: num(o.distanceKm, "--distance-km"),
        trendDays: num(o.days, "--days"),
        windowDays: num(o.windowDays, "--window-days"),
        objectiveKm: num(o.objectiveKm, "--objective-km"),
        sponsorKm: num(o.sponsorKm, "--sponsor-km"),
        kinds: o.kind as AlertKind[] | undefined,
      };
      if (o.coalitions) {
        const [{ deriveCoalitions }, { loadAlertData, relationEvidence }] = await Promise.all([import("../alerts/coalitions.js"), import("../alerts/source.js")]);
        const set = await withStore(o.db, async (store) => deriveCoalitions(await loadAlertData(store, { evidence: await relationEvidence(store) })), { read: true });
        for (const c of set.coalitions) {
          if (o.format === "jsonl") process.stdout.write(`${JSON.stringify(c)}\n`);
          else process.stdout.write(`${c.name} (${c.id}): ${c.members.length} actors\n${c.members.map((m) => `  ${m.actorId.padEnd(28)} ${m.role.padEnd(8)} ${m.explanation}\n`).join("")}`);
        }
        return;
      }
      const { alertsFromStore } = await import("../alerts/run.js");
      const r = await withStore(o.db, (store) => alertsFromStore(store, q), { read: true });
      if (o.format === "jsonl") for (const a of r.alerts) process.stdout.write(`${JSON.stringify(a)}\n`);
      else process.stdout.write(alertTable(r.alerts));
    },
  );
}
