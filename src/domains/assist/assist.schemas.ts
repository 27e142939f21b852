import { z } from "@hono/zod-openapi";
import { ASSIST_RULE_KINDS, FRAMING_SIGNALS, SUGGESTION_DECISIONS } from "../../db/schema/index.ts";
import { KnowledgeHitSchema } from "../kb/index.ts";
import { saneTimestamp } from "../../lib/input-hygiene.ts";
import { ALERT_NAMES } from "./alerts.ts";
import { RuleConditionSchema } from "./rule-conditions.ts";

/** A conversation longer than this is cut by the caller: assist reads the latest part anyway. */
export const ASSIST_MAX_MESSAGES = 500;

export const AssistMessageSchema = z.strictObject({
  role: z.enum(["customer", "agent", "bot"]),
  text: z.string().trim().min(1).max(20_000),
  ts: saneTimestamp().optional(),
});

export const AssistBodySchema = z
  .strictObject({
    messages: z.array(AssistMessageSchema).min(1).max(ASSIST_MAX_MESSAGES),
    customer: z
      .strictObject({
        externalId: z.string().trim().min(1).max(200),
        /** Segment and value when the integrator knows them; else read from conversation metadata. */
        segment: z.string().trim().min(1).max(60).optional(),
        value: z.number().min(0).max(1e12).optional(),
      })
      .optional(),
    /** The call id or conversation id the suggestions belong to (only echoed into action ids' use). */
    conversationRef: z.string().trim().min(1).max(200).optional(),
  })
  .openapi("AssistBody");
export type AssistBody = z.infer<typeof AssistBodySchema>;

const EvidenceSchema = z.object({ messageIndex: z.number().int(), text: z.string() });

export const AssistResultSchema = z
  .object({
    alerts: z.array(z.object({ name: z.enum(ALERT_NAMES), evidence: z.array(EvidenceSchema) })),
    nudges: z.array(
      z.object({
        signal: z.enum(FRAMING_SIGNALS),
        messageIndex: z.number().int(),
        evidence: z.string(),
        suggestion: z.string(),
        principle: z.string(),
        rewriteId: z.string().nullable(),
      }),
    ),
    knowledge: z.array(KnowledgeHitSchema),
    /** Curated best practices on the criteria the alerts and nudges are about (see examples.ts). */
    examples: z.array(
      z.object({
        id: z.string(),
        criterionKey: z.string(),
        criterionName: z.string(),
        conversationId: z.string(),
        note: z.string(),
        excerpt: z.string(),
        because: z.string(),
      }),
    ),
    actions: z.array(
      z.object({
        id: z.string(),
        kind: z.enum(ASSIST_RULE_KINDS),
        title: z.string(),
        reason: z.string(),
      }),
    ),
    /** Per message: customer-facing sentiment and the strongest emotion, for the timeline. */
    timeline: z.array(
      z.object({
        messageIndex: z.number().int(),
        role: z.string(),
        sentiment: z.number(),
        emotion: z.string().nullable(),
        intensity: z.number(),
      }),
    ),
    risk: z.number().min(0).max(1),
  })
  .openapi("AssistResult");
export type AssistResult = z.infer<typeof AssistResultSchema>;

const Phrases = z.array(z.string().trim().toLowerCase().min(2).max(100)).max(20);
export const RewriteSchema = z
  .object({
    id: z.string(),
    signal: z.enum(FRAMING_SIGNALS),
    phrases: z.array(z.string()),
    suggestion: z.string(),
    principle: z.string(),
    enabled: z.boolean(),
  })
  .openapi("AssistRewrite");
export const CreateRewriteBodySchema = z
  .strictObject({
    signal: z.enum(FRAMING_SIGNALS),
    phrases: Phrases.default([]),
    suggestion: z.string().trim().min(1).max(1000),
    principle: z.string().trim().min(1).max(1000),
    enabled: z.boolean().default(true),
  })
  .openapi("CreateAssistRewriteBody");
export const PatchRewriteBodySchema = z
  .strictObject({
    phrases: Phrases.optional(),
    suggestion: z.string().trim().min(1).max(1000).optional(),
    principle: z.string().trim().min(1).max(1000).optional(),
    enabled: z.boolean().optional(),
  })
  .openapi("PatchAssistRewriteBody");
export const RewriteListSchema = z
  .object({ items: z.array(RewriteSchema), curated: z.boolean() })
  .openapi("AssistRewriteList");

export const RuleSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    kind: z.enum(ASSIST_RULE_KINDS),
    title: z.string(),
    conditions: z.array(RuleConditionSchema),
    priority: z.number().int(),
    enabled: z.boolean(),
  })
  .openapi("AssistRule");
export const CreateRuleBodySchema = z
  .strictObject({
    name: z.string().trim().min(1).max(100),
    kind: z.enum(ASSIST_RULE_KINDS),
    title: z.string().trim().min(1).max(300),
    conditions: z.array(RuleConditionSchema).min(1).max(10),
    priority: z.number().int().min(0).max(10_000).default(100),
    enabled: z.boolean().default(true),
  })
  .openapi("CreateAssistRuleBody");
export type CreateRuleBody = z.infer<typeof CreateRuleBodySchema>;
export const PatchRuleBodySchema = z
  .strictObject({
    title: z.string().trim().min(1).max(300).optional(),
    conditions: z.array(RuleConditionSchema).min(1).max(10).optional(),
    priority: z.number().int().min(0).max(10_000).optional(),
    enabled: z.boolean().optional(),
  })
  .openapi("PatchAssistRuleBody");

export const RuleReportSchema = z
  .object({
    items: z.array(
      z.object({
        ruleId: z.string(),
        name: z.string(),
        kind: z.enum(ASSIST_RULE_KINDS),
        used: z.number().int(),
        dismissed: z.number().int(),
        acceptance: z.number().nullable(),
        satisfactionUsed: z.number().nullable(),
        satisfactionDismissed: z.number().nullable(),
        resolvedUsed: z.number().nullable(),
      }),
    ),
  })
  .openapi("AssistRuleReport");

export const SuggestionBodySchema = z
  .strictObject({
    ruleId: z.uuid(),
    conversationRef: z.string().trim().min(1).max(200),
    conversationId: z.uuid().optional(),
    customerExternalId: z.string().trim().min(1).max(200).optional(),
    decision: z.enum(SUGGESTION_DECISIONS),
  })
  .openapi("AssistSuggestionBody");
export const SuggestionSchema = z
  .object({
    id: z.string(),
    ruleId: z.string(),
    conversationRef: z.string(),
    decision: z.enum(SUGGESTION_DECISIONS),
    decidedAt: z.string(),
  })
  .openapi("AssistSuggestion");

export const WallboardSchema = z
  .object({
    items: z.array(
      z.object({
        conversationId: z.string(),
        /** What the agent panel opens: the live call id for live calls, else the conversation id. */
        ref: z.string(),
        channel: z.string(),
        source: z.string(),
        agentName: z.string().nullable(),
        customerName: z.string().nullable(),
        updatedAt: z.string(),
        risk: z.number(),
        sentiment: z.number(),
        alerts: AssistResultSchema.shape.alerts,
        routedTo: z.array(z.string()),
        routedToYou: z.boolean(),
      }),
    ),
  })
  .openapi("AssistWallboard");

export const RefParamSchema = z.object({
  ref: z
    .string()
    .min(1)
    .max(200)
    .openapi({ param: { name: "ref", in: "path" } }),
});
export const JoinRequestBodySchema = z
  .strictObject({ note: z.string().trim().max(500).optional() })
  .openapi("AssistJoinRequestBody");
export const JoinRequestSchema = z
  .object({
    id: z.string(),
    conversationRef: z.string(),
    requestedByName: z.string(),
    note: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi("AssistJoinRequest");
export const JoinRequestListSchema = z
  .object({ items: z.array(JoinRequestSchema) })
  .openapi("AssistJoinRequestList");

export type CreateRewriteBody = z.infer<typeof CreateRewriteBodySchema>;
export type PatchRewriteBody = z.infer<typeof PatchRewriteBodySchema>;
export type PatchRuleBody = z.infer<typeof PatchRuleBodySchema>;
export type SuggestionBody = z.infer<typeof SuggestionBodySchema>;
