import { z } from "@hono/zod-openapi";
import { evaluateJsonPath, JsonPathError, parseJsonPath, type JsonPath } from "./json-path.ts";

/**
 * A webhook source's mapping: how to turn one JSON delivery into one conversation item for
 * `ingestConversations`. The language is documented with worked examples in docs/connectors.md.
 */

/** The parsed path, or undefined after adding an issue that names the problem. */
function parsePathOrAddIssue(value: string, ctx: z.RefinementCtx): JsonPath | undefined {
  try {
    return parseJsonPath(value);
  } catch (err) {
    ctx.addIssue({
      code: "custom",
      message: `invalid path '${value}': ${(err as Error).message}`,
    });
    return undefined;
  }
}

const pathString = z
  .string()
  .max(500)
  .superRefine((value, ctx) => {
    parsePathOrAddIssue(value, ctx);
  });

const singlePath = pathString.refine((value) => !value.includes("[*]"), {
  message: "a single value cannot use [*]",
});

/** A path (starts with `$`), a literal string, `{ value }` for a literal starting with `$`, or a path with a value map. */
const ExprSchema = z.union([
  z
    .string()
    .min(1)
    .max(500)
    .superRefine((value, ctx) => {
      if (!value.startsWith("$")) return;
      if (parsePathOrAddIssue(value, ctx)?.multi)
        ctx.addIssue({ code: "custom", message: "a single value cannot use [*]" });
    }),
  z.strictObject({ value: z.string().max(500) }),
  z.strictObject({
    path: singlePath,
    /** Source value → stored value, e.g. `{ "user": "customer", "operator": "agent" }`. */
    map: z.record(z.string(), z.string().max(200)).optional(),
    /** Used when the path matches nothing or the map has no entry. */
    default: z.string().max(200).optional(),
  }),
]);
export type MappingExpr = z.infer<typeof ExprSchema>;

export const SIGNATURE_SCHEMES = ["rapport", "hub-sha256"] as const;

export const WebhookMappingSchema = z
  .strictObject({
    /**
     * `rapport` (default): `X-Rapport-Signature: sha256=HMAC(secret, "<X-Rapport-Timestamp>.<raw body>")`.
     * `hub-sha256`: `X-Hub-Signature-256: sha256=HMAC(secret, <raw body>)`, as GitHub and Meta send.
     */
    signature: z.enum(SIGNATURE_SCHEMES).default("rapport"),
    /** Where the delivery id is in the payload, when the sender does not send `X-Rapport-Delivery`. */
    deliveryId: singlePath.optional(),
    conversationExternalId: ExprSchema,
    channel: ExprSchema.default("chat"),
    status: ExprSchema.optional(),
    subject: ExprSchema.optional(),
    "customer.externalId": ExprSchema,
    "customer.name": ExprSchema.optional(),
    "customer.email": ExprSchema.optional(),
    "agent.externalId": ExprSchema.optional(),
    "agent.name": ExprSchema.optional(),
    "agent.email": ExprSchema.optional(),
    team: ExprSchema.optional(),
    messages: z.strictObject({
      /** Where the messages are: `$.messages[*]`, or `$.message` for one message per delivery. */
      path: pathString,
      role: ExprSchema,
      text: ExprSchema,
      /** ISO-8601 with a zone, or unix time in seconds or milliseconds. */
      ts: ExprSchema,
      externalId: ExprSchema.optional(),
      agentExternalId: ExprSchema.optional(),
    }),
  })
  .openapi("WebhookMapping");
export type WebhookMapping = z.infer<typeof WebhookMappingSchema>;

/** A delivery that cannot become a conversation item; the message names the field. */
export class MappingError extends Error {}

function compile(expr: string): JsonPath {
  try {
    return parseJsonPath(expr);
  } catch (err) {
    // The schema checked every path when the source was saved; only a stored mapping edited by hand gets here.
    throw new MappingError(`invalid path '${expr}': ${(err as JsonPathError).message}`);
  }
}

/** Reads one expression as a string, or undefined when it matches nothing. */
function readExpr(
  field: string,
  expr: MappingExpr | undefined,
  current: unknown,
  payload: unknown,
): string | undefined {
  if (expr === undefined) return undefined;
  if (typeof expr === "string" && !expr.startsWith("$")) return expr;
  if (typeof expr === "object" && "value" in expr) return expr.value;
  const path = typeof expr === "string" ? expr : expr.path;
  const found = evaluateJsonPath(compile(path), current, payload)[0];
  let value: string | undefined;
  if (found === undefined || found === null) value = undefined;
  else if (typeof found === "string") value = found;
  else if (typeof found === "number" || typeof found === "boolean") value = String(found);
  else
    throw new MappingError(
      `${field}: ${path} is ${Array.isArray(found) ? "an array" : "an object"}, expected a string`,
    );
  if (typeof expr === "object") {
    if (value !== undefined && expr.map && Object.hasOwn(expr.map, value)) return expr.map[value];
    if (value === undefined || expr.map) return expr.default ?? value;
  }
  return value;
}

/** Unix seconds or milliseconds (number or digits) become ISO-8601; anything else is left for validation. */
function normalizeTimestamp(value: string | undefined): string | undefined {
  if (value === undefined || !/^\d{9,13}(?:\.\d+)?$/.test(value)) return value;
  const n = Number(value);
  const ms = n < 1e11 ? n * 1000 : n;
  const date = new Date(ms);
  return Number.isNaN(date.getTime()) ? value : date.toISOString();
}

/**
 * Applies a mapping to a parsed payload. The result still has to pass `IngestConversationSchema`
 * (ingest validates it); this throws MappingError only for what the schema could not explain.
 */
export function applyMapping(
  mapping: WebhookMapping,
  source: string,
  payload: unknown,
): Record<string, unknown> {
  const read = (field: string, expr: MappingExpr | undefined, current: unknown = payload) =>
    readExpr(field, expr, current, payload);
  const item: Record<string, unknown> = {
    externalId: read("conversationExternalId", mapping.conversationExternalId),
    source,
    channel: read("channel", mapping.channel),
  };
  const optional: [string, MappingExpr | undefined][] = [
    ["status", mapping.status],
    ["subject", mapping.subject],
    ["team", mapping.team],
  ];
  for (const [field, expr] of optional) {
    const value = read(field, expr);
    if (value !== undefined) item[field] = value;
  }
  item.customer = compact({
    externalId: read("customer.externalId", mapping["customer.externalId"]),
    name: read("customer.name", mapping["customer.name"]),
    email: read("customer.email", mapping["customer.email"]),
  });
  const agentId = read("agent.externalId", mapping["agent.externalId"]);
  if (agentId !== undefined) {
    item.agent = compact({
      externalId: agentId,
      name: read("agent.name", mapping["agent.name"]),
      email: read("agent.email", mapping["agent.email"]),
    });
  }
  const m = mapping.messages;
  const messagesPath = compile(m.path);
  let nodes = evaluateJsonPath(messagesPath, payload, payload);
  if (!messagesPath.multi && nodes.length === 1 && Array.isArray(nodes[0])) nodes = nodes[0];
  item.messages = nodes.map((node, i) =>
    compact({
      role: read(`messages[${i}].role`, m.role, node),
      text: read(`messages[${i}].text`, m.text, node),
      ts: normalizeTimestamp(read(`messages[${i}].ts`, m.ts, node)),
      externalId: read(`messages[${i}].externalId`, m.externalId, node),
      agentExternalId: read(`messages[${i}].agentExternalId`, m.agentExternalId, node),
    }),
  );
  return item;
}

/** Reads the delivery id from the payload, when the mapping says where it is. */
export function readDeliveryId(mapping: WebhookMapping, payload: unknown): string | undefined {
  return mapping.deliveryId
    ? readExpr("deliveryId", mapping.deliveryId, payload, payload)
    : undefined;
}

function compact(o: Record<string, string | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined) out[k] = v;
  return out;
}
