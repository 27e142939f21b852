import type { Channel, ConversationStatus, MessageRole } from "../../db/schema/index.ts";
import type { Turn } from "./compose.ts";
import type { PoolCustomer } from "./customers.ts";
import type { Rng } from "./prng.ts";
import { DEMO_BRAND, type DemoAgent, type TeamKey } from "./roster.ts";
import { timeTurns, type TimedTurn } from "./timeline.ts";
import { DEFAULT_REDACTION_SETTINGS, redactText } from "../conversations/index.ts";

const DAY = 86_400_000;

/** Rows in the shape the repo inserts (snake_case, matching jsonb_to_recordset column lists). */
export interface DemoRows {
  teams: { id: string; key: TeamKey; name: string }[];
  agents: { id: string; name: string; email: string; external_id: string; team_id: string }[];
  customers: { id: string; name: string; email: string }[];
  identities: { id: string; customer_id: string; source: string; external_id: string }[];
  conversations: {
    id: string;
    external_id: string;
    channel: Channel;
    status: ConversationStatus;
    subject: string | null;
    customer_id: string;
    agent_id: string;
    team_id: string;
    started_at: string;
    ended_at: string | null;
    message_count: number;
    metadata: Record<string, unknown>;
  }[];
  participants: {
    id: string;
    conversation_id: string;
    role: MessageRole;
    agent_id: string | null;
    customer_id: string | null;
    display_name: string;
  }[];
  messages: {
    id: string;
    conversation_id: string;
    seq: number;
    role: MessageRole;
    agent_id: string | null;
    text: string;
    ts: string;
    start_offset: number | null;
    end_offset: number | null;
    redactions: number;
  }[];
}

export interface ConversationSpec {
  index: number;
  channel: Channel;
  teamId: string;
  agent: DemoAgent;
  agentId: string;
  customer: PoolCustomer;
  turns: Turn[];
  metadata: Record<string, unknown>;
  start: Date;
  subject: string | null;
}

/** Cuts an unfinished conversation so it ends on the side the status implies. */
function cutForStatus(turns: TimedTurn[], status: ConversationStatus): TimedTurn[] {
  const want: MessageRole = status === "open" ? "customer" : "agent";
  const firstCustomer = turns.findIndex((t) => t.role === "customer");
  for (let i = turns.length - 1; i > firstCustomer; i--) {
    if (turns[i]?.role === want) return turns.slice(0, i + 1);
  }
  return turns.slice(0, firstCustomer + 1);
}

function pickStatus(rng: Rng, ageDays: number): ConversationStatus {
  if (ageDays > 7) return rng.chance(0.9) ? "closed" : "resolved";
  const r = rng.next();
  const unfinished = ageDays < 2 ? 0.25 : 0.06;
  if (r < unfinished * 0.4) return "open";
  if (r < unfinished) return "pending";
  return r < 0.85 ? "resolved" : "closed";
}

/**
 * Times the turns, settles the status (recent conversations may still be open or pending; anything
 * that would run past `now` is cut there) and appends conversation, participant and message rows.
 */
export function pushConversation(
  rows: DemoRows,
  rng: Rng,
  now: number,
  spec: ConversationSpec,
): void {
  const { index, channel, agent, agentId, customer, turns, metadata, start, subject } = spec;
  let timed = timeTurns(rng, channel, agent.style, start, turns);
  const last = timed[timed.length - 1];
  let status = pickStatus(rng, (now - (last?.ts.getTime() ?? now)) / DAY);
  const overdue = timed.findIndex((t) => t.ts.getTime() > now);
  if (overdue >= 0) {
    timed = timed.slice(0, Math.max(1, overdue));
    status = timed[timed.length - 1]?.role === "customer" ? "open" : "pending";
  } else if (status === "open" || status === "pending") {
    timed = cutForStatus(timed, status);
  }
  const id = rng.uuid();
  const end = timed[timed.length - 1];
  const endedAt =
    status === "resolved" || status === "closed"
      ? new Date(
          (end?.ts.getTime() ?? start.getTime()) +
            ((end?.endOffset ?? 0) - (end?.startOffset ?? 0)) * 1000,
        )
      : null;
  rows.conversations.push({
    id,
    external_id: `demo-${String(index + 1).padStart(6, "0")}`,
    channel,
    status,
    subject,
    customer_id: customer.id,
    agent_id: agentId,
    team_id: spec.teamId,
    started_at: start.toISOString(),
    ended_at: endedAt?.toISOString() ?? null,
    message_count: timed.length,
    metadata,
  });
  rows.participants.push({
    id: rng.uuid(),
    conversation_id: id,
    role: "customer",
    agent_id: null,
    customer_id: customer.id,
    display_name: customer.name,
  });
  rows.participants.push({
    id: rng.uuid(),
    conversation_id: id,
    role: "agent",
    agent_id: agentId,
    customer_id: null,
    display_name: agent.name,
  });
  if (timed.some((t) => t.role === "bot")) {
    rows.participants.push({
      id: rng.uuid(),
      conversation_id: id,
      role: "bot",
      agent_id: null,
      customer_id: null,
      display_name: `${DEMO_BRAND} Assistant`,
    });
  }
  timed.forEach((t, seq) => {
    // The demo goes through the same redaction as ingested text, so it looks like real stored data.
    const redacted = redactText(t.text, DEFAULT_REDACTION_SETTINGS);
    rows.messages.push({
      id: rng.uuid(),
      conversation_id: id,
      seq,
      role: t.role,
      agent_id: t.role === "agent" ? agentId : null,
      text: redacted.text,
      redactions: redacted.total,
      ts: t.ts.toISOString(),
      start_offset: t.startOffset,
      end_offset: t.endOffset,
    });
  });
}
