import { z } from "zod";
import {
  AGENT_SIGNALS,
  CUSTOMER_SIGNALS,
  EMOTION_NAMES,
  INTERNAL_SIGNALS,
  type ConversationAnalysis,
  type MessageAnalysis,
} from "../analysis/index.ts";

/*
 * Frames the server sends on `/api/v1/live`. They are written by the server, never parsed from
 * input: these schemas exist so the protocol is published (the AsyncAPI document and docs/live.md
 * are generated from them) and so the type the server sends cannot drift from what is published
 * (the compile-time checks at the end of this file).
 */

const EvidenceSchema = z
  .object({ start: z.number().int(), end: z.number().int(), text: z.string() })
  .describe("A span of the (redacted) utterance text: text === utterance.slice(start, end)");

const SignalSchema = z.object({
  name: z.enum([...CUSTOMER_SIGNALS, ...AGENT_SIGNALS, ...INTERNAL_SIGNALS]),
  score: z.number().describe("In (0, 1]"),
  evidence: z.array(EvidenceSchema),
  due: z
    .string()
    .optional()
    .describe("For `promise`: the stated due time, ISO-8601 (absolute, or a duration like PT24H)"),
});

const SentimentLabel = z.enum(["negative", "neutral", "positive"]);

const MessageAnalysisSchema = z
  .object({
    sentiment: z.object({
      score: z.number().describe("In [-1, 1]"),
      label: SentimentLabel,
      terms: z.array(
        z.object({
          text: z.string(),
          start: z.number().int(),
          end: z.number().int(),
          weight: z.number(),
        }),
      ),
    }),
    politeness: z.number().describe("Courtesy of the wording, in [-1, 1]"),
    emotions: z.record(z.enum(EMOTION_NAMES), z.number()).describe("Intensity in [0, 1] each"),
    signals: z.array(SignalSchema),
  })
  .describe("The analysis of the one utterance this frame answers");

const span = z.object({ start: z.number(), end: z.number(), seconds: z.number() });

const ConversationSummarySchema = z
  .object({
    satisfaction: z.object({
      predicted: z.number().describe("Predicted satisfaction, 1–5"),
      drivers: z.array(z.object({ name: z.string(), effect: z.number(), label: z.string() })),
      confidence: z.number().describe("Evidence of the outcome behind `predicted`, 0..1"),
      outcome: z.enum(["observed", "unknown"]),
    }),
    sentiment: z.object({
      score: z.number(),
      label: SentimentLabel,
      start: z.number(),
      end: z.number(),
    }),
    trajectory: z.enum(["recovered", "steady", "deteriorated", "improved", "unknown"]),
    signals: z.array(SignalSchema.extend({ messageIndex: z.number().int() })),
    effort: z.object({
      repetitions: z.number().int(),
      transfers: z.number().int(),
      longWaits: z.number().int(),
      longestWaitSeconds: z.number().optional(),
      score: z.number(),
    }),
    timings: z
      .object({ silences: z.array(span), overtalk: z.array(span), agentTalkRatio: z.number() })
      .optional(),
  })
  .describe("The whole call so far, after this utterance (signals deduplicated by name)");

const callId = z.string().describe("The call id the platform chose");
const seq = z.number().int().min(0);

export const LiveStartedSchema = z
  .object({
    type: z.literal("started"),
    callId,
    seq: seq.describe("Utterances already heard: the seq the next utterance will get"),
  })
  .describe("Answer to `start`; resumed frames (see `lastSeq`) follow it");

export const LiveSubscribedSchema = z
  .object({
    type: z.literal("subscribed"),
    callId,
    seq: seq.describe("Utterances heard so far"),
  })
  .describe("Answer to `subscribe`; resumed frames (see `lastSeq`) follow it");

export const LiveAnalysisSchema = z
  .object({
    type: z.literal("analysis"),
    callId,
    seq: seq.describe("The utterance's number in the call, from 0"),
    message: MessageAnalysisSchema,
    conversation: ConversationSummarySchema,
    utterance: z
      .object({
        speaker: z.enum(["customer", "agent"]),
        text: z.string(),
        startOffset: z.number(),
      })
      .describe("The utterance analysed, its text redacted: the agent panel's transcript"),
    customerExternalId: z
      .string()
      .describe("The call's customer, for the agent panel's history-aware suggestions"),
  })
  .describe("The insight for one utterance, to the platform that sent it and every subscriber");

export const LiveEndedSchema = z
  .object({
    type: z.literal("ended"),
    callId,
    conversationId: z
      .string()
      .nullable()
      .describe("The stored conversation (GET /api/v1/conversations/{id})"),
    utterances: z.number().int().min(0),
  })
  .describe("The call was ended (by `end`, or after the platform stayed away) and stored");

/** Every code an error frame carries; docs/live.md explains each. */
export const LIVE_ERROR_CODES = [
  "MALFORMED_JSON",
  "VALIDATION_FAILED",
  "FORBIDDEN",
  "CALL_NOT_FOUND",
  "RESUME_UNAVAILABLE",
  "RESUME_AHEAD",
  "INTERNAL",
] as const;
export type LiveErrorCode = (typeof LIVE_ERROR_CODES)[number];

export const LiveErrorSchema = z
  .object({
    type: z.literal("error"),
    code: z.enum(LIVE_ERROR_CODES),
    message: z.string().describe("Names the problem, e.g. 'text: must not be empty'"),
    callId: callId.optional(),
  })
  .describe("A frame was refused; the socket stays open");

export const LiveServerFrameSchema = z.discriminatedUnion("type", [
  LiveStartedSchema,
  LiveSubscribedSchema,
  LiveAnalysisSchema,
  LiveEndedSchema,
  LiveErrorSchema,
]);
export type LiveServerFrame = z.infer<typeof LiveServerFrameSchema>;

// The published shapes must accept what the engine produces; these fail to compile if it drifts.
type Assignable<From, To> = [From] extends [To] ? true : false;
const enginesMessageFits: Assignable<MessageAnalysis, z.infer<typeof MessageAnalysisSchema>> = true;
const enginesSummaryFits: Assignable<
  Omit<ConversationAnalysis, "messages">,
  z.infer<typeof ConversationSummarySchema>
> = true;
void enginesMessageFits;
void enginesSummaryFits;
