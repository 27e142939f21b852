/**
 * The small JSON-path subset webhook mappings use (documented in docs/connectors.md):
 *
 *   $                 the current node (the payload, or one message inside `messages`)
 *   $$                the payload root, from inside `messages`
 *   .name             an object key (letters, digits, `_`, `-`)
 *   ["any key"]       an object key with other characters (JSON string syntax)
 *   [2], [-1]         an array index; negative counts from the end
 *   [*]               every element of an array (or every value of an object)
 *
 * No filters, no recursion, no slices: a mapping is read by people configuring an integration, and
 * every path runs in time proportional to its length times the elements it fans out to.
 */

export type PathSegment =
  { kind: "key"; key: string } | { kind: "index"; index: number } | { kind: "wildcard" };

export interface JsonPath {
  /** `$$` paths start at the payload root even inside a message mapping. */
  root: "current" | "payload";
  segments: PathSegment[];
  /** True when a `[*]` occurs, so the path can yield several values. */
  multi: boolean;
  source: string;
}

export class JsonPathError extends Error {}

const NAME = /^[A-Za-z0-9_-]+/;
const MAX_PATH_LENGTH = 500;

/** Parses a path such as `$.messages[*].from["display name"]`; throws JsonPathError naming the problem. */
export function parseJsonPath(source: string): JsonPath {
  if (source.length > MAX_PATH_LENGTH)
    throw new JsonPathError(`longer than ${MAX_PATH_LENGTH} characters`);
  let rest: string;
  let root: JsonPath["root"];
  if (source.startsWith("$$")) {
    root = "payload";
    rest = source.slice(2);
  } else if (source.startsWith("$")) {
    root = "current";
    rest = source.slice(1);
  } else {
    throw new JsonPathError("must start with $");
  }
  const segments: PathSegment[] = [];
  while (rest.length > 0) {
    if (rest.startsWith(".")) {
      const name = NAME.exec(rest.slice(1));
      if (!name) throw new JsonPathError(`expected a key name after '.' at '${rest.slice(0, 20)}'`);
      segments.push({ kind: "key", key: name[0] });
      rest = rest.slice(1 + name[0].length);
    } else if (rest.startsWith("[*]")) {
      segments.push({ kind: "wildcard" });
      rest = rest.slice(3);
    } else if (rest.startsWith('["')) {
      const end = findStringEnd(rest, 1);
      if (end < 0 || rest[end + 1] !== "]")
        throw new JsonPathError(`unterminated ["key"] at '${rest.slice(0, 20)}'`);
      let key: unknown;
      try {
        key = JSON.parse(rest.slice(1, end + 1));
      } catch {
        throw new JsonPathError(`invalid quoted key at '${rest.slice(0, 20)}'`);
      }
      segments.push({ kind: "key", key: key as string });
      rest = rest.slice(end + 2);
    } else {
      const index = /^\[(-?\d{1,9})\]/.exec(rest);
      if (!index?.[1])
        throw new JsonPathError(`unexpected '${rest.slice(0, 20)}': use .key, ["key"], [n] or [*]`);
      segments.push({ kind: "index", index: Number(index[1]) });
      rest = rest.slice(index[0].length);
    }
  }
  return { root, segments, multi: segments.some((s) => s.kind === "wildcard"), source };
}

/** Index of the closing quote of the JSON string starting at `start`, or -1. */
function findStringEnd(text: string, start: number): number {
  for (let i = start + 1; i < text.length; i++) {
    if (text[i] === "\\") i++;
    else if (text[i] === '"') return i;
  }
  return -1;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Every value the path reaches from `current` (or `payload` for `$$`); missing steps yield nothing. */
export function evaluateJsonPath(path: JsonPath, current: unknown, payload: unknown): unknown[] {
  let nodes: unknown[] = [path.root === "payload" ? payload : current];
  for (const segment of path.segments) {
    const next: unknown[] = [];
    for (const node of nodes) {
      switch (segment.kind) {
        case "key":
          // Own keys only: a mapping must not reach `constructor` or `__proto__` of a parsed object.
          if (isRecord(node) && Object.hasOwn(node, segment.key)) next.push(node[segment.key]);
          break;
        case "index":
          if (Array.isArray(node)) {
            const i = segment.index < 0 ? node.length + segment.index : segment.index;
            if (i >= 0 && i < node.length) next.push(node[i]);
          }
          break;
        case "wildcard":
          if (Array.isArray(node)) next.push(...node);
          else if (isRecord(node)) next.push(...Object.values(node));
          break;
      }
    }
    nodes = next;
    if (nodes.length === 0) break;
  }
  return nodes.filter((n) => n !== undefined);
}
