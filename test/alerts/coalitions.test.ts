// Coalitions from the sponsor/alliance graph: seeds, chains, evidence, overrides, ties.
import assert from "node:assert/strict";
import { test } from "node:test";
import { deriveCoalitions } from "../../src/alerts/coalitions.js";
import type { AlertData } from "../../src/alerts/types.js";
import { actor, rel, seedActors, seedRelations } from "./seed-situation.js";

function data(extra: Partial<AlertData> = {}): AlertData {
  return { actors: seedActors(), relations: seedRelations(), events: [], ...extra };
}

const cases: [actorId: string, coalition: string | undefined, role?: string][] = [
  ["usa", "us-backed", "sponsor"],
  ["sdf", "us-backed", "member"],
  ["dmc", "us-backed", "member"],
  ["x:ahmad-abu-khawla", "us-backed", "member"],
  ["russia", "russia-iran-backed", "sponsor"],
  ["iran", "russia-iran-backed", "sponsor"],
  ["syria-gov-forces", "russia-iran-backed", "core"],
  ["hezbollah", "russia-iran-backed", "core"],
  ["isis", "jihadist", "core"],
];

for (const [id, coalition, role] of cases) {
  test(`coalition of ${id} is ${coalition}`, () => {
    const m = deriveCoalitions(data()).byActor.get(id);
    assert.equal(m?.coalitionId, coalition);
    if (role) assert.equal(m?.role, role);
  });
}

test("a member's explanation quotes the evidence of each link in its chain", () => {
  const m = deriveCoalitions(data()).byActor.get("dmc")!;
  assert.deepEqual(
    m.via.map((s) => s.type),
    ["part-of", "backed-by", "lexicon"],
  );
  assert.match(m.explanation, /Deir Ezzor Military Council is in US-backed because/);
  assert.match(m.explanation, /part-of Syrian Democratic Forces \("The Military Council is a part of/);
  assert.match(m.explanation, /backed-by United States \("US-backed Syrian Democratic Forces"\)/);
});

test("an actor with no link to any coalition has no membership", () => {
  const set = deriveCoalitions(data({ actors: [...seedActors(), actor("x:tribe", "Shaitat tribe", "identity-militia", "SY")] }));
  assert.equal(set.byActor.get("x:tribe"), undefined);
});

test("an unknown relation target still links (relation ends are nodes)", () => {
  const set = deriveCoalitions({ actors: [actor("x:ypg", "YPG", "rebel-group")], relations: [rel("x:ypg", "dominated-by", "usa", "US-dominated")], events: [] });
  assert.equal(set.byActor.get("x:ypg")?.coalitionId, "us-backed");
});

test("allied-with links both ways; opposes never links", () => {
  const set = deriveCoalitions(
    data({
      actors: [...seedActors(), actor("x:a", "Group A", "rebel-group"), actor("x:b", "Group B", "rebel-group")],
      relations: [...seedRelations(), rel("sdf", "allied-with", "x:a", "allied with Group A"), rel("x:b", "opposes", "sdf", "fights the SDF")],
    }),
  );
  assert.equal(set.byActor.get("x:a")?.coalitionId, "us-backed");
  assert.equal(set.byActor.get("x:b"), undefined);
});

test("a two-way link goes to the shorter chain and reports the other", () => {
  const set = deriveCoalitions(
    data({
      actors: [...seedActors(), actor("x:m", "Militia M", "political-militia")],
      relations: [...seedRelations(), rel("x:m", "backed-by", "iran", "Iranian-backed militia M"), rel("x:m", "part-of", "dmc", "M fights under the council")],
    }),
  );
  const m = set.byActor.get("x:m")!;
  assert.equal(m.coalitionId, "russia-iran-backed");
  assert.deepEqual(m.alsoLinked, ["us-backed"]);
  assert.match(m.explanation, /Also linked to US-backed/);
});

test("an analyst override wins, is explained with who and when, and can remove a membership", () => {
  const set = deriveCoalitions(
    data({
      overrides: [
        { actorId: "dmc", coalitionId: "russia-iran-backed", by: "alice", at: "2017-09-01T10:00:00Z", note: "first guess" },
        { actorId: "dmc", coalitionId: "us-backed", by: "bob", at: "2017-09-02T10:00:00Z", note: "council is SDF" },
        { actorId: "hezbollah", coalitionId: null, by: "alice", at: "2017-09-03T00:00:00Z" },
      ],
    }),
  );
  const m = set.byActor.get("dmc")!;
  assert.equal(m.coalitionId, "us-backed");
  assert.equal(m.via[0]!.type, "override");
  assert.match(m.explanation, /by bob on 2017-09-02: council is SDF/);
  assert.equal(set.byActor.get("hezbollah"), undefined);
});

test("states match by country only for state kinds, not for media or persons", () => {
  const set = deriveCoalitions({
    actors: [actor("x:rt", "RT", "media", "RU"), actor("x:ru-troops", "Russian troops", "external-force", "RU")],
    relations: [],
    events: [],
  });
  assert.equal(set.byActor.get("x:rt"), undefined);
  assert.equal(set.byActor.get("x:ru-troops")?.role, "sponsor");
});

test("derivation does not depend on input order", () => {
  const a = deriveCoalitions(data());
  const b = deriveCoalitions({ actors: seedActors().reverse(), relations: seedRelations().reverse(), events: [] });
  assert.deepEqual(a.coalitions, b.coalitions);
});
