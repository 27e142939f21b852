import { readFileSync } from "node:fs";
import path from "node:path";
import { parseWordVectors, type WordVectors } from "../analysis/topics/index.ts";
import { PACKAGE_ROOT } from "./package-root.ts";

/** The shipped word vectors (src/analysis/topics/data, about 3 MB), read once on first use. */
export const WORD_VECTORS_DIR = path.join(PACKAGE_ROOT, "src/analysis/topics/data");

let cached: WordVectors | undefined;

export function loadWordVectors(): WordVectors {
  cached ??= parseWordVectors(
    readFileSync(path.join(WORD_VECTORS_DIR, "word-vectors.bin")),
    readFileSync(path.join(WORD_VECTORS_DIR, "word-vectors.txt"), "utf8"),
  );
  return cached;
}
