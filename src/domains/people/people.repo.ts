import { sql } from "drizzle-orm";
import { queryRows, type Db } from "../../db/client.ts";
import { conversationPreview } from "../conversations/index.ts";

export interface AgentRow {
  id: string;
  name: string;
  teamId: string | null;
}

export async function findAgent(db: Db, orgId: string, id: string): Promise<AgentRow | null> {
  const rows = await queryRows<AgentRow>(
    db,
    sql`select id, name, team_id as "teamId" from agents where org_id = ${orgId}::uuid and id = ${id}::uuid`,
  );
  return rows[0] ?? null;
}

export async function listAgentsOf(db: Db, orgId: string, teamId?: string): Promise<AgentRow[]> {
  return queryRows<AgentRow>(
    db,
    sql`select id, name, team_id as "teamId" from agents where org_id = ${orgId}::uuid
        ${teamId ? sql`and team_id = ${teamId}::uuid` : sql``} order by name, id`,
  );
}

export async function listTeamNames(
  db: Db,
  orgId: string,
): Promise<{ id: string; name: string }[]> {
  return queryRows(db, sql`select id, name from teams where org_id = ${orgId}::uuid order by name`);
}

export interface ExampleConversation {
  conversationId: string;
  startedAt: string;
  subject: string | null;
  preview: string | null;
  value: number;
  expected: number | null;
}

/**
 * The agent's conversations in a period with the highest or lowest value of one metric, relative
 * to what their stratum expects (so a hard case handled well is a "best" example).
 */
export async function findExamples(
  db: Db,
  q: {
    orgId: string;
    agentId: string;
    column: string;
    from: string;
    to: string;
    best: boolean;
    limit: number;
  },
): Promise<ExampleConversation[]> {
  const col = sql.raw(`f.${q.column}`);
  const order = sql.raw(q.best ? "desc" : "asc");
  return queryRows<ExampleConversation>(
    db,
    sql`select f.conversation_id as "conversationId", to_char(f.started_at, 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as "startedAt",
               c.subject, ${conversationPreview(sql`c.org_id`, sql`c.id`)} as preview,
               ${col} as value, b.mean as expected
        from people_conversation_facts f
        join conversations c on c.org_id = f.org_id and c.id = f.conversation_id
        left join people_baselines b on b.org_id = f.org_id and b.stratum = f.coarse_stratum
          and b.metric = ${q.column}
        where f.org_id = ${q.orgId}::uuid and f.agent_id = ${q.agentId}::uuid and ${col} is not null
          and f.started_at >= ${q.from}::date and f.started_at < ${q.to}::date + 1
        order by ${col} - coalesce(b.mean, 0) ${order}, f.started_at desc
        limit ${q.limit}`,
  );
}

/** Every organization (the periodic jobs visit each). */
export async function listOrgIds(db: Db): Promise<string[]> {
  const rows = await queryRows<{ id: string }>(db, sql`select id from organizations order by id`);
  return rows.map((r) => r.id);
}
