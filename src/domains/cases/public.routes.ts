import { createRoute, z } from "@hono/zod-openapi";
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import type { Context } from "hono";
import { clientAddress } from "../../http/client.ts";
import type { AppEnv } from "../../http/context.ts";
import { AppError } from "../../http/errors.ts";
import { createRouter, ErrorResponseSchema } from "../../http/openapi.ts";
import { rateLimit } from "../../http/rate-limit.middleware.ts";
import { PublicEscalationBodySchema, PublicEscalationSchema } from "./cases.schemas.ts";
import { renderEscalationForm, renderEscalationResult } from "./public.page.ts";
import { PUBLIC_ESCALATION_POLICY, submitPublicEscalation } from "./public.service.ts";

/** In-process requests (tests) have no address: they share one subject, so the limit still holds. */
const subjectOf = (c: Context<AppEnv>) => clientAddress(c) ?? "in-process";
const limited = rateLimit(PUBLIC_ESCALATION_POLICY, subjectOf);
const error = (description: string) => ({
  description,
  content: { "application/json": { schema: ErrorResponseSchema } },
});

const submit = createRoute({
  method: "post",
  path: "/public/escalations",
  tags: ["public"],
  summary:
    "A customer's complaint to management (no login): opens a case at the executive level, or escalates the case of `reference` there",
  security: [],
  middleware: [limited] as const,
  request: {
    body: {
      content: { "application/json": { schema: PublicEscalationBodySchema } },
      required: true,
    },
  },
  responses: {
    201: {
      description: "The case's reference and the promised response time",
      content: { "application/json": { schema: PublicEscalationSchema } },
    },
    400: error("Invalid input, a forged reference, or a refused submission"),
    404: error("No case with that reference"),
    429: error("Too many submissions from this address"),
  },
});

export function publicEscalationRoutes() {
  const r = createRouter();
  r.openapi(submit, async (c) => {
    const { reference, respondBy } = await submitPublicEscalation(
      c.var.deps.db,
      c.req.valid("json"),
    );
    return c.json({ reference, respondBy }, 201);
  });
  return r;
}

const FormSchema = PublicEscalationBodySchema.extend({
  reference: z.string().trim().max(40).optional(),
  website: z.string().max(2000).optional(),
});

/** The form's labels, for the fields its problems name. */
const LABELS: Record<string, string> = {
  name: "Your name",
  email: "Your email address",
  reference: "Case reference",
  message: "Your complaint",
  org: "Organization",
};

/**
 * A problem as the person filling in the form reads it: the field's label instead of the API's
 * path ("body.reference: …" → "Case reference: …"; "body: …" → the sentence alone).
 */
export function forPeople(problem: string): string {
  const m = /^(?:body\.?)?(\w*): ([\s\S]*)$/.exec(problem);
  if (!m) return problem;
  const [, field = "", text = ""] = m;
  const label = LABELS[field];
  return label ? `${label}: ${text}` : `${text.charAt(0).toUpperCase()}${text.slice(1)}`;
}

/** The server-rendered form at /escalate (no script, so the app's CSP holds), and its answer. */
export function escalationPages() {
  const app = new Hono<AppEnv>();
  app.get("/escalate", (c) => c.html(renderEscalationForm({ org: c.req.query("org") ?? "" })));
  app.post(
    "/escalate",
    bodyLimit({
      maxSize: 64 * 1024,
      onError: () => {
        throw new AppError("PAYLOAD_TOO_LARGE", { message: "body: larger than 64 KB" });
      },
    }),
    limited,
    async (c) => {
      const form = await c.req.parseBody();
      const values = Object.fromEntries(
        Object.entries(form)
          .filter(([, v]) => typeof v === "string" && v !== "")
          .map(([k, v]) => [k, v as string]),
      );
      const parsed = FormSchema.safeParse(values);
      if (!parsed.success) {
        const problems = parsed.error.issues.map((i) =>
          forPeople(`${i.path.join(".")}: ${i.message}`),
        );
        return c.html(renderEscalationForm({ ...values, org: values.org ?? "", problems }), 400);
      }
      try {
        const result = await submitPublicEscalation(c.var.deps.db, parsed.data);
        return c.html(renderEscalationResult(result), 201);
      } catch (err) {
        if (!(err instanceof AppError) || err.code === "RATE_LIMITED") throw err;
        return c.html(
          renderEscalationForm({
            ...values,
            org: values.org ?? "",
            problems: [forPeople(err.message)],
          }),
          400,
        );
      }
    },
  );
  return app;
}
