import { createRequire } from "node:module";

/**
 * A package loaded on first use instead of at import, for packages a server start does not need
 * (HTML-to-text, calendar and encoding parsers, progress bars): each one loaded at import is compiled
 * by every start (docs/performance.md, "Start-up"). Synchronous, so callers keep synchronous APIs;
 * it loads the package's CommonJS entry, which exposes the same functions as its ES module.
 */
export function lazyRequire<T>(name: string): () => T {
  let loaded: T | undefined;
  return () => (loaded ??= createRequire(import.meta.url)(name) as T);
}
