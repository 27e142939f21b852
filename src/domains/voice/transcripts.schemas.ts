import { z } from "@hono/zod-openapi";
import { TRANSCRIPT_FORMATS } from "./parse-transcript.ts";
import { saneTimestamp } from "../../lib/input-hygiene.ts";

const externalId = z.string().trim().min(1, "must not be empty").max(200);
const person = z.strictObject({ externalId, name: z.string().max(200).optional() });

export const UploadTranscriptBodySchema = z
  .strictObject({
    format: z.enum(TRANSCRIPT_FORMATS),
    /** The file's text: a WebVTT or SRT file, or an Amazon Transcribe result (JSON as a string). */
    content: z.string().min(1, "must not be empty"),
    /** The call's id in the source system; uploads are idempotent on source + externalId. */
    externalId,
    source: z
      .string()
      .trim()
      .min(1)
      .max(100)
      .optional()
      .openapi({ description: 'Default "transcript"' }),
    startedAt: saneTimestamp()
      .optional()
      .openapi({ description: "Start of the call; default the time of the upload" }),
    customer: person.optional(),
    agent: person.optional(),
    speakerRoles: z
      .record(z.string().max(200), z.enum(["customer", "agent", "bot"]))
      .optional()
      .openapi({
        description: 'Role of each speaker label, e.g. {"spk_0": "agent"}; otherwise guessed',
      }),
  })
  .openapi("UploadTranscriptBody");
export type UploadTranscriptBody = z.infer<typeof UploadTranscriptBodySchema>;
