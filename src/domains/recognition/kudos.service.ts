import type { Db } from "../../db/client.ts";
import { AppError } from "../../lib/errors.ts";
import * as repo from "./kudos.repo.ts";

const DAY_MS = 86_400_000;

export function toKudosView(r: repo.KudosRow) {
  return {
    id: r.id,
    fromUserId: r.from_user_id,
    fromName: r.from_name,
    toUserId: r.to_user_id,
    toName: r.to_name,
    conversationId: r.conversation_id,
    message: r.message,
    createdAt: r.created_at,
  };
}

/**
 * Kudos from one colleague to another about a conversation of their org. Refused (422) for
 * oneself and for anyone who is not a member of the giver's org; the conversation must be the org's.
 */
export async function giveKudos(
  db: Db,
  orgId: string,
  fromUserId: string,
  input: { toUserId: string; conversationId: string; message: string },
) {
  if (input.toUserId === fromUserId)
    throw new AppError("KUDOS_NOT_ALLOWED", {
      message: "toUserId: kudos go to a colleague, not to yourself",
    });
  if (!(await repo.isMember(db, orgId, input.toUserId)))
    throw new AppError("KUDOS_NOT_ALLOWED", {
      message: "toUserId: not a member of your organization",
    });
  if (!(await repo.conversationExists(db, orgId, input.conversationId)))
    throw new AppError("CONVERSATION_NOT_FOUND", {
      message: "conversationId: no such conversation",
    });
  const id = await repo.insertKudos(db, { orgId, fromUserId, ...input });
  const [row] = await repo.listKudos(db, orgId, { id }, 1);
  return toKudosView(row!);
}

export async function listKudos(
  db: Db,
  orgId: string,
  filter: { toUserId?: string; fromUserId?: string },
  limit: number,
) {
  return { items: (await repo.listKudos(db, orgId, filter, limit)).map(toKudosView) };
}

/** Recognition counts of a signed-in user: what the agent home shows. */
export async function myRecognition(db: Db, orgId: string, userId: string, now = new Date()) {
  const counts = await repo.countsForUser(db, orgId, userId, new Date(now.getTime() - 30 * DAY_MS));
  const latest = await repo.listKudos(db, orgId, { toUserId: userId }, 5);
  return {
    userId,
    kudosReceived: counts.kudos,
    kudosLast30Days: counts.recent,
    wowStories: counts.stories,
    latestKudos: latest.map(toKudosView),
  };
}

/** Recognition counts on an agent's page; 404 for an agent of another org. */
export async function agentRecognition(db: Db, orgId: string, agentId: string, now = new Date()) {
  const agent = await repo.findAgent(db, orgId, agentId);
  if (!agent) throw new AppError("NOT_FOUND", { message: "No such agent" });
  const counts = agent.user_id
    ? await repo.countsForUser(db, orgId, agent.user_id, new Date(now.getTime() - 30 * DAY_MS))
    : { kudos: 0, recent: 0 };
  return {
    agentId,
    agentName: agent.name,
    kudosReceived: counts.kudos,
    kudosLast30Days: counts.recent,
    wowStories: await repo.countStoriesForAgent(db, orgId, agentId),
  };
}

/** The colleagues a user can thank: everyone else in the org, names only. */
export async function listColleagues(db: Db, orgId: string, userId: string) {
  const rows = await repo.listColleagues(db, orgId);
  return {
    items: rows
      .filter((r) => r.user_id !== userId)
      .map((r) => ({ userId: r.user_id, name: r.name })),
  };
}
