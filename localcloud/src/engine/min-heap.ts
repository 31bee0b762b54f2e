/**
 * Kept over tinyqueue 3.0.0 for a measured reason (docs/PERFORMANCE.md, Nearest stations): same results; a few
 * µs faster on a page of 5, but its comparator and wrapper objects made radius walks 11–59% (0.3–1.6 ms) slower.
 */

/** Binary min-heap keyed by a number in a parallel array (no comparator, no wrapper objects), for the best-first search. */
export class MinHeap<T> {
  private readonly values: T[] = [];
  private readonly prios: number[] = [];

  get length(): number {
    return this.values.length;
  }

  push(value: T, prio: number): void {
    const { values, prios } = this;
    let i = values.length;
    values.push(value);
    prios.push(prio);
    // Sift up.
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (prios[parent] <= prio) break;
      values[i] = values[parent];
      prios[i] = prios[parent];
      i = parent;
    }
    values[i] = value;
    prios[i] = prio;
  }

  /** Priority of the top entry; only valid when length > 0. */
  peekPrio(): number {
    return this.prios[0];
  }

  /** Removes and returns the top entry; only valid when length > 0. */
  pop(): T {
    const { values, prios } = this;
    const top = values[0];
    const lastValue = values.pop() as T;
    const lastPrio = prios.pop() as number;
    const n = values.length;
    if (n > 0) {
      // Sift the former last entry down from the root.
      let i = 0;
      for (;;) {
        let child = 2 * i + 1;
        if (child >= n) break;
        if (child + 1 < n && prios[child + 1] < prios[child]) child++;
        if (prios[child] >= lastPrio) break;
        values[i] = values[child];
        prios[i] = prios[child];
        i = child;
      }
      values[i] = lastValue;
      prios[i] = lastPrio;
    }
    return top;
  }
}
