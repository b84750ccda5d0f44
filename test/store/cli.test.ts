// The store commands end to end, in process: events/actors/search/timeline output formats,
// ACLED export → import round trip, malformed rows, and database faults as one-line errors.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import Database from "better-sqlite3";
import { Reviews } from "../../src/accounts/review.js";
import { sqlOf } from "../../src/accounts/sql.js";
import { Accounts } from "../../src/accounts/users.js";
import { ACLED_COLUMNS } from "../../src/store/acled.js";
import { parseCsv } from "../../src/store/csv.js";
import { openStore } from "../../src/store/index.js";
import type { StoredEvent } from "../../src/store/types.js";
import { corpus } from "./docs.js";

const dir = mkdtempSync(join(tmpdir(), "sitrep-cli-"));
const db = join(dir, "corpus.db");

type Result = { code: number; out: string; err: string };

type Call = string[] | { args: string[]; env?: Record<string, string>; stdoutTo?: string };

/** Runs CLI command lines, in order, in one child process (test/store/cli-runner.ts): the CLI's start-up is paid once. */
function runMany(...calls: Call[]): Result[] {
  const r = spawnSync(process.execPath, ["--import", "tsx", "test/store/cli-runner.ts"], {
    input: JSON.stringify(calls.map((c) => (Array.isArray(c) ? { args: c } : c))),
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout);
}

/** A user-facing failure: exit 2, one line, no stack trace. */
function assertUserError(r: { code: number; err: string }, pattern: RegExp): void {
  assert.equal(r.code, 2, r.err);
  assert.equal(r.err.trim().split("\n").length, 1, r.err);
  assert.doesNotMatch(r.err, /\n\s+at /);
  assert.match(r.err, pattern);
}

const E = (...a: string[]) => ["events", "--db", db, ...a];
const J = (...a: string[]) => E("--format", "jsonl", ...a);
const count = (r: Result) => {
  assert.equal(r.code, 0, r.err);
  return r.out.trim() ? r.out.trim().split("\n").length : 0;
};

const head = ACLED_COLUMNS.join(",");
const good: Record<string, string> = {
  event_id_cnty: "SYR1",
  event_date: "09 September 2017",
  year: "2017",
  time_precision: "1",
  event_type: "Battles",
  sub_event_type: "Armed clash",
  actor1: "SDF: Syrian Democratic Forces",
  inter1: "2",
  actor2: "IS: Islamic State",
  inter2: "2",
  country: "Syria",
  iso: "760",
  admin1: "Deir ez Zor",
  location: "Deir ez Zor",
  latitude: "35.336",
  longitude: "40.141",
  geo_precision: "1",
  source: "SOHR",
  notes: 'Clashes, with "quotes", and a comma.',
  fatalities: "3",
  timestamp: "1505001600",
};
const row = (over: Record<string, string>) =>
  ACLED_COLUMNS.map((c) => {
    const v = over[c] ?? good[c] ?? "";
    return /[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
  }).join(",");

const R: Record<string, Result> = {};
const reviewed: StoredEvent[] = [];

before(async () => {
  const s = await openStore(db);
  for (const d of corpus()) await s.saveDoc(d);
  // An analyst accepts the oldest event, corrects the next one's fatalities, rejects the third.
  const clock = () => new Date("2018-01-01T00:00:00Z");
  const analyst = await new Accounts(sqlOf(s), { clock, scrypt: { logN: 12, r: 8, p: 1 } }).register("ana@example.org", "Ana", "a long enough password");
  const reviews = new Reviews(sqlOf(s), clock);
  const oldest = (await s.queryEvents({ sort: "date-asc", withSources: false })).items;
  reviewed.push(...oldest.slice(0, 3));
  await reviews.review(analyst, oldest[0].id, "accept");
  await reviews.review(analyst, oldest[1].id, "correct", { changes: { fatalities: 77 } });
  await reviews.review(analyst, oldest[2].id, "reject");
  await s.close();
  writeFileSync(
    join(dir, "bad.csv"),
    [
      head,
      row({}),
      row({ event_id_cnty: "SYR2", event_date: "31 February 2017" }),
      row({ event_id_cnty: "SYR3", notes: "two\nlines of notes" }),
      row({ event_id_cnty: "SYR4", latitude: "north" }),
      "SYR5,2017-09-09,2017",
      row({ event_id_cnty: "SYR6", event_type: "Picnics" }),
      row({ event_id_cnty: "SYR7", fatalities: "-1" }),
      row({ event_id_cnty: "SYR8", event_date: "2017-09-10" }),
      '"SYR9,unterminated',
    ].join("\n"),
  );
  writeFileSync(join(dir, "notacled.csv"), "a,b,c\n1,2,3\n");
  writeFileSync(join(dir, "one.csv"), "event_date,event_type,sub_event_type,actor1,latitude,longitude\n2017-09-09,Battles,Armed clash,X,1,1\n");
  writeFileSync(join(dir, "corrupt.db"), Buffer.alloc(8192, 0x5a));
  writeFileSync(join(dir, "article.txt"), "Syrian Democratic Forces clashed with Islamic State fighters near Raqqa on Saturday.\n");
  const locked = join(dir, "locked.db");
  await (await openStore(locked)).close();
  // another process's write transaction holds the lock while the CLI runs
  const other = new Database(locked);
  other.exec("BEGIN EXCLUSIVE");
  const calls: Record<string, Call> = {
    table: E(),
    jsonl: J(),
    csv: E("--format", "csv"),
    geojson: E("--format", "geojson"),
    near20: J("--near", "35.95,39.01", "--radius", "20km"),
    near200: J("--near", "35.95,39.01", "--radius", "200 km"),
    backed: J("--actor", "sdf", "--include-backed"),
    strike: J("--type", "Air/drone strike"),
    twoTypes: J("--type", "battles", "--type", "Violence against civilians"),
    reuters: J("--source", "Reuters"),
    since: J("--since", "2018-01-01"),
    bbox: J("--bbox", "36,36,37.5,37"),
    limit: J("--limit", "2"),
    nearName: J("--near", "Deir ez-Zor", "--radius", "50km"),
    badBbox: E("--bbox", "1,2"),
    badType: E("--type", "Picnic"),
    badFormat: E("--format", "xml"),
    badSince: E("--since", "yesterday"),
    badRadius: E("--radius", "far", "--near", "1,2"),
    badBacked: E("--include-backed"),
    missingDb: ["events", "--db", join(dir, "missing.db")],
    profile: ["actors", "sdf", "--db", db],
    profileJson: ["actors", "usa", "--db", db, "--format", "json"],
    actorList: ["actors", "--db", db],
    noActor: ["actors", "sdff", "--db", db],
    search: ["search", "Afrin offensive", "--db", db],
    weeks: ["timeline", "--by", "week", "--db", db, "--format", "csv"],
    badBy: ["timeline", "--by", "month", "--db", db],
    export1: { args: ["export", "--format", "acled", "--db", db], stdoutTo: join(dir, "export.csv") },
    import1: ["import", "--format", "acled", join(dir, "export.csv"), "--db", join(dir, "imported.db")],
    export2: ["export", "--format", "acled", "--db", join(dir, "imported.db")],
    import2: ["import", join(dir, "export.csv"), "--db", join(dir, "imported.db")],
    exportGeo: ["export", "--format", "geojson", "--db", db],
    exportJsonl: ["export", "--format", "jsonl", "--db", db],
    exportReviewed: ["export", "--format", "jsonl", "--reviewed-only", "--db", db],
    exportReviewedAcled: ["export", "--reviewed-only", "--db", db],
    exportReviewedType: ["export", "--format", "jsonl", "--reviewed-only", "--type", reviewed[1].eventType, "--db", db],
    importBad: ["import", join(dir, "bad.csv"), "--db", join(dir, "bad.db")],
    importMissing: ["import", join(dir, "nope.csv"), "--db", join(dir, "bad.db")],
    importNotAcled: ["import", join(dir, "notacled.csv"), "--db", join(dir, "bad.db")],
    corruptRead: ["events", "--db", join(dir, "corrupt.db")],
    corruptWrite: ["import", join(dir, "one.csv"), "--db", join(dir, "corrupt.db")],
    locked: { args: ["import", join(dir, "one.csv"), "--db", locked], env: { SITREP_DB_TIMEOUT_MS: "100" } },
    ingestCorrupt: ["ingest", "--quiet", join(dir, "article.txt"), "--db", join(dir, "corrupt.db")],
    ingestLocked: { args: ["ingest", "--quiet", join(dir, "article.txt"), "--db", locked], env: { SITREP_DB_TIMEOUT_MS: "100" } },
    unreachable: ["events", "--db", "postgres://x:y@127.0.0.1:1/none"],
  };
  try {
    const results = runMany(...Object.values(calls));
    Object.keys(calls).forEach((k, i) => {
      R[k] = results[i];
    });
  } finally {
    other.exec("ROLLBACK");
    other.close();
  }
});
after(() => rmSync(dir, { recursive: true, force: true }));


describe("sitrep events", () => {
  test("a table by default, JSON Lines, CSV and GeoJSON on request", () => {
    assert.equal(R.table.code, 0, R.table.err);
    assert.match(R.table.out, /^id\s+date\s+type/);
    assert.match(R.table.out, /5 of 5 events/);
    const lines = R.jsonl.out.trim().split("\n").map((l) => JSON.parse(l));
    assert.equal(lines.length, 5);
    assert.ok(lines.every((e) => Array.isArray(e.sources) && e.sources.length >= 1), "every event lists its sources");
    const rows = [...parseCsv(R.csv.out)];
    assert.equal(rows.length, 6);
    assert.equal(rows[0].fields[0], "id");
    const fc = JSON.parse(R.geojson.out);
    assert.equal(fc.type, "FeatureCollection");
    assert.equal(fc.features.length, 5);
    const afrin = fc.features.find((f: { properties: { actor1: string } }) => f.properties.actor1 === "turkey");
    assert.deepEqual(afrin.geometry, { type: "Point", coordinates: [36.87, 36.51] });
  });

  test("filters: near a point or a named place, actor with backed, type, source, dates", async () => {
    const names = ["near20", "near200", "backed", "strike", "twoTypes", "reuters", "since", "bbox", "limit"];
    assert.deepEqual(
      names.map((n) => count(R[n])),
      [1, 4, 2, 2, 3, 1, 1, 1, 2],
    );
    // a place name goes through the gazetteer (src/geo lookupPlace) when it is built
    const geo = (await import("../../src/geo/index.js")) as unknown as { lookupPlace?: (n: string) => unknown };
    if (geo.lookupPlace?.("Deir ez-Zor")) assert.equal(count(R.nearName), 3);
  });

  test("mistakes are one-line errors", () => {
    assertUserError(R.badBbox, /--bbox/);
    assertUserError(R.badType, /not an ACLED event/);
    assertUserError(R.badFormat, /--format/);
    assertUserError(R.badSince, /--since/);
    assertUserError(R.badRadius, /--radius/);
    assertUserError(R.badBacked, /needs --actor/);
    assertUserError(R.missingDb, /no database at/);
  });
});

describe("sitrep actors, search, timeline", () => {
  test("actor profile and list; search; timeline", () => {
    assert.equal(R.profile.code, 0, R.profile.err);
    assert.match(R.profile.out, /Syrian Democratic Forces \(sdf\)/);
    assert.match(R.profile.out, /backed by:\n {2}United States \(usa\): 3 evidence, 3 articles/);
    assert.deepEqual(
      JSON.parse(R.profileJson.out).backs.map((b: { actor: string }) => b.actor),
      ["sdf"],
    );
    assert.match(R.actorList.out, /isis\s+Islamic State/);
    assertUserError(R.noActor, /no actor with id "sdff"/);
    assert.equal(R.search.code, 0, R.search.err);
    assert.match(R.search.out, /The Guardian\s+Turkey begins Afrin offensive/);
    assert.match(R.search.out, /1 articles/);
    assert.match(R.weeks.out, /^week,"Battles"/);
    assert.match(R.weeks.out, /\n2017-09-04,2,1,0,0,0,0,3\n2017-09-11,0,0,1,0,0,0,1\n/);
    assertUserError(R.badBy, /--by/);
  });
});

describe("sitrep export / import", () => {
  test("ACLED export has ACLED's columns; import → export gives the same rows back", () => {
    assert.equal(R.export1.code, 0, R.export1.err);
    const rows = [...parseCsv(R.export1.out)];
    assert.deepEqual(rows[0].fields, [...ACLED_COLUMNS]);
    assert.equal(rows.length, 6);
    const byCol = (r: string[], c: string) => r[ACLED_COLUMNS.indexOf(c as (typeof ACLED_COLUMNS)[number])];
    const offensive = rows.find((r) => byCol(r.fields, "actor1") === "Syrian Democratic Forces")!.fields;
    assert.equal(byCol(offensive, "country"), "Syria");
    assert.equal(byCol(offensive, "iso"), "760");
    assert.equal(byCol(offensive, "region"), "Middle East");
    assert.equal(byCol(offensive, "fatalities"), "12");
    assert.equal(byCol(offensive, "interaction"), "22");
    assert.match(byCol(offensive, "event_id_cnty"), /^SYR\d+$/);
    assert.equal(R.import1.code, 0, R.import1.err);
    assert.match(R.import1.err, /5 events added, 0 updated, 0 rows skipped/);
    assert.deepEqual(
      [...parseCsv(R.export2.out)].map((r) => r.fields).sort(),
      rows.map((r) => r.fields).sort(),
    );
    assert.match(R.import2.err, /0 events added, 5 updated/);
    assert.equal(JSON.parse(R.exportGeo.out).features.length, 5);
    assert.equal(count(R.exportJsonl), 5);
  });

  test("--reviewed-only: accepted and corrected events, corrections applied; rejected and unreviewed left out", () => {
    assert.equal(R.exportReviewed.code, 0, R.exportReviewed.err);
    const lines = R.exportReviewed.out.trim().split("\n").map((l) => JSON.parse(l));
    assert.deepEqual(
      lines.map((e) => e.id),
      [reviewed[0].id, reviewed[1].id],
      "the accepted and the corrected event, oldest first",
    );
    assert.deepEqual(
      lines.map((e) => e.review),
      ["accepted", "corrected"],
    );
    assert.equal(lines[1].fatalities, 77, "the analyst's correction replaces the machine-coded figure");
    assert.deepEqual(lines[1].reviewedBy, ["Ana"]);
    const acled = [...parseCsv(R.exportReviewedAcled.out)];
    assert.equal(acled.length, 3, "ACLED header and two rows");
    const fat = acled.map((r) => r.fields[ACLED_COLUMNS.indexOf("fatalities")]);
    assert.ok(fat.includes("77"), `corrected fatalities in the ACLED rows: ${fat.join(", ")}`);
    // filters select among the reviewed events by their stored type
    const ofType = R.exportReviewedType.out.trim().split("\n").map((l) => JSON.parse(l).id);
    assert.deepEqual(
      ofType,
      reviewed.slice(0, 2).filter((e) => e.eventType === reviewed[1].eventType).map((e) => e.id),
    );
  });

  test("malformed ACLED rows are reported with their line numbers and skipped; the rest loads", async () => {
    const r = R.importBad;
    assert.equal(r.code, 1);
    const problems = r.err
      .trim()
      .split("\n")
      .filter((l) => /row skipped/.test(l));
    assert.deepEqual(
      problems.map((l) => Number(/bad\.csv:(\d+):/.exec(l)?.[1])),
      [3, 6, 7, 8, 9, 11],
    );
    assert.match(problems[0], /event_date "31 February 2017" is not a date/);
    assert.match(r.err, /3 events added, 0 updated, 6 rows skipped/);
    const s = await openStore(join(dir, "bad.db"));
    const ev = (await s.queryEvents({ origin: "acled", sort: "date-asc" })).items;
    assert.deepEqual(ev.map((e) => e.externalId).sort(), ["SYR1", "SYR3", "SYR8"]);
    assert.equal(ev.find((e) => e.externalId === "SYR3")!.notes, "two\nlines of notes");
    assert.equal(ev.find((e) => e.externalId === "SYR1")!.date, "2017-09-09");
    await s.close();
    assertUserError(R.importMissing, /cannot read/);
    assertUserError(R.importNotAcled, /not an ACLED CSV/);
  });
});

describe("database faults give one clear line", () => {
  test("a corrupt or foreign file", () => {
    assertUserError(R.corruptRead, /not a sitrep database or is corrupt/);
    assertUserError(R.corruptWrite, /not a sitrep database or is corrupt/);
    assertUserError(R.ingestCorrupt, /not a sitrep database or is corrupt/);
  });

  test("a database locked by another process's write", () => {
    assertUserError(R.locked, /locked by another process/);
    assertUserError(R.ingestLocked, /locked by another process/);
  });

  test("a read-only database", async (t) => {
    const ro = join(dir, "ro.db");
    const s = await openStore(ro);
    await s.saveDoc(corpus()[0]);
    await s.close();
    // opened read-only, a write is refused with a clear message
    const r = await openStore(ro, { readonly: true });
    await assert.rejects(r.saveDoc(corpus()[1]), /read-only/);
    assert.equal((await r.stats()).articles, 1);
    await r.close();
    if (process.getuid?.() === 0) return t.skip("file permissions do not bind root; the read-only handle above covers the message");
    chmodSync(ro, 0o444);
    const [imp, ing] = runMany(["import", join(dir, "one.csv"), "--db", ro], ["ingest", "--quiet", join(dir, "article.txt"), "--db", ro]);
    assertUserError(imp, /read-only/);
    assertUserError(ing, /read-only/);
  });

  test("an unreachable PostgreSQL server", () => {
    assertUserError(R.unreachable, /cannot reach the PostgreSQL server/);
  });
});
