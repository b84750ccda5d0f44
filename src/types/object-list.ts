// An empty array that V8 already holds as an array of objects. A fresh `[]` starts as an array of small
// integers and changes kind at its first push of an object, which throws away the optimised code of
// the function that pushed; hot passes (actors, trigger scan, place resolution) start their lists here.

/** `objectList(sample)`: an empty array of the kind that holds objects (`sample` is not kept). */
export function objectList<T extends object>(sample: T): T[] {
  const l = [sample];
  l.length = 0;
  return l;
}
