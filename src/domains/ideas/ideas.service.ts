import type { Db } from "../../db/client.ts";
import { AppError } from "../../lib/errors.ts";
import type { Principal } from "../../lib/principal.ts";
import type { IdeaListQuery, IdeaView, PatchIdeaBody } from "./ideas.schemas.ts";
import { assertFixInOrg, findLinkedFix } from "./fix-impact.ts";
import * as repo from "./ideas.repo.ts";
import { mineMessage } from "./mine.ts";

/** Who votes: a person, or an integration's key (one vote each). */
export function voterOf(p: Principal): string {
  return p.kind === "session" ? `u:${p.userId}` : `k:${p.apiKeyId}`;
}
const userOf = (p: Principal) => (p.kind === "session" ? p.userId : null);

function toView(r: repo.IdeaRow): IdeaView {
  return {
    id: r.id,
    title: r.title,
    body: r.body,
    status: r.status,
    declineReason: r.decline_reason,
    source: r.source,
    evidence: r.evidence,
    conversationId: r.conversation_id,
    authorUserId: r.author_user_id,
    authorName: r.author_name,
    fixId: r.fix_id,
    votes: r.votes,
    comments: r.comments,
    votedByMe: r.voted_by_me,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

async function requireIdea(db: Db, orgId: string, p: Principal, id: string) {
  const [row] = await repo.listIdeas(db, orgId, voterOf(p), { id, sort: "newest" }, 1);
  if (!row) throw new AppError("IDEA_NOT_FOUND", { message: "No such idea" });
  return toView(row);
}

export async function listIdeas(db: Db, orgId: string, p: Principal, q: IdeaListQuery) {
  const rows = await repo.listIdeas(db, orgId, voterOf(p), q, q.limit);
  return { items: rows.map(toView) };
}

export async function createIdea(
  db: Db,
  orgId: string,
  p: Principal,
  input: { title: string; body: string },
) {
  const id = await repo.insertIdea(db, { orgId, ...input, authorUserId: userOf(p) });
  return requireIdea(db, orgId, p, id);
}

export async function getIdea(db: Db, orgId: string, p: Principal, id: string) {
  const idea = await requireIdea(db, orgId, p, id);
  const [comments, fix] = await Promise.all([
    repo.listComments(db, orgId, id),
    idea.fixId ? findLinkedFix(db, orgId, idea.fixId) : null,
  ]);
  return {
    ...idea,
    fix,
    commentList: comments.map((c) => ({
      id: c.id,
      authorUserId: c.author_user_id,
      authorName: c.author_name,
      body: c.body,
      createdAt: c.created_at,
    })),
  };
}

/**
 * Moves an idea through its statuses or links it to a fix of the org (400 for any other id).
 * Declining needs a reason (400 without one); leaving `declined` clears the reason.
 */
export async function patchIdea(
  db: Db,
  orgId: string,
  p: Principal,
  id: string,
  body: PatchIdeaBody,
) {
  const current = await requireIdea(db, orgId, p, id);
  const status = body.status ?? current.status;
  if (status === "declined" && !body.declineReason && current.status !== "declined")
    throw new AppError("IDEA_DECLINE_REASON_REQUIRED", {
      message: "declineReason: say why the idea is declined",
    });
  if (body.fixId) await assertFixInOrg(db, orgId, body.fixId);
  await repo.updateIdea(db, orgId, id, {
    status,
    declineReason: status === "declined" ? (body.declineReason ?? current.declineReason) : null,
    ...(body.fixId !== undefined ? { fixId: body.fixId } : {}),
    ...(body.title ? { title: body.title } : {}),
  });
  return requireIdea(db, orgId, p, id);
}

/** One vote per person (or key); a second answers 409 and changes nothing. */
export async function vote(db: Db, orgId: string, p: Principal, id: string) {
  await requireIdea(db, orgId, p, id);
  if (!(await repo.insertVote(db, orgId, id, voterOf(p))))
    throw new AppError("IDEA_ALREADY_VOTED", { message: "You already voted for this idea" });
  const idea = await requireIdea(db, orgId, p, id);
  return { ideaId: id, votes: idea.votes, votedByMe: true };
}

export async function comment(db: Db, orgId: string, p: Principal, id: string, body: string) {
  await requireIdea(db, orgId, p, id);
  await repo.insertComment(db, orgId, id, userOf(p), body);
  return getIdea(db, orgId, p, id);
}

/**
 * Files the customer suggestions and idea notes of some conversations as new candidate ideas
 * with their evidence. Idempotent: each source message gives at most one idea.
 */
export async function mineConversations(db: Db, orgId: string, conversationIds: string[]) {
  const messages = await repo.findMinableMessages(db, orgId, conversationIds);
  const rows = messages.flatMap((m) => {
    const mined = mineMessage(m.role, m.text, m.signal_names ?? []);
    return mined ? [{ orgId, ...mined, conversationId: m.conversation_id, minedFrom: m.id }] : [];
  });
  return repo.insertMinedIdeas(db, rows);
}
