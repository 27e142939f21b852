import { sql } from "drizzle-orm";
import { queryRows, type Db } from "../../db/client.ts";

export interface ActiveConversation {
  id: string;
  externalId: string;
  source: string;
  channel: string;
  agentName: string | null;
  customerName: string | null;
  customerExternalId: string | null;
  teamId: string | null;
  startedAt: string;
  updatedAt: string;
  /** The latest messages, oldest first. */
  messages: { role: "customer" | "agent" | "bot" | "internal"; text: string }[];
}

/**
 * Open conversations with activity since `since` (live calls stored as they stream, chats), latest
 * activity first, each with its last `perConversation` messages: what the supervisor wallboard ranks.
 */
export async function findActiveConversations(
  db: Db,
  orgId: string,
  opts: { since: Date; limit: number; perConversation: number },
): Promise<ActiveConversation[]> {
  const rows = await queryRows<
    ActiveConversation & { startedAt: Date | string; updatedAt: Date | string }
  >(
    db,
    sql`select c.id, c.external_id as "externalId", c.source, c.channel::text as channel,
          a.name as "agentName", cu.name as "customerName", c.team_id as "teamId",
          (select ci.external_id from customer_identities ci
            where ci.org_id = c.org_id and ci.customer_id = c.customer_id
            order by ci.created_at limit 1) as "customerExternalId",
          c.started_at as "startedAt", c.updated_at as "updatedAt",
          coalesce((select json_agg(json_build_object('role', m.role, 'text', m.text) order by m.seq)
            from (select seq, role, text from messages m
                  where m.org_id = c.org_id and m.conversation_id = c.id
                  order by m.seq desc limit ${opts.perConversation}) m), '[]'::json) as messages
        from conversations c
        left join agents a on a.org_id = c.org_id and a.id = c.agent_id
        left join customers cu on cu.org_id = c.org_id and cu.id = c.customer_id
        where c.org_id = ${orgId} and c.status in ('open', 'pending') and c.updated_at >= ${opts.since.toISOString()}
        order by c.updated_at desc
        limit ${opts.limit}`,
  );
  return rows.map((r) => ({
    ...r,
    startedAt: new Date(r.startedAt).toISOString(),
    updatedAt: new Date(r.updatedAt).toISOString(),
  }));
}
