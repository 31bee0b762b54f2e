/**
 * An object for a test file's top level that stands for one made later, in a beforeAll/beforeEach hook:
 * each property read is answered by `current()` then, so tests use it as if it were there from the
 * start (a method called on it reads its own fields through it). Read outside a test, it says what is missing.
 */
export function lateBound<T extends object>(current: () => T | undefined, what: string): T {
  return new Proxy({} as T, {
    get(_target, name) {
      const target = current();
      if (!target) throw new Error(`${what} is there only inside a test`);
      return Reflect.get(target, name);
    },
  });
}
