// A bounded memo for pure look-ups on the geoparsing hot path: running text repeats the same words,
// so gazetteer searches and name keys are remembered; the whole memo is dropped when it reaches its
// limit (bounded memory without eviction bookkeeping).

export class BoundedMemo<V> {
  private readonly map = new Map<string, V>();

  constructor(
    private readonly compute: (key: string) => V,
    private readonly limit: number,
  ) {}

  /** The remembered value for `key`, computed on the first ask. */
  get(key: string): V {
    let v = this.map.get(key);
    if (v === undefined) {
      if (this.map.size >= this.limit) this.map.clear();
      v = this.compute(key);
      this.map.set(key, v);
    }
    return v;
  }

  /**
   * The remembered value for `key`, made by `make(key, arg)` on the first ask: for a caller that holds
   * more than the key (`arg`), which the value is made from when it is new.
   */
  getWith<A>(key: string, arg: A, make: (key: string, arg: A) => V): V {
    let v = this.map.get(key);
    if (v === undefined) {
      if (this.map.size >= this.limit) this.map.clear();
      v = make(key, arg);
      this.map.set(key, v);
    }
    return v;
  }

  clear(): void {
    this.map.clear();
  }
}
