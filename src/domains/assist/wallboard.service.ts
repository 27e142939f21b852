import { analyzeConversation } from "../../analysis/index.ts";
import type { Db } from "../../db/client.ts";
import { findActiveConversations } from "../conversations/index.ts";
import { findMember, listMembers } from "../orgs/index.ts";
import { detectAlerts, riskOf } from "./alerts.ts";
import * as repo from "./assist.repo.ts";

/** Conversations with activity in this window count as live on the wallboard. */
const LIVE_WINDOW_MS = 2 * 60 * 60 * 1000;
const WALLBOARD_MAX = 100;
/** Messages read per conversation: the latest part is what the risk is about now. */
const MESSAGES_READ = 60;

/**
 * Live conversations ranked by risk (alerts, customer sentiment, predicted satisfaction). Alerts
 * are routed to the team lead: each row names the leads of the conversation's team (the org's
 * leaders when it has no team), and `routedToYou` marks the viewer's own.
 */
export async function buildWallboard(db: Db, orgId: string, viewerUserId: string | null) {
  const [active, members] = await Promise.all([
    findActiveConversations(db, orgId, {
      since: new Date(Date.now() - LIVE_WINDOW_MS),
      limit: WALLBOARD_MAX,
      perConversation: MESSAGES_READ,
    }),
    listMembers(db, orgId),
  ]);
  const leaders = members.filter((m) => m.role === "leader");
  const items = active.map((c) => {
    const messages = c.messages.filter(
      (m): m is { role: "customer" | "agent"; text: string } =>
        m.role === "customer" || m.role === "agent",
    );
    const analysis = analyzeConversation(messages);
    const alerts = detectAlerts(analysis, messages);
    const leads = leaders.filter((l) => c.teamId === null || l.teamId === c.teamId);
    return {
      conversationId: c.id,
      ref: c.source === "live" ? c.externalId : c.id,
      channel: c.channel,
      source: c.source,
      agentName: c.agentName,
      customerName: c.customerName,
      updatedAt: c.updatedAt,
      risk: riskOf(alerts, analysis),
      sentiment: Math.round(analysis.sentiment.score * 1000) / 1000,
      alerts,
      routedTo: alerts.length > 0 ? leads.map((l) => l.name) : [],
      routedToYou: alerts.length > 0 && leads.some((l) => l.id === viewerUserId),
    };
  });
  items.sort((a, b) => b.risk - a.risk || b.updatedAt.localeCompare(a.updatedAt));
  return { items };
}

const joinView = (r: repo.JoinRequestRow) => ({
  id: r.id,
  conversationRef: r.conversationRef,
  requestedByName: r.requestedByName,
  note: r.note,
  createdAt: r.createdAt.toISOString(),
});

/** Records a supervisor's request to join; the agent's panel shows it (join requests of the ref). */
export async function requestToJoin(
  db: Db,
  orgId: string,
  userId: string | null,
  ref: string,
  note: string | undefined,
) {
  const member = userId ? await findMember(db, orgId, userId) : null;
  const row = await repo.insertJoinRequest(db, {
    orgId,
    conversationRef: ref,
    requestedByUserId: userId,
    requestedByName: member?.name ?? "A supervisor",
    note: note ?? null,
  });
  return joinView(row);
}

export async function listJoinRequestViews(db: Db, orgId: string, ref: string) {
  return { items: (await repo.listJoinRequests(db, orgId, ref)).map(joinView) };
}
