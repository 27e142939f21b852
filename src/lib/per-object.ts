/**
 * `build` memoised per object (a database handle, say): the first call for an object builds, the
 * next ones return the same value, and the value goes when the object does (a WeakMap).
 */
export function perObject<K extends object, V>(build: (key: K) => V): (key: K) => V {
  const byKey = new WeakMap<K, V>();
  return (key) => {
    let value = byKey.get(key);
    if (value === undefined) byKey.set(key, (value = build(key)));
    return value;
  };
}
