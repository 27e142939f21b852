import { z } from "zod";
import { saneTimestamp } from "../lib/input-hygiene.ts";

export {
  LIVE_ERROR_CODES,
  LiveServerFrameSchema,
  type LiveErrorCode,
  type LiveServerFrame,
} from "./live.server-schemas.ts";

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
/** Resume: the seq of the last analysis frame the client received (-1: none yet). */
const lastSeq = z
  .number()
  .int()
  .min(-1)
  .optional()
  .describe(
    "Resume after a reconnect: the seq of the last analysis frame received (-1 for none); the server sends the later ones after its answer",
  );

export const LiveStartSchema = z
  .strictObject({
    type: z.literal("start"),
    callId,
    startedAt: saneTimestamp().optional(),
    customer: person.optional(),
    agent: person.optional(),
    lastSeq,
  })
  .describe("Opens a call, or takes over one this organization already streams (a reconnect)");

export const LiveUtteranceSchema = z
  .strictObject({
    type: z.literal("utterance"),
    callId,
    speaker: z.enum(["customer", "agent"]),
    text: z.string().trim().min(1, "must not be empty").max(100_000),
    startOffset: offset,
    endOffset: offset,
  })
  .describe("One utterance of the call, in order; `analysis` answers it")
  .refine((u) => u.endOffset >= u.startOffset, {
    message: "must not be before startOffset",
    path: ["endOffset"],
  });

export const LiveEndSchema = z
  .strictObject({ type: z.literal("end"), callId })
  .describe("Ends the call: it is stored and closed, and `ended` answers");
export const LiveSubscribeSchema = z
  .strictObject({
    type: z.literal("subscribe"),
    callId,
    lastSeq,
  })
  .describe("Watches a call of your organization: its analysis frames and its end");

export const LiveClientFrameSchema = z.discriminatedUnion("type", [
  LiveStartSchema,
  LiveUtteranceSchema,
  LiveEndSchema,
  LiveSubscribeSchema,
]);
export type LiveStart = z.infer<typeof LiveStartSchema>;
export type LiveUtterance = z.infer<typeof LiveUtteranceSchema>;
export type LiveClientFrame = z.infer<typeof LiveClientFrameSchema>;

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
