// Readability, with one hot helper replaced for linkedom: collecting elements by tag name.
// Readability asks `querySelectorAll("p,td,pre,…")`, which linkedom answers by matching a
// selector list against every element; a plain walk with a tag set gives the same nodes in
// the same (document) order several times faster. Making link and image URLs absolute is
// skipped (only the text is used). Nothing else of Readability is changed.
import { Readability } from "@mozilla/readability";

function allWithTag(root: Element, tagNames: string[]): Element[] {
  const want = new Set(tagNames.map((t) => t.toUpperCase()));
  const out: Element[] = [];
  const walk = (el: Element) => {
    for (let c = el.firstElementChild; c; c = c.nextElementSibling) {
      if (want.has(c.tagName.toUpperCase())) out.push(c);
      walk(c);
    }
  };
  walk(root);
  return out;
}

/** Readability over a linkedom document, returning the article element itself. */
export class LinkedomReadability extends Readability<Element> {
  constructor(document: Document) {
    super(document, { serializer: (el) => el as Element, keepClasses: true, disableJSONLD: true });
    (this as unknown as { _getAllNodesWithTag: typeof allWithTag })._getAllNodesWithTag = allWithTag;
    // only the text is used: links and image sources need not be made absolute
    (this as unknown as { _fixRelativeUris: () => void })._fixRelativeUris = () => {};
  }
}
