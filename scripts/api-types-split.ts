/** Pure helpers of scripts/api-types.ts: which tag owns each schema, and cutting the output apart. */

interface OpenApiDocument {
  paths?: Record<string, Record<string, { tags?: string[] } & Record<string, unknown>>>;
  components?: { schemas?: Record<string, unknown> };
}

const REF = "#/components/schemas/";

/** Every schema named by `$ref` anywhere inside `value`. */
function refsIn(value: unknown, into: Set<string>): Set<string> {
  if (Array.isArray(value)) value.forEach((v) => refsIn(v, into));
  else if (value && typeof value === "object") {
    for (const [key, v] of Object.entries(value)) {
      if (key === "$ref" && typeof v === "string" && v.startsWith(REF))
        into.add(v.slice(REF.length));
      else refsIn(v, into);
    }
  }
  return into;
}

/**
 * Each named schema's file: the one tag whose routes use it (directly or through other schemas),
 * or "common" when several tags or none do.
 */
export function groupSchemasByTag(document: OpenApiDocument): Map<string, string> {
  const schemas = document.components?.schemas ?? {};
  const closure = (start: Set<string>) => {
    const seen = new Set<string>();
    const todo = [...start];
    while (todo.length > 0) {
      const name = todo.pop()!;
      if (seen.has(name)) continue;
      seen.add(name);
      todo.push(...refsIn(schemas[name], new Set()));
    }
    return seen;
  };
  const tagsOf = new Map<string, Set<string>>();
  for (const item of Object.values(document.paths ?? {})) {
    for (const operation of Object.values(item)) {
      const tag = operation.tags?.[0] ?? "common";
      for (const name of closure(refsIn(operation, new Set()))) {
        const set = tagsOf.get(name) ?? new Set<string>();
        set.add(tag);
        tagsOf.set(name, set);
      }
    }
  }
  const groups = new Map<string, string>();
  for (const name of Object.keys(schemas)) {
    const tags = tagsOf.get(name);
    groups.set(name, tags?.size === 1 ? [...tags][0]! : "common");
  }
  return groups;
}

/**
 * Cuts openapi-typescript's formatted output into what precedes `schemas: {`, each schema entry
 * (with the comment lines above it) and what follows the schemas' closing brace.
 */
export function splitSchemaEntries(source: string) {
  const lines = source.split("\n");
  const open = lines.indexOf("  schemas: {");
  const close = lines.indexOf("  };", open);
  if (open < 0 || close < 0)
    throw new Error("no `schemas: {` block in openapi-typescript's output");
  const entries: { name: string; text: string }[] = [];
  let pending: string[] = [];
  for (const line of lines.slice(open + 1, close)) {
    const start = /^ {4}"?([A-Za-z0-9_.$-]+)"?\??:/.exec(line);
    if (start) entries.push({ name: start[1]!, text: "" });
    if (/^ {4}\/\*\*|^ {5}\*/.test(line) && !start) {
      pending.push(line);
      continue;
    }
    const entry = entries.at(-1);
    if (!entry) throw new Error(`schema text before the first schema: ${line}`);
    entry.text += [...pending, line].map((l) => `${l.slice(2)}\n`).join("");
    pending = [];
  }
  return {
    before: lines.slice(0, open).join("\n") + "\n",
    entries,
    after: lines.slice(close + 1).join("\n"),
  };
}
