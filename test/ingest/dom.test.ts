// The linkedom documents sitrep parses keep working DOM events after the node base swap.
import assert from "node:assert/strict";
import { test } from "node:test";
import { parseDocument } from "../../src/ingest/html/dom.js";

test("parseDocument: listeners run in order, once, bubbling, stopPropagation, removal", () => {
  const doc = parseDocument("<html><body><div id=outer><p id=inner>x</p></div></body></html>");
  const outer = doc.getElementById("outer")!;
  const inner = doc.getElementById("inner")!;
  const seen: string[] = [];
  const Ev = (doc.defaultView as unknown as { Event: typeof Event }).Event;
  inner.addEventListener("ping", (e) => seen.push(`inner1:${e.eventPhase}`));
  inner.addEventListener("ping", () => seen.push("inner-once"), { once: true });
  outer.addEventListener("ping", (e) => seen.push(`outer:${e.eventPhase}:${(e.target as Element).id}`));
  inner.dispatchEvent(new Ev("ping", { bubbles: true }));
  assert.deepEqual(seen, ["inner1:2", "inner-once", "outer:3:inner"]);
  seen.length = 0;
  inner.dispatchEvent(new Ev("ping"));
  assert.deepEqual(seen, ["inner1:2"]);
  seen.length = 0;
  const stop = (e: Event) => {
    seen.push("stop");
    e.stopPropagation();
  };
  inner.addEventListener("ping", stop);
  inner.dispatchEvent(new Ev("ping", { bubbles: true }));
  assert.deepEqual(seen, ["inner1:2", "stop"]);
  seen.length = 0;
  inner.removeEventListener("ping", stop);
  inner.dispatchEvent(new Ev("ping", { bubbles: true }));
  assert.deepEqual(seen, ["inner1:2", "outer:3:inner"]);
});

test("parseDocument: a click handler set as an attribute property fires", () => {
  const doc = parseDocument("<html><body><button id=b>go</button></body></html>");
  const b = doc.getElementById("b") as HTMLElement;
  let clicks = 0;
  b.onclick = () => {
    clicks++;
  };
  b.click();
  assert.equal(clicks, 1);
});
