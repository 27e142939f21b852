import { z } from "@hono/zod-openapi";
import { CHANNELS, MESSAGE_ROLES } from "../../db/schema/index.ts";
import { SignalNameSchema } from "../conversations/index.ts";

/**
 * The shape of a scorecard version: sections of criteria, each with a stable key, a weight, an
 * answer scale, whether it is critical, and an optional automatic rule over the stored analysis.
 * Validated at the edge (the builder API) and trusted inside (rules.ts, score.ts).
 */

const RoleSchema = z.enum(MESSAGE_ROLES);

const SignalRefSchema = z.strictObject({ signal: SignalNameSchema, role: RoleSchema.optional() });

/** A fact about a conversation that holds or not; see rules.ts for how each is decided. */
export const ConditionSchema = z
  .discriminatedUnion("type", [
    z.strictObject({
      type: z.literal("signal"),
      signal: SignalNameSchema,
      role: RoleSchema.optional(),
      /** true: at least one matching signal; false: none. */
      present: z.boolean(),
      /** Only signals in a message after one carrying this signal. */
      after: SignalRefSchema.optional(),
      /** Signals followed (same or later message) by this one do not count (e.g. a policy with an offer). */
      excusedBy: SignalRefSchema.optional(),
      /** Only promises whose due time is stated / missing. */
      due: z.enum(["stated", "missing"]).optional(),
      /** Only the first N messages of `role` (e.g. a greeting in the first agent message). */
      withinFirst: z.number().int().min(1).max(50).optional(),
    }),
    z.strictObject({
      type: z.literal("first_reply"),
      /** The first agent reply after the customer's first message comes within this many seconds. */
      maxSeconds: z
        .number()
        .positive()
        .max(30 * 86_400),
    }),
    z.strictObject({
      type: z.literal("message_count"),
      role: RoleSchema.optional(),
      min: z.number().int().min(0).optional(),
      max: z.number().int().min(0).optional(),
    }),
  ])
  .openapi("QaCondition");
export type Condition = z.infer<typeof ConditionSchema>;

export const RuleSchema = z
  .strictObject({
    /** All must hold for the criterion to apply; otherwise the answer is N/A. */
    when: z.array(ConditionSchema).max(10).default([]),
    /** "all": every condition must hold to pass; "any": one is enough. */
    mode: z.enum(["all", "any"]).default("all"),
    expect: z.array(ConditionSchema).min(1).max(10),
  })
  .openapi("QaRule");
export type Rule = z.infer<typeof RuleSchema>;

const KeySchema = z
  .string()
  .regex(/^[a-z][a-z0-9_]{0,62}$/, "lowercase letters, digits and _, starting with a letter");

export const CriterionSchema = z
  .strictObject({
    key: KeySchema,
    name: z.string().trim().min(1).max(200),
    description: z.string().max(2000).default(""),
    weight: z.number().min(0, "weights may not be negative").max(100),
    /** pass_fail answers pass / fail / N-A; five_point answers 1–5 (or N-A). */
    scale: z.enum(["pass_fail", "five_point"]).default("pass_fail"),
    /** A failed critical criterion sets the whole score to 0. */
    critical: z.boolean().default(false),
    rule: RuleSchema.nullable().default(null),
  })
  .openapi("QaCriterion");
export type Criterion = z.infer<typeof CriterionSchema>;

export const SectionSchema = z
  .strictObject({
    key: KeySchema,
    name: z.string().trim().min(1).max(200),
    criteria: z.array(CriterionSchema).min(1).max(50),
  })
  .openapi("QaSection");
export type Section = z.infer<typeof SectionSchema>;

/** A scorecard's content as the builder sends it; the refinements are the bad-input rules. */
export const DefinitionSchema = z
  .strictObject({
    name: z.string().trim().min(1).max(200),
    channels: z.array(z.enum(CHANNELS)).min(1).max(CHANNELS.length),
    sections: z.array(SectionSchema).min(1).max(20),
  })
  .superRefine((d, ctx) => {
    const criteria = d.sections.flatMap((s) => s.criteria);
    const seen = new Set<string>();
    criteria.forEach((c) => {
      if (seen.has(c.key))
        ctx.addIssue({ code: "custom", message: `duplicate criterion key ${c.key}` });
      seen.add(c.key);
      if (c.critical && c.scale !== "pass_fail")
        ctx.addIssue({
          code: "custom",
          message: `criterion ${c.key}: a critical criterion needs a fail answer (scale pass_fail)`,
        });
      if (c.rule && c.scale !== "pass_fail")
        ctx.addIssue({
          code: "custom",
          message: `criterion ${c.key}: automatic rules answer pass/fail, so the scale must be pass_fail`,
        });
    });
    const total = criteria.reduce((sum, c) => sum + c.weight, 0);
    if (Math.abs(total - 100) > 1e-6)
      ctx.addIssue({
        code: "custom",
        message: `weights must add up to 100 (they add up to ${Math.round(total * 1000) / 1000})`,
      });
  })
  .openapi("QaScorecardDefinition");
export type Definition = z.infer<typeof DefinitionSchema>;

/** Every criterion of a definition, in order. */
export function criteriaOf(d: Pick<Definition, "sections">): Criterion[] {
  return d.sections.flatMap((s) => s.criteria);
}
