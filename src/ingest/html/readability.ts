// Readability, with hot helpers replaced for linkedom: collecting elements by tag name.
// Readability asks `querySelectorAll("p,td,pre,…")`, which linkedom answers by matching a
// selector list against every element; a plain walk with a tag set gives the same nodes in
// the same (document) order several times faster; so does the visibility test, reading the
// style attribute as a string. Making link and image URLs absolute is
// skipped (only the text is used). Nothing else of Readability is changed.
import { Readability } from "@mozilla/readability";

const tagSets = new Map<string, Set<string>>();

/**
 * Elements under `root` with one of the tag names, in document order. Compares `localName`
 * (lower case from the HTML parser, upper case where Readability creates "DIV"s) against
 * both spellings: linkedom's `tagName` upper-cases the name anew on every read.
 */
function allWithTag(root: Element, tagNames: string[]): Element[] {
  const key = tagNames.join(",");
  let want = tagSets.get(key);
  if (!want) {
    want = new Set(tagNames.flatMap((t) => [t.toLowerCase(), t.toUpperCase()]));
    tagSets.set(key, want);
  }
  const out: Element[] = [];
  const walk = (el: Element) => {
    for (let c = el.firstElementChild; c; c = c.nextElementSibling) {
      if (want.has(c.localName)) out.push(c);
      walk(c);
    }
  };
  walk(root);
  return out;
}

/** The value a `style` attribute gives `prop`, read the way linkedom's `element.style` does. */
function styleValue(style: string, prop: string): string {
  let value = "";
  for (const rule of style.split(/\s*;\s*/)) {
    const colon = rule.indexOf(":");
    if (colon < 0 || rule.slice(0, colon).trim() !== prop) continue;
    const v = rule.slice(colon + 1).trim();
    if (v) value = v;
  }
  return value;
}

/**
 * Readability's visibility test with the style read from the attribute string: linkedom's
 * `element.style` builds a style object per element asked. Same answers.
 */
function isProbablyVisible(node: Element): boolean {
  const style = node.getAttribute("style");
  if (style && (styleValue(style, "display") === "none" || styleValue(style, "visibility") === "hidden")) return false;
  if (node.hasAttribute("hidden")) return false;
  return node.getAttribute("aria-hidden") !== "true" || node.className.includes("fallback-image");
}

/** Readability over a linkedom document, returning the article element itself. */
export class LinkedomReadability extends Readability<Element> {
  constructor(document: Document) {
    super(document, { serializer: (el) => el as Element, keepClasses: true, disableJSONLD: true });
    (this as unknown as { _getAllNodesWithTag: typeof allWithTag })._getAllNodesWithTag = allWithTag;
    (this as unknown as { _isProbablyVisible: typeof isProbablyVisible })._isProbablyVisible = isProbablyVisible;
    // only the text is used: links and image sources need not be made absolute
    (this as unknown as { _fixRelativeUris: () => void })._fixRelativeUris = () => {};
  }
}
