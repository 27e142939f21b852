import { z } from "@hono/zod-openapi";
import { WOW_STORY_SOURCES, WOW_STORY_STATUSES } from "../../db/schema/index.ts";
import { RecognitionScheduleSchema } from "./schedule.ts";

export const WowStorySchema = z
  .object({
    id: z.string(),
    conversationId: z.string(),
    agentId: z.string().nullable(),
    agentName: z.string().nullable(),
    source: z.enum(WOW_STORY_SOURCES),
    status: z.enum(WOW_STORY_STATUSES),
    /** The customer's words that made it a candidate (empty in the feed). */
    evidence: z.array(z.string()),
    strength: z.number(),
    title: z.string().nullable(),
    story: z.string().nullable(),
    collectedAt: z.string(),
    publishedAt: z.string().nullable(),
  })
  .openapi("WowStory");

export const WowStoryListSchema = z
  .object({ items: z.array(WowStorySchema) })
  .openapi("WowStoryList");

export const ListLimitQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const PreviewBodySchema = z
  .strictObject({ draft: z.string().max(10_000).optional() })
  .openapi("WowStoryPreviewBody");
export const PreviewSchema = z
  .object({ original: z.string(), anonymised: z.string(), replacements: z.number().int() })
  .openapi("WowStoryPreview");

export const PublishBodySchema = z
  .strictObject({
    title: z.string().trim().min(1).max(200),
    story: z.string().trim().min(1).max(10_000),
  })
  .openapi("WowStoryPublishBody");

export const CollectBodySchema = z
  .strictObject({
    /** Look back this many days (default 7). */
    days: z.number().int().min(1).max(90).default(7),
  })
  .openapi("WowStoryCollectBody");
export const CollectResultSchema = z
  .object({ collected: z.number().int() })
  .openapi("WowStoryCollectResult");

export const DigestSchema = z
  .object({
    subject: z.string(),
    text: z.string(),
    html: z.string(),
    stories: z.array(z.object({ id: z.string(), title: z.string(), story: z.string() })),
  })
  .openapi("WowDigest");
export const DigestSendSchema = z
  .object({ sent: z.number().int(), stories: z.number().int(), reason: z.string().nullable() })
  .openapi("WowDigestSent");

export const ScheduleViewSchema = RecognitionScheduleSchema.extend({
  lastSlot: z.string(),
  nextSlot: z.string(),
}).openapi("RecognitionScheduleView");

export const KudosSchema = z
  .object({
    id: z.string(),
    fromUserId: z.string(),
    fromName: z.string(),
    toUserId: z.string(),
    toName: z.string(),
    conversationId: z.string(),
    message: z.string(),
    createdAt: z.string(),
  })
  .openapi("Kudos");
export const KudosListSchema = z.object({ items: z.array(KudosSchema) }).openapi("KudosList");
export const GiveKudosBodySchema = z
  .strictObject({
    toUserId: z.uuid(),
    conversationId: z.uuid(),
    message: z.string().trim().min(1).max(1000),
  })
  .openapi("GiveKudosBody");
export const KudosQuerySchema = z.object({
  /** received (default) or given, for the signed-in user; `all` is for leaders. */
  box: z.enum(["received", "given", "all"]).default("received"),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const MyRecognitionSchema = z
  .object({
    userId: z.string(),
    kudosReceived: z.number().int(),
    kudosLast30Days: z.number().int(),
    wowStories: z.number().int(),
    latestKudos: z.array(KudosSchema),
  })
  .openapi("MyRecognition");
export const AgentRecognitionSchema = z
  .object({
    agentId: z.string(),
    agentName: z.string(),
    kudosReceived: z.number().int(),
    kudosLast30Days: z.number().int(),
    wowStories: z.number().int(),
  })
  .openapi("AgentRecognition");

export const ColleagueListSchema = z
  .object({ items: z.array(z.object({ userId: z.string(), name: z.string() })) })
  .openapi("ColleagueList");
