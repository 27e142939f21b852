import { z } from "@hono/zod-openapi";
import {
  SIGNAL_NAMES,
  type ConversationAnalysis,
  type MessageAnalysis,
} from "../../analysis/types.ts";

/**
 * The engine's analysis objects as the API returns them (issue 13: they were open objects, so the web
 * app typed them by hand and drifted). Fields an older engine did not write are optional: stored
 * analyses are returned as they were stored, not re-shaped.
 */

const SENTIMENT_LABELS = ["negative", "neutral", "positive"] as const;

export const SignalNameSchema = z
  .enum(SIGNAL_NAMES, {
    error: (issue) =>
      `unknown signal ${JSON.stringify(issue.input)}; known: ${SIGNAL_NAMES.join(", ")}`,
  })
  .openapi("SignalName");

export const EvidenceSchema = z
  .object({
    start: z.number().int(),
    end: z.number().int(),
    text: z.string(),
  })
  .openapi("Evidence", {
    description: "A span of the message: text === message.text.slice(start, end), UTF-16 offsets",
  });

export const SignalSchema = z
  .object({
    name: SignalNameSchema,
    score: z.number().openapi({ description: "In (0, 1]" }),
    evidence: z.array(EvidenceSchema),
    due: z.string().optional().openapi({
      description:
        'For promises: the stated due time, an ISO-8601 instant or a duration such as "PT24H"',
    }),
  })
  .openapi("Signal");

export const SentimentTermSchema = z
  .object({
    text: z.string(),
    start: z.number().int(),
    end: z.number().int(),
    weight: z.number().openapi({ description: "Signed contribution to the sentiment score" }),
  })
  .openapi("SentimentTerm");

export const MessageAnalysisSchema = z
  .object({
    sentiment: z
      .object({
        score: z.number().openapi({ description: "In [-1, 1]" }),
        label: z.enum(SENTIMENT_LABELS),
        terms: z.array(SentimentTermSchema).openapi({ description: "Strongest first" }),
      })
      .partial(),
    signals: z.array(SignalSchema),
    politeness: z.number().openapi({ description: "Courtesy of the wording, in [-1, 1]" }),
    emotions: z
      .record(z.string(), z.number())
      .openapi({ description: "Intensity in [0, 1] per emotion (anger, frustration, …)" }),
  })
  .openapi("MessageAnalysis", {
    description:
      "Sentiment with contributing terms, signals with evidence spans (offsets into text)",
  });

const TimedSpanSchema = z.object({ start: z.number(), end: z.number(), seconds: z.number() });

export const AnalysisDetailSchema = z
  .object({
    satisfaction: z
      .object({
        predicted: z.number().openapi({ description: "1–5" }),
        drivers: z.array(
          z.object({
            name: z.string(),
            effect: z.number().openapi({ description: "Signed effect on the predicted score" }),
            label: z.string(),
          }),
        ),
        confidence: z.number().optional().openapi({ description: "0–1; engine 2026.12.1 on" }),
        outcome: z.enum(["observed", "unknown"]).optional(),
      })
      .optional(),
    sentiment: z
      .object({
        score: z.number(),
        label: z.enum(SENTIMENT_LABELS),
        start: z.number(),
        end: z.number(),
      })
      .optional()
      .openapi({ description: "The customer side over the whole conversation" }),
    trajectory: z.enum(["recovered", "steady", "deteriorated", "improved", "unknown"]).optional(),
    signals: z
      .array(SignalSchema.extend({ messageIndex: z.number().int() }))
      .optional()
      .openapi({ description: "Deduplicated by name, each with evidence" }),
    effort: z
      .object({
        repetitions: z.number().int(),
        transfers: z.number().int(),
        longWaits: z.number().int(),
        longestWaitSeconds: z.number().optional(),
        score: z.number().openapi({ description: "0 (effortless) to 1" }),
      })
      .optional(),
    timings: z
      .object({
        silences: z.array(TimedSpanSchema),
        overtalk: z.array(TimedSpanSchema),
        agentTalkRatio: z.number(),
      })
      .optional()
      .openapi({ description: "Calls only" }),
    engineVersion: z.string().nullable().optional(),
  })
  .openapi("AnalysisDetail", {
    description: "Satisfaction drivers, trajectory, effort, call timings, signals, engine version",
  });

/** A stored conversation analysis (its jsonb row, per-message results left out) as the API shows it. */
export function toAnalysisDetail(
  stored: Record<string, unknown>,
  engineVersion: string | null,
): z.infer<typeof AnalysisDetailSchema> {
  return { ...(stored as Omit<ConversationAnalysis, "messages">), engineVersion };
}

/** A stored message analysis as the API shows it; a missing part reads as empty. */
export function toMessageAnalysis(
  stored: Partial<Pick<MessageAnalysis, "sentiment" | "signals">>,
  politeness: number,
  emotions: Record<string, number>,
): z.infer<typeof MessageAnalysisSchema> {
  return { sentiment: stored.sentiment ?? {}, signals: stored.signals ?? [], politeness, emotions };
}
