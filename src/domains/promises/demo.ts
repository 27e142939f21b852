import { sql } from "drizzle-orm";
import { queryRows, type Db } from "../../db/client.ts";
import type { Channel, PromiseSettledBy, PromiseStatus } from "../../db/schema/index.ts";
import * as repo from "./promises.repo.ts";
import { reasonOf } from "./reason.ts";
import { setStatedResponseTimes } from "./promises.service.ts";

/**
 * Demo promises: agent messages in the demo conversations that commit to something ("I'll…",
 * "we will…"), settled with a keep rate that differs by team, so the keep-rate chart has a story
 * (Billing keeps most, Orders breaks the most). Outcomes come from a hash of the message id, so the
 * same demo gives the same numbers. Real tracking later leaves these rows alone (insert-or-skip).
 */

const TEAM_KEEP_RATE: Record<string, number> = {
  "Billing & Payments": 0.88,
  "Orders & Delivery": 0.58,
  "Accounts & Security": 0.76,
};
const HOUR = 3_600_000;
const DEMO_PROMISES = 600;

/** Uniform in [0, 1) from a UUID's hex digits (the ids come from the seeded demo generator). */
function unit(id: string, salt: number): number {
  const hex = id.replace(/-/g, "").slice(salt * 6, salt * 6 + 6);
  return parseInt(hex, 16) / 0x1000000;
}

interface Candidate {
  message_id: string;
  conversation_id: string;
  ts: Date | string;
  agent_id: string | null;
  team_id: string | null;
  team_name: string | null;
  customer_id: string | null;
  channel: Channel;
  reason: string;
  quote: string;
}

function outcome(c: Candidate, promisedAt: Date, dueAt: Date, now: Date) {
  if (dueAt.getTime() > now.getTime())
    return { status: "pending" as PromiseStatus, settledAt: null, settledBy: null };
  const rate = TEAM_KEEP_RATE[c.team_name ?? ""] ?? 0.7;
  if (unit(c.message_id, 1) < rate) {
    const by: PromiseSettledBy = unit(c.message_id, 2) < 0.75 ? "agent_message" : "case_update";
    const at = new Date(promisedAt.getTime() + (1 + unit(c.message_id, 3) * 20) * HOUR);
    return { status: "kept" as PromiseStatus, settledAt: at, settledBy: by };
  }
  return unit(c.message_id, 2) < 0.3
    ? {
        status: "broken" as PromiseStatus,
        settledAt: new Date(promisedAt.getTime() + 20 * HOUR),
        settledBy: "customer_waiting" as PromiseSettledBy,
      }
    : {
        status: "broken" as PromiseStatus,
        settledAt: dueAt,
        settledBy: "deadline" as PromiseSettledBy,
      };
}

export async function seedDemoPromises(db: Db, orgId: string, now = new Date()): Promise<number> {
  const candidates = await queryRows<Candidate>(
    db,
    sql`select distinct on (m.conversation_id) m.id as message_id, m.conversation_id, m.ts,
          coalesce(m.agent_id, c.agent_id) as agent_id, c.team_id, t.name as team_name,
          c.customer_id, c.channel, ${reasonOf("c")} as reason, left(m.text, 300) as quote
        from messages m
        join conversations c on c.org_id = m.org_id and c.id = m.conversation_id
        left join teams t on t.org_id = c.org_id and t.id = c.team_id
        where m.org_id = ${orgId} and m.role = 'agent'
          and m.text ~* '\\m(i''ll|i will|we''ll|we will)\\M'
        order by m.conversation_id, m.seq
        limit ${DEMO_PROMISES}`,
  );
  const rows = candidates.map((c, i) => {
    const promisedAt = new Date(c.ts);
    const openEnded = i % 20 === 0;
    const hours = unit(c.message_id, 0) < 0.6 ? 24 : 48;
    const dueAt = openEnded ? null : new Date(promisedAt.getTime() + hours * HOUR);
    const settled = dueAt
      ? outcome(c, promisedAt, dueAt, now)
      : { status: "open_ended" as PromiseStatus, settledAt: null, settledBy: null };
    return {
      orgId,
      conversationId: c.conversation_id,
      messageId: c.message_id,
      customerId: c.customer_id,
      agentId: c.agent_id,
      teamId: c.team_id,
      channel: c.channel,
      reason: c.reason,
      quote: c.quote,
      promisedAt,
      dueText: dueAt ? `PT${hours}H` : null,
      dueAt,
      ...settled,
    };
  });
  await setStatedResponseTimes(db, orgId, {
    channels: {
      email: { minutes: 24 * 60, text: "We reply within 24 hours" },
      chat: { minutes: 5, text: "We answer chats within 5 minutes" },
      social: { minutes: 4 * 60, text: "We reply within 4 hours" },
    },
  });
  return repo.insertPromises(db, rows);
}
