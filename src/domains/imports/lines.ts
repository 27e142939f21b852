import { createInterface } from "node:readline";
import type { Readable } from "node:stream";

/** Yields each line with its 1-based number, without a leading byte-order mark, streaming. */
export async function* readLines(input: Readable): AsyncGenerator<{ line: number; text: string }> {
  const reader = createInterface({ input, crlfDelay: Infinity });
  let line = 0;
  try {
    for await (const raw of reader) {
      line++;
      yield { line, text: line === 1 && raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw };
    }
  } finally {
    reader.close();
    input.destroy();
  }
}

/**
 * JSON Lines: yields each non-blank line parsed, or the reason it could not be. Blank lines are
 * skipped (they are common at the end of exported files and hold no record).
 */
export async function* readJsonLines(
  input: Readable,
): AsyncGenerator<
  { line: number; value: unknown; error?: undefined } | { line: number; error: string }
> {
  for await (const { line, text } of readLines(input)) {
    if (text.trim() === "") continue;
    try {
      yield { line, value: JSON.parse(text) as unknown };
    } catch {
      yield { line, error: "not valid JSON" };
    }
  }
}
