// The alerts' text order: the same order as `a.localeCompare(b)` (ECMA-402 defines that call as a
// comparison by `new Intl.Collator()`), with the collator built once instead of on every call, and
// skipped for the usual ids and dates: over lowercase ASCII letters, digits and "-" the root
// collation orders as the code units do ("-" < digits < letters, a prefix first).
const collator = new Intl.Collator().compare;
const SIMPLE = /^[-0-9a-z]*$/;

export function textOrder(a: string, b: string): number {
  if (a === b) return 0;
  if (SIMPLE.test(a) && SIMPLE.test(b)) return a < b ? -1 : 1;
  return collator(a, b);
}
