import { z } from "zod";
import type { Cue } from "./utterances.ts";
import { readContactLensChat, type ContactLensChat } from "./contact-lens-chat.ts";

/*
 * Amazon Connect Contact Lens analysis files and Amazon Transcribe Call Analytics output: turns in
 * `Transcript[]` with `Content` and `BeginOffsetMillis`/`EndOffsetMillis`. The speaker is the turn's
 * `ParticipantRole` (Call Analytics) or, through `Participants[]`, the role of its `ParticipantId`
 * (Contact Lens). Their sentiment, loudness, categories and issues are ignored: Rapport analyses
 * the text itself, the same way for every channel. Contact Lens files of chats (`"Channel":
 * "CHAT"`) are read by `contact-lens-chat.ts`; any other channel is refused rather than guessed.
 */

const millis = z.number().finite().min(0);

const TurnSchema = z.object({
  Content: z.string(),
  BeginOffsetMillis: millis,
  EndOffsetMillis: millis,
  ParticipantId: z.string().optional(),
  ParticipantRole: z.string().optional(),
});

const ContactLensSchema = z.object({
  // Call Analytics lists its participants by role alone ({"ParticipantRole": "AGENT"}): its turns
  // carry the role themselves, so only Contact Lens needs the id to role map.
  Participants: z
    .array(z.object({ ParticipantId: z.string().optional(), ParticipantRole: z.string() }))
    .optional(),
  Transcript: z.array(TurnSchema),
});

/** Whether parsed JSON is Contact Lens / Call Analytics output rather than plain Transcribe. */
export function isContactLens(json: unknown): boolean {
  return (
    json !== null &&
    typeof json === "object" &&
    Array.isArray((json as Record<string, unknown>).Transcript)
  );
}

/**
 * Cues whose speaker is the participant's role ("AGENT", "CUSTOMER"), which names the role; or, for
 * a chat, its messages.
 */
export function parseContactLensCues(
  json: unknown,
): { cues: Cue[] } | { chat: ContactLensChat } | { error: string } {
  const channel = (json as Record<string, unknown>).Channel;
  if (channel === "CHAT") return readContactLensChat(json);
  if (channel !== undefined && channel !== "VOICE") {
    return {
      error: `contact-lens: Channel: ${JSON.stringify(channel)} is not read (VOICE, CHAT are)`,
    };
  }
  const parsed = ContactLensSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return {
      error: `contact-lens: ${issue ? `${issue.path.join(".")}: ${issue.message}` : "invalid"}`,
    };
  }
  const roles = new Map(
    (parsed.data.Participants ?? []).flatMap((p) =>
      p.ParticipantId === undefined ? [] : [[p.ParticipantId, p.ParticipantRole] as const],
    ),
  );
  const cues = parsed.data.Transcript.filter((t) => t.Content.trim() !== "").map((t) => ({
    speaker:
      t.ParticipantRole ??
      (t.ParticipantId === undefined ? undefined : (roles.get(t.ParticipantId) ?? t.ParticipantId)),
    text: t.Content,
    start: t.BeginOffsetMillis / 1000,
    end: Math.max(t.BeginOffsetMillis, t.EndOffsetMillis) / 1000,
  }));
  if (cues.length === 0) return { error: "contact-lens: the transcript has no turns with text" };
  return { cues };
}
