import fc from "fast-check";

/**
 * fast-check arbitraries built from an OpenAPI 3.1 document: values that mostly fit each schema
 * (so requests get past validation and reach services and SQL), salted with the hostile values
 * that once answered 5xx (issue 12): NUL, lone surrogates, dates PostgreSQL cannot store, tsquery
 * operator runs, dash-only ids, huge numbers, wrong types.
 */

export interface JsonSchema {
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  format?: string;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  maxItems?: number;
  items?: JsonSchema;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  default?: unknown;
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, JsonSchema> };
}

export interface Operation {
  parameters?: {
    name: string;
    in: "path" | "query" | "header";
    required?: boolean;
    schema: JsonSchema;
  }[];
  requestBody?: { content: Record<string, { schema: JsonSchema }> };
}

/** Strings that broke (or could break) a layer below validation. */
export const HOSTILE_STRINGS = [
  "",
  " ",
  "\u0000",
  "a\u0000b",
  "\ud800",
  "x\udfff",
  "😀",
  "-".repeat(40),
  `refund ${"- ".repeat(40)}`,
  "-".repeat(36),
  "0000-01-01",
  "275760-09-13",
  "+275760-09-13T00:00:00.000Z",
  "0000-01-01T00:00:00Z",
  "1970-01-01T00:00:00Z",
  "00000000-0000-0000-0000-000000000000",
  "' or 1=1 --",
  '"; drop table conversations; --',
  "<script>alert(1)</script>",
  "%00",
  "\\",
  "NaN",
  "-1",
  "1e309",
  "x".repeat(5000),
];

const hostileString = fc.constantFrom(...HOSTILE_STRINGS);
const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  hostileString,
  fc.constantFrom(null, true, -1, 0, 1e308, -1e308, 2 ** 53, [], {}),
  fc.jsonValue({ maxDepth: 2 }),
);

function typesOf(schema: JsonSchema): string[] {
  if (Array.isArray(schema.type)) return schema.type;
  return schema.type ? [schema.type] : [];
}

/** Builds arbitraries for the schemas of one document, resolving `$ref`s. */
export class SchemaArbitraries {
  constructor(private readonly doc: OpenApiDocument) {}

  resolve(schema: JsonSchema): JsonSchema {
    let s = schema;
    for (let i = 0; s.$ref && i < 10; i++) {
      const name = s.$ref.replace("#/components/schemas/", "");
      s = this.doc.components?.schemas?.[name] ?? {};
    }
    return s;
  }

  /** Mostly a valid value; one time in five (at each level) a hostile one instead. */
  valueOf(schema: JsonSchema, depth = 0): fc.Arbitrary<unknown> {
    return fc.oneof(
      { weight: 4, arbitrary: this.validOf(schema, depth) },
      { weight: 1, arbitrary: hostileValue },
    );
  }

  private validOf(schema: JsonSchema, depth: number): fc.Arbitrary<unknown> {
    const s = this.resolve(schema);
    const variants = s.anyOf ?? s.oneOf;
    if (variants?.length) return fc.oneof(...variants.map((v) => this.valueOf(v, depth)));
    if (s.allOf?.length) return this.valueOf(s.allOf[0]!, depth);
    if (s.enum?.length) return fc.constantFrom(...s.enum);
    const types = typesOf(s).filter((t) => t !== "null");
    const type = types[0] ?? (s.properties ? "object" : "any");
    switch (type) {
      case "string":
        return this.stringOf(s);
      case "integer":
        return fc.integer({
          min: Math.max(s.minimum ?? -1000, -1_000_000),
          max: Math.min(s.maximum ?? 1000, 1_000_000),
        });
      case "number":
        return fc.double({
          min: Math.max(s.minimum ?? -1000, -1e6),
          max: Math.min(s.maximum ?? 1000, 1e6),
          noNaN: true,
        });
      case "boolean":
        return fc.boolean();
      case "array":
        return depth > 4
          ? fc.constant([])
          : fc.array(this.valueOf(s.items ?? {}, depth + 1), {
              maxLength: Math.min(s.maxItems ?? 3, 3),
            });
      case "object":
        return depth > 4 ? fc.constant({}) : this.objectOf(s, depth);
      default:
        return fc.jsonValue({ maxDepth: 2 });
    }
  }

  private stringOf(s: JsonSchema): fc.Arbitrary<string> {
    const max = Math.min(s.maxLength ?? 40, 60);
    const min = Math.min(s.minLength ?? 0, max);
    switch (s.format ?? "text") {
      case "uuid":
        return fc.uuid();
      case "date-time":
        return fc
          .date({
            min: new Date("1990-01-01T00:00:00Z"),
            max: new Date("2030-01-01T00:00:00Z"),
            noInvalidDate: true,
          })
          .map((d) => d.toISOString());
      case "email":
        return fc.emailAddress();
      default:
        return fc.oneof(
          fc.string({ minLength: Math.max(min, 1), maxLength: max }),
          fc.string({ unit: "binary", minLength: Math.max(min, 1), maxLength: max }),
          hostileString,
        );
    }
  }

  private objectOf(s: JsonSchema, depth: number): fc.Arbitrary<Record<string, unknown>> {
    const props = s.properties ?? {};
    const required = new Set(s.required ?? []);
    const record: Record<string, fc.Arbitrary<unknown>> = {};
    for (const [name, prop] of Object.entries(props)) record[name] = this.valueOf(prop, depth + 1);
    const known = fc.record(record, {
      requiredKeys: Object.keys(props).filter((k) => required.has(k)),
    });
    if (Object.keys(props).length > 0) return known as fc.Arbitrary<Record<string, unknown>>;
    // A free-form object (metadata, mappings): arbitrary JSON keys and values.
    return fc.dictionary(
      fc.string({ unit: "binary", maxLength: 10 }),
      fc.jsonValue({ maxDepth: 2 }),
      {
        maxKeys: 4,
      },
    );
  }
}
