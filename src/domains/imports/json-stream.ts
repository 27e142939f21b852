import type { Readable } from "node:stream";
import { StringDecoder } from "node:string_decoder";
import { AppError } from "../../lib/errors.ts";

export interface JsonElement {
  /** The top-level key of the array it came from, or null when the document is an array. */
  key: string | null;
  /** 1-based position within that array. */
  index: number;
  /** The element parsed, or the reason it could not be. */
  value?: unknown;
  error?: string;
}

const WS = new Set([" ", "\t", "\n", "\r", "\ufeff"]);

/**
 * Streams the elements of a JSON document's top-level array, or of the arrays under the given
 * top-level keys of a document that is an object (e.g. `{"tickets": [...], "users": [...]}`),
 * without holding the document in memory: only one element at a time is buffered. Other top-level
 * values are skipped. A document that is cut short or is not JSON fails with IMPORT_FILE_INVALID.
 */
export async function* streamJsonArrays(
  input: Readable,
  keys: readonly string[],
): AsyncGenerator<JsonElement> {
  const decoder = new StringDecoder("utf8");
  // Container stack: "o" object, "a" array. Depth = stack.length.
  const stack: ("o" | "a")[] = [];
  let inString = false;
  let escaped = false;
  let stringStart = -1;
  let stringParts: string[] = [];
  let lastTopString: string | null = null;
  let currentKey: string | null = null;
  /** Depth of the array whose elements are collected, or -1 when not inside one. */
  let targetDepth = -1;
  let targetKey: string | null = null;
  let index = 0;
  let capturing = false;
  let captureParts: string[] = [];
  let captureStart = 0;
  let started = false;
  const keepTopStrings = () => stack.length === 1 && stack[0] === "o";

  const finishCapture = (chunk: string, end: number): JsonElement => {
    captureParts.push(chunk.slice(captureStart, end));
    const text = captureParts.join("");
    captureParts = [];
    capturing = false;
    index++;
    try {
      return { key: targetKey, index, value: JSON.parse(text) as unknown };
    } catch {
      return { key: targetKey, index, error: "not valid JSON" };
    }
  };

  try {
    for await (const raw of input) {
      const chunk = typeof raw === "string" ? raw : decoder.write(raw as Buffer);
      const out: JsonElement[] = [];
      captureStart = 0;
      stringStart = inString ? 0 : -1;
      for (let i = 0; i < chunk.length; i++) {
        const c = chunk[i]!;
        if (inString) {
          if (escaped) escaped = false;
          else if (c === "\\") escaped = true;
          else if (c === '"') {
            inString = false;
            if (keepTopStrings() && !capturing) {
              stringParts.push(chunk.slice(stringStart, i));
              lastTopString = stringParts.join("");
              stringParts = [];
            }
            if (capturing && stack.length === targetDepth) out.push(finishCapture(chunk, i + 1));
          }
          continue;
        }
        if (WS.has(c)) continue;
        if (!started) {
          started = true;
          if (c !== "{" && c !== "[") throw invalid("the file does not start with { or [");
        }
        if (
          targetDepth >= 0 &&
          stack.length === targetDepth &&
          !capturing &&
          c !== "," &&
          c !== "]"
        ) {
          capturing = true;
          captureStart = i;
        }
        switch (c) {
          case '"':
            inString = true;
            stringStart = i + 1;
            stringParts = [];
            break;
          case "{":
          case "[":
            stack.push(c === "{" ? "o" : "a");
            if (c === "[" && targetDepth < 0) {
              if (stack.length === 1) {
                targetDepth = 1;
                targetKey = null;
                index = 0;
              } else if (
                stack.length === 2 &&
                stack[0] === "o" &&
                currentKey !== null &&
                keys.includes(currentKey)
              ) {
                targetDepth = 2;
                targetKey = currentKey;
                index = 0;
              }
            }
            break;
          case "}":
          case "]": {
            if (capturing && stack.length === targetDepth) {
              // A bare scalar element ends where its array ends.
              out.push(finishCapture(chunk, i));
            }
            const open = stack.pop();
            if (open === undefined || (open === "o") !== (c === "}"))
              throw invalid("unbalanced brackets");
            if (stack.length === targetDepth && capturing) out.push(finishCapture(chunk, i + 1));
            else if (stack.length < targetDepth) targetDepth = -1;
            if (stack.length === 1 && stack[0] === "o") currentKey = null;
            break;
          }
          case ":":
            if (keepTopStrings()) currentKey = lastTopString;
            break;
          case ",":
            if (capturing && stack.length === targetDepth) out.push(finishCapture(chunk, i));
            if (keepTopStrings()) currentKey = null;
            break;
          default:
            break;
        }
      }
      if (capturing) captureParts.push(chunk.slice(captureStart));
      if (inString && keepTopStrings() && !capturing) stringParts.push(chunk.slice(stringStart));
      yield* out;
    }
  } finally {
    input.destroy();
  }
  if (!started) throw invalid("the file is empty");
  if (stack.length > 0 || inString) throw invalid("the file ends inside a JSON value (cut short?)");
}

function invalid(reason: string): AppError {
  return new AppError("IMPORT_FILE_INVALID", { message: `not a JSON export: ${reason}` });
}

/** A first line longer than this is taken as a one-line JSON document rather than NDJSON. */
const MAX_FIRST_LINE = 1024 * 1024;

/**
 * Tells a JSON document (an array, or an object holding one of the arrays `keys`) from JSON Lines,
 * whose first line is a complete object of its own. Reads only the first line.
 */
export async function isJsonDocument(input: Readable, keys: readonly string[]): Promise<boolean> {
  let head = "";
  try {
    for await (const chunk of input) {
      head += typeof chunk === "string" ? chunk : (chunk as Buffer).toString("utf8");
      if (head.includes("\n") || head.length >= MAX_FIRST_LINE) break;
    }
  } finally {
    input.destroy();
  }
  const text = head.replace(/^\ufeff/, "").trimStart();
  if (text.startsWith("[")) return true;
  if (!text.startsWith("{")) return false;
  const newline = text.indexOf("\n");
  if (newline < 0 && text.length >= MAX_FIRST_LINE) return true;
  try {
    const first = JSON.parse(newline < 0 ? text : text.slice(0, newline)) as unknown;
    if (first === null || typeof first !== "object") return false;
    return keys.some((key) => Array.isArray((first as Record<string, unknown>)[key]));
  } catch {
    // A pretty-printed document: its first line alone is not JSON.
    return true;
  }
}
