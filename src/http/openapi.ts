import { OpenAPIHono, z } from "@hono/zod-openapi";
import type { AppEnv } from "./context.ts";
import { AppError } from "./errors.ts";
import { findUnsafeText, UNSAFE_TEXT_MESSAGE } from "../lib/input-hygiene.ts";

/** Names the first offending field, e.g. "body.scopes[0]: Invalid option". */
function describeIssues(target: string, issues: z.core.$ZodIssue[]): string {
  return issues
    .slice(0, 3)
    .map((issue) => {
      const path = issue.path.reduce<string>(
        (acc, part) => (typeof part === "number" ? `${acc}[${part}]` : `${acc}.${String(part)}`),
        target,
      );
      if (issue.code === "unrecognized_keys") {
        return `${path}: unknown field${issue.keys.length > 1 ? "s" : ""} ${issue.keys.join(", ")}`;
      }
      return `${path}: ${issue.message}`;
    })
    .join("; ");
}

function formatPath(where: string, path: (string | number)[]): string {
  return path.reduce<string>(
    (acc, part) => (typeof part === "number" ? `${acc}[${part}]` : `${acc}.${part}`),
    where,
  );
}

/**
 * An OpenAPIHono router whose validation failures become our one error shape. Every validated
 * input is also checked for text the database cannot store (NUL, unpaired surrogates), naming the
 * field. `bodyTextCheckedPerItem` leaves the body to the route, for batches that reject per item.
 */
export function createRouter(opts: { bodyTextCheckedPerItem?: boolean } = {}): OpenAPIHono<AppEnv> {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      const target = "target" in result ? String(result.target) : "request";
      const where = target === "json" ? "body" : target;
      if (result.success) {
        if (target === "json" && opts.bodyTextCheckedPerItem) return undefined;
        const bad = findUnsafeText(result.data);
        if (bad) {
          const path = formatPath(where, bad);
          throw new AppError("VALIDATION_FAILED", {
            message: `${path}: ${UNSAFE_TEXT_MESSAGE}`,
            details: [
              { path: [where, ...bad].join("."), message: UNSAFE_TEXT_MESSAGE, code: "custom" },
            ],
          });
        }
      } else {
        throw new AppError("VALIDATION_FAILED", {
          message: describeIssues(where, result.error.issues),
          details: result.error.issues.map((i) => ({
            path: [where, ...i.path].join("."),
            message: i.message,
            code: i.code,
          })),
        });
      }
      return undefined;
    },
  });
}

/** JSON content of `schema`, for a response beside its description or inside a request body. */
export function jsonContent<T>(schema: T) {
  return { content: { "application/json": { schema } } };
}

/** A JSON response of `schema`. */
export function jsonResponse<T>(schema: T, description: string) {
  return { description, ...jsonContent(schema) };
}

/** A route's required JSON request body of `schema` (spread into `request`). */
export function jsonBody<T>(schema: T) {
  return { body: { ...jsonContent(schema), required: true } };
}

export const ErrorResponseSchema = z
  .object({
    error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }),
    requestId: z.string().optional(),
  })
  .openapi("Error");

const errorContent = { "application/json": { schema: ErrorResponseSchema } };

/** The error responses every authenticated route can give. */
export const standardErrors = {
  400: { description: "Invalid input: the message names the field", content: errorContent },
  401: { description: "No valid session or API key", content: errorContent },
  403: { description: "Role or scope not allowed, or CSRF token missing", content: errorContent },
  404: { description: "Not found in this organization", content: errorContent },
} as const;

/** 409: the request is valid but conflicts with the current state (the message says how). */
export const conflictError = {
  409: { description: "Conflicts with the current state", content: errorContent },
} as const;

export const UuidParamSchema = z.object({
  id: z.uuid({ message: "must be a UUID" }).openapi({ param: { name: "id", in: "path" } }),
});
