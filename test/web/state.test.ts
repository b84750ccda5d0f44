// The page's state holds the map's points as columns: loading an answer, live changes (added,
// replaced, removed events) and the time window must keep every column aligned.
import assert from "node:assert/strict";
import { test } from "node:test";
import { EVENT_TYPES } from "../../web/src/colors.js";
import { state } from "../../web/src/state.js";
import type { StoredEvent } from "../../src/store/types.js";

const answer = {
  count: 3,
  truncated: false,
  types: ["Protests", "Battles", "Something new"],
  id: ["1", "2", "3"],
  lon: [38.5, 40.1, 38.5],
  lat: [35.1, 36.2, 35.1],
  type: [0, 1, 2],
  sources: [1, 3, 2],
  date: ["2017-03-01", "2017-03-04", "2017-03-09"],
  precision: [1, 2, 1],
};

/** A fresh copy each time: the state takes the arrays it is given as its own and changes them. */
const columns = () => structuredClone(answer);

function rows(): string[] {
  const p = state.visible();
  return Array.from({ length: p.length }, (_, k) => `${p.id[k]} ${p.lon[k]},${p.lat[k]} ${p.type[k]} ${p.sources[k]} ${p.date[k]}`);
}

test("points load as aligned columns, types numbered in the page's own list", () => {
  state.setPoints(columns());
  const protests = EVENT_TYPES.indexOf("Protests");
  const battles = EVENT_TYPES.indexOf("Battles");
  assert.deepEqual(rows(), [`1 38.5,35.1 ${protests} 1 2017-03-01`, `2 40.1,36.2 ${battles} 3 2017-03-04`, "3 38.5,35.1 -1 2 2017-03-09"], "rows as loaded");
  assert.ok(state.days.length >= 31, `at least a month on the axis, got ${state.days.length}`);
});

test("live changes add, replace and drop rows without misaligning the columns", () => {
  state.setPoints(columns());
  const ev = (id: string, lon: number, date: string, sourceCount: number) =>
    ({ id, eventType: "Riots", place: { lon, lat: 10 }, sourceCount, date }) as unknown as StoredEvent;
  const changed = state.applyChanges([ev("4", 20, "2017-03-05", 7), ev("2", 21, "2017-03-06", 5)], ["1"]);
  assert.equal(changed, 3, "one added, one replaced, one dropped");
  const riots = EVENT_TYPES.indexOf("Riots");
  assert.deepEqual(rows(), [`2 21,10 ${riots} 5 2017-03-06`, "3 38.5,35.1 -1 2 2017-03-09", `4 20,10 ${riots} 7 2017-03-05`], "rows after the changes");
});

test("the time window keeps the rows inside it", () => {
  state.setPoints(columns());
  const from = state.days.indexOf("2017-03-02");
  const to = state.days.indexOf("2017-03-09");
  assert.ok(from >= 0 && to >= 0, "both days on the axis");
  state.setWindow(from, to);
  assert.deepEqual(state.visible().id, ["2", "3"], "the two events inside the window");
  assert.equal(state.visible().length, 2, "length follows the rows");
});
