// The one place HTML becomes a linkedom document. linkedom's node base class registers a
// fresh listener map in a WeakMap for every node it creates (elements, text, attributes),
// which on a news page is tens of thousands of WeakMap entries no one ever uses: about a
// tenth of parsing time plus their garbage collection. Here nodes get a base class that
// makes the listener map on the first `addEventListener`, with the same event behaviour
// (listeners in order, `once`, stopPropagation, stopImmediatePropagation, bubbling).
// Likewise linkedom answers `getAttribute("class")` by building the element's class list (a
// Set) and joining it, and its parser sets `className` for every class attribute it reads,
// which builds that list to write the same value back. Here the class attribute is read
// directly (linkedom keeps it in step with the class list), and the parser's write is
// skipped while no class list exists and the attribute already holds the value.
import { Document as LinkedomDocument, parseHTML } from "linkedom";

type Listener = ((ev: unknown) => unknown) | { handleEvent(ev: unknown): unknown };
type Options = boolean | { once?: boolean } | undefined;
interface Ev {
  type: string;
  bubbles: boolean;
  cancelBubble: boolean;
  _stopImmediatePropagationFlag: boolean;
  eventPhase: number;
  currentTarget?: unknown;
  target?: unknown;
  defaultPrevented: boolean;
  _path?: unknown[];
}

const listeners = new WeakMap<object, Map<string, Map<Listener, Options>>>();

/** A node base with listener maps made on demand. */
class LazyEventTarget {
  _getParent(): object | null {
    return null;
  }

  addEventListener(type: string, listener: Listener, options?: Options): void {
    let byType = listeners.get(this);
    if (!byType) listeners.set(this, (byType = new Map()));
    let set = byType.get(type);
    if (!set) byType.set(type, (set = new Map()));
    set.set(listener, options);
  }

  removeEventListener(type: string, listener: Listener): void {
    const set = listeners.get(this)?.get(type);
    if (set?.delete(listener) && set.size === 0) listeners.get(this)?.delete(type);
  }

  dispatchEvent(event: Ev): boolean {
    const path: LazyEventTarget[] = [];
    for (let node: LazyEventTarget | null = this; node; node = event.bubbles ? (node._getParent() as LazyEventTarget | null) : null)
      if (typeof node.dispatchEvent === "function") path.push(node);
    event._path = path.map((currentTarget) => ({ currentTarget, target: this }));
    for (const node of path) {
      const set = listeners.get(node)?.get(event.type);
      if (!set) continue;
      event.eventPhase = node === this ? 2 : 3;
      event.currentTarget = node;
      event.target = this;
      for (const [fn, opts] of set) {
        if (typeof opts === "object" && opts?.once) set.delete(fn);
        if (typeof fn === "function") fn.call(this, event);
        else fn.handleEvent(event);
        if (event._stopImmediatePropagationFlag) break;
      }
      delete event.currentTarget;
      delete event.target;
      if (event.cancelBubble) break;
    }
    event._path = [];
    event.eventPhase = 0;
    return !event.defaultPrevented;
  }
}

let patched = false;

/** Swaps linkedom's node base class for the lazy one (once; skipped if the layout differs). */
function patchNodeBase(): void {
  if (patched) return;
  patched = true;
  // Document → … → Node → EventTarget: find Node as the class right above the event target
  let cls: unknown = LinkedomDocument;
  while (cls && typeof cls === "function") {
    const base = Object.getPrototypeOf(cls) as { name?: string; prototype?: object } | null;
    if (base && base.name === "DOMEventTarget" && typeof base.prototype === "object") {
      const node = cls as { prototype: object };
      Object.setPrototypeOf(node, LazyEventTarget);
      Object.setPrototypeOf(node.prototype, LazyEventTarget.prototype);
      return;
    }
    cls = base;
  }
}

let classPatched = false;

/**
 * Reads `class` from the attribute node, and makes `el.className = v` a no-op when `v` is
 * already the class attribute and no class list was built.
 */
function patchClassName(doc: Document): void {
  if (classPatched) return;
  classPatched = true;
  const probe = doc.createElement("div");
  probe.classList.add("x");
  const listKey = Object.getOwnPropertySymbols(probe).find((k) => k.description === "classList");
  let proto: object | null = Object.getPrototypeOf(probe);
  while (proto && !Object.getOwnPropertyDescriptor(proto, "className")) proto = Object.getPrototypeOf(proto);
  const desc = proto && Object.getOwnPropertyDescriptor(proto, "className");
  if (!listKey || !proto || !desc?.set || !desc.get) return;
  const set = desc.set;
  const el = proto as Element;
  const getAttribute = el.getAttribute;
  el.getAttribute = function (this: Element, name: string) {
    // linkedom gives "" for an element without a class: kept
    if (name === "class") return this.getAttributeNode("class")?.value ?? "";
    return getAttribute.call(this, name);
  };
  Object.defineProperty(proto, "className", {
    ...desc,
    set(this: Element & Record<symbol, unknown>, v: unknown) {
      if (this[listKey] == null && typeof v === "string" && this.getAttributeNode("class")?.value === v) return;
      set.call(this, v);
    },
  });
}

/** Parses an HTML string into a linkedom document. */
export function parseDocument(html: string): Document {
  patchNodeBase();
  if (!classPatched) patchClassName(parseHTML("<html><body></body></html>").document as unknown as Document);
  return parseHTML(html).document as unknown as Document;
}
