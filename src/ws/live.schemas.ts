import { z } from "zod";
import type { ConversationAnalysis, MessageAnalysis } from "../analysis/index.ts";
import { saneTimestamp } from "../lib/input-hygiene.ts";

/*
 * Frames of the live-call WebSocket (`/api/v1/live`). Every inbound frame is JSON validated here;
 * a bad frame is answered with an error frame and the socket stays open.
 */

/** Message ids are `<callId>:<seq>` and ingest caps ids at 200 characters. */
const callId = z.string().trim().min(1, "must not be empty").max(180);
const person = z.strictObject({
  externalId: z.string().trim().min(1).max(200),
  name: z.string().max(200).optional(),
});
const offset = z.number().min(0).max(86_400);

export const LiveStartSchema = z.strictObject({
  type: z.literal("start"),
  callId,
  startedAt: saneTimestamp().optional(),
  customer: person.optional(),
  agent: person.optional(),
});

export const LiveUtteranceSchema = z
  .strictObject({
    type: z.literal("utterance"),
    callId,
    speaker: z.enum(["customer", "agent"]),
    text: z.string().trim().min(1, "must not be empty").max(100_000),
    startOffset: offset,
    endOffset: offset,
  })
  .refine((u) => u.endOffset >= u.startOffset, {
    message: "must not be before startOffset",
    path: ["endOffset"],
  });

export const LiveEndSchema = z.strictObject({ type: z.literal("end"), callId });
export const LiveSubscribeSchema = z.strictObject({ type: z.literal("subscribe"), callId });

export const LiveClientFrameSchema = z.discriminatedUnion("type", [
  LiveStartSchema,
  LiveUtteranceSchema,
  LiveEndSchema,
  LiveSubscribeSchema,
]);
export type LiveStart = z.infer<typeof LiveStartSchema>;
export type LiveUtterance = z.infer<typeof LiveUtteranceSchema>;
export type LiveClientFrame = z.infer<typeof LiveClientFrameSchema>;

export type LiveConversationSummary = Omit<ConversationAnalysis, "messages">;

export type LiveServerFrame =
  | { type: "started"; callId: string; seq: number }
  | { type: "subscribed"; callId: string; seq: number }
  | {
      type: "analysis";
      callId: string;
      seq: number;
      message: MessageAnalysis;
      conversation: LiveConversationSummary;
      /** The utterance analysed, its text redacted: the agent panel's transcript. */
      utterance: { speaker: "customer" | "agent"; text: string; startOffset: number };
      /** The call's customer, for the panel's history-aware suggestions. */
      customerExternalId: string;
    }
  | { type: "ended"; callId: string; conversationId: string | null; utterances: number }
  | { type: "error"; code: string; message: string; callId?: string };

/** The largest inbound frame read; ingest's message limit plus room for the envelope. */
export const LIVE_MAX_FRAME_BYTES = 256 * 1024;

/** Names the first offending field, like the HTTP API does ("text: must not be empty"). */
export function describeFrameIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return "invalid frame";
  const path = issue.path.map(String).join(".");
  if (issue.code === "unrecognized_keys")
    return `${path ? `${path}: ` : ""}unknown field ${issue.keys.join(", ")}`;
  return `${path || "frame"}: ${issue.message}`;
}
