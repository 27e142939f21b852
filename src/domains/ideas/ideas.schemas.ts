import { z } from "@hono/zod-openapi";
import { IDEA_SOURCES, IDEA_STATUSES } from "../../db/schema/index.ts";

export const IdeaSchema = z
  .object({
    id: z.string(),
    title: z.string(),
    body: z.string(),
    status: z.enum(IDEA_STATUSES),
    declineReason: z.string().nullable(),
    source: z.enum(IDEA_SOURCES),
    /** For mined ideas: the customer's or agent's words it came from. */
    evidence: z.array(z.string()),
    conversationId: z.string().nullable(),
    authorUserId: z.string().nullable(),
    authorName: z.string().nullable(),
    /** The insights fix this idea became (its measured impact is on the idea's detail). */
    fixId: z.string().nullable(),
    votes: z.number().int(),
    comments: z.number().int(),
    votedByMe: z.boolean(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi("Idea");
export type IdeaView = z.infer<typeof IdeaSchema>;

export const IdeaListSchema = z.object({ items: z.array(IdeaSchema) }).openapi("IdeaList");

export const IdeaCommentSchema = z
  .object({
    id: z.string(),
    authorUserId: z.string().nullable(),
    authorName: z.string().nullable(),
    body: z.string(),
    createdAt: z.string(),
  })
  .openapi("IdeaComment");

const Interval = z.tuple([z.number(), z.number()]).nullable();

/**
 * The linked fix's measured impact (insights, docs/insights.md): targeted contacts per 1,000 before
 * and after the ship date, their rate ratio with its 95 % interval and the verdict. `impact` is
 * null until conversations after the ship date exist ("not measured yet").
 */
export const IdeaFixSchema = z
  .object({
    id: z.string(),
    title: z.string(),
    shippedAt: z.string(),
    impact: z
      .object({
        days: z.number().int(),
        beforePer1000: z.number().nullable(),
        afterPer1000: z.number().nullable(),
        afterConversations: z.number().int(),
        rateRatio: z.number().nullable(),
        ci95: Interval,
        differenceInDifferences: z.object({ ratio: z.number().nullable(), ci95: Interval }),
        verdict: z.enum(["worked", "did_not_work", "inconclusive"]),
        /** False while the window after the ship date is still filling. */
        complete: z.boolean(),
      })
      .nullable(),
  })
  .openapi("IdeaFix");
export type IdeaFix = z.infer<typeof IdeaFixSchema>;

export const IdeaDetailSchema = IdeaSchema.extend({
  commentList: z.array(IdeaCommentSchema),
  /** The linked fix with its impact; null without a link (or if the fix no longer exists). */
  fix: IdeaFixSchema.nullable(),
}).openapi("IdeaDetail");

export const IdeaListQuerySchema = z.object({
  status: z.enum(IDEA_STATUSES).optional(),
  source: z.enum(IDEA_SOURCES).optional(),
  sort: z.enum(["votes", "newest"]).default("votes"),
  limit: z.coerce.number().int().min(1).max(200).default(100),
});
export type IdeaListQuery = z.infer<typeof IdeaListQuerySchema>;

export const CreateIdeaBodySchema = z
  .strictObject({
    title: z.string().trim().min(1).max(200),
    body: z.string().trim().min(1).max(10_000),
  })
  .openapi("CreateIdeaBody");

export const PatchIdeaBodySchema = z
  .strictObject({
    status: z.enum(IDEA_STATUSES).optional(),
    /** Required when the status becomes `declined`. */
    declineReason: z.string().trim().min(1).max(2000).optional(),
    fixId: z.uuid().nullable().optional(),
    title: z.string().trim().min(1).max(200).optional(),
  })
  .openapi("PatchIdeaBody");
export type PatchIdeaBody = z.infer<typeof PatchIdeaBodySchema>;

export const CommentBodySchema = z
  .strictObject({ body: z.string().trim().min(1).max(5000) })
  .openapi("IdeaCommentBody");

export const VoteResultSchema = z
  .object({ ideaId: z.string(), votes: z.number().int(), votedByMe: z.boolean() })
  .openapi("IdeaVote");
