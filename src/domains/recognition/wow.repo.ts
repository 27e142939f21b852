import { and, desc, eq, isNull, sql } from "drizzle-orm";
import { queryRows, type Db } from "../../db/client.ts";
import { recognitionRuns, wowStories, type WowStoryStatus } from "../../db/schema/index.ts";
import { isoMs } from "../../lib/cursor.ts";

/** Longest piece of a customer's words kept as evidence. */
const EVIDENCE_CHARS = 600;

export interface CollectWindow {
  since: Date;
  until: Date;
  /** Most candidates one run adds per source, strongest first. */
  max: number;
}

/**
 * Conversations in the window whose analysis found praise become candidates, with the praising
 * customer messages as evidence. `@>` lets the signals GIN index narrow the scan.
 */
export async function insertPraiseCandidates(db: Db, orgId: string, w: CollectWindow) {
  const rows = await queryRows<{ id: string }>(
    db,
    sql`insert into wow_stories (org_id, conversation_id, agent_id, team_id, source, evidence, strength)
      select c.org_id, c.id, c.agent_id, c.team_id, 'praise',
        coalesce((select jsonb_agg(left(m.text, ${EVIDENCE_CHARS}) order by m.seq)
          from message_analyses ma
          join messages m on m.org_id = ma.org_id and m.id = ma.message_id
          where ma.org_id = c.org_id and ma.conversation_id = c.id and m.role = 'customer'
            and ma.signal_names @> array['praise']::text[]), '[]'::jsonb),
        least(1, greatest(0, ca.satisfaction / 5))
      from conversation_analyses ca
      join conversations c on c.org_id = ca.org_id and c.id = ca.conversation_id
      where ca.org_id = ${orgId} and ca.signal_names @> array['praise']::text[]
        and c.started_at >= ${w.since.toISOString()}::timestamptz
        and c.started_at < ${w.until.toISOString()}::timestamptz
        and not exists (select 1 from wow_stories w where w.org_id = c.org_id and w.conversation_id = c.id)
      order by ca.satisfaction desc, c.started_at desc
      limit ${w.max}
      on conflict (org_id, conversation_id) do nothing
      returning id`,
  );
  return rows.length;
}

/** Top survey answers (CSAT 5, NPS 9–10) with a comment become candidates; the comment is the evidence. */
export async function insertSurveyCandidates(db: Db, orgId: string, w: CollectWindow) {
  const rows = await queryRows<{ id: string }>(
    db,
    sql`insert into wow_stories (org_id, conversation_id, agent_id, team_id, source, evidence, strength)
      select distinct on (r.conversation_id) r.org_id, r.conversation_id, r.agent_id, r.team_id, 'survey',
        jsonb_build_array(left(r.comment, ${EVIDENCE_CHARS})), 1
      from survey_responses r
      join surveys s on s.org_id = r.org_id and s.id = r.survey_id
      where r.org_id = ${orgId}
        and r.created_at >= ${w.since.toISOString()}::timestamptz
        and r.created_at < ${w.until.toISOString()}::timestamptz
        and r.comment is not null and length(trim(r.comment)) > 0
        and ((s.type = 'csat' and r.score >= 5) or (s.type = 'nps' and r.score >= 9))
        and not exists (select 1 from wow_stories w where w.org_id = r.org_id and w.conversation_id = r.conversation_id)
      order by r.conversation_id, r.created_at desc
      limit ${w.max}
      on conflict (org_id, conversation_id) do nothing
      returning id`,
  );
  return rows.length;
}

export interface StoryRow {
  id: string;
  conversation_id: string;
  agent_id: string | null;
  agent_name: string | null;
  agent_user_id: string | null;
  team_id: string | null;
  source: string;
  status: WowStoryStatus;
  evidence: string[];
  strength: number;
  title: string | null;
  story: string | null;
  collected_at: string;
  published_at: string | null;
  digested_at: string | null;
}

function selectStories(orgId: string) {
  return sql`select w.id, w.conversation_id, w.agent_id, a.name as agent_name, a.user_id as agent_user_id,
      w.team_id, w.source, w.status, w.evidence, w.strength, w.title, w.story,
      ${isoMs(sql`w.collected_at`)} as collected_at, ${isoMs(sql`w.published_at`)} as published_at,
      ${isoMs(sql`w.digested_at`)} as digested_at
    from wow_stories w left join agents a on a.org_id = w.org_id and a.id = w.agent_id
    where w.org_id = ${orgId}`;
}

export async function listStories(
  db: Db,
  orgId: string,
  opts: { status: WowStoryStatus; limit: number; agentUserId?: string },
) {
  const order =
    opts.status === "published"
      ? sql`order by w.published_at desc`
      : sql`order by w.strength desc, w.collected_at desc`;
  const mine = opts.agentUserId ? sql`and a.user_id = ${opts.agentUserId}` : sql``;
  return queryRows<StoryRow>(
    db,
    sql`${selectStories(orgId)} and w.status = ${opts.status} ${mine} ${order} limit ${opts.limit}`,
  );
}

export async function findStory(db: Db, orgId: string, id: string) {
  const rows = await queryRows<StoryRow>(db, sql`${selectStories(orgId)} and w.id = ${id}`);
  return rows[0] ?? null;
}

/** Publishes a candidate; null when it is no longer one (published or dismissed meanwhile). */
export async function publishStory(
  db: Db,
  orgId: string,
  id: string,
  values: { title: string; story: string; publishedBy: string | null },
) {
  const [row] = await db
    .update(wowStories)
    .set({ ...values, status: "published", publishedAt: new Date(), updatedAt: new Date() })
    .where(
      and(eq(wowStories.orgId, orgId), eq(wowStories.id, id), eq(wowStories.status, "candidate")),
    )
    .returning({ id: wowStories.id });
  return row ?? null;
}

export async function dismissStory(db: Db, orgId: string, id: string) {
  const [row] = await db
    .update(wowStories)
    .set({ status: "dismissed", updatedAt: new Date() })
    .where(
      and(eq(wowStories.orgId, orgId), eq(wowStories.id, id), eq(wowStories.status, "candidate")),
    )
    .returning({ id: wowStories.id });
  return row ?? null;
}

/** Published stories not yet sent in a digest, oldest first. */
export async function undigestedStories(db: Db, orgId: string, limit: number) {
  const rows = await db
    .select({ id: wowStories.id, title: wowStories.title, story: wowStories.story })
    .from(wowStories)
    .where(
      and(
        eq(wowStories.orgId, orgId),
        eq(wowStories.status, "published"),
        isNull(wowStories.digestedAt),
      ),
    )
    .orderBy(wowStories.publishedAt)
    .limit(limit);
  return rows;
}

export async function markDigested(db: Db, orgId: string, ids: string[], at: Date) {
  for (const id of ids) {
    await db
      .update(wowStories)
      .set({ digestedAt: at, updatedAt: at })
      .where(and(eq(wowStories.orgId, orgId), eq(wowStories.id, id)));
  }
}

/** The e-mail addresses of the org's members: who receives the digest. */
export async function memberEmails(db: Db, orgId: string) {
  const rows = await queryRows<{ email: string }>(
    db,
    sql`select u.email from memberships m join users u on u.id = m.user_id where m.org_id = ${orgId} order by u.email`,
  );
  return rows.map((r) => r.email);
}

/** Claims one schedule slot; false when another worker (or an earlier tick) already ran it. */
export async function claimRun(db: Db, orgId: string, slot: Date): Promise<boolean> {
  const rows = await db
    .insert(recognitionRuns)
    .values({ orgId, slot })
    .onConflictDoNothing()
    .returning({ id: recognitionRuns.id });
  return rows.length > 0;
}

export async function recordRun(
  db: Db,
  orgId: string,
  slot: Date,
  counts: { collected: number; digestSent: number },
) {
  await db
    .update(recognitionRuns)
    .set({ ...counts, updatedAt: new Date() })
    .where(and(eq(recognitionRuns.orgId, orgId), eq(recognitionRuns.slot, slot)));
}

/** The slot of the run before `slot`, where the next collection window starts. */
export async function previousRunSlot(db: Db, orgId: string, slot: Date): Promise<Date | null> {
  const [row] = await db
    .select({ slot: recognitionRuns.slot })
    .from(recognitionRuns)
    .where(
      and(
        eq(recognitionRuns.orgId, orgId),
        sql`${recognitionRuns.slot} < ${slot.toISOString()}::timestamptz`,
      ),
    )
    .orderBy(desc(recognitionRuns.slot))
    .limit(1);
  return row?.slot ?? null;
}

export async function listOrgIds(db: Db) {
  const rows = await queryRows<{ id: string }>(db, sql`select id from organizations order by id`);
  return rows.map((r) => r.id);
}

/** Names to take out of a story: the customer's and the agent's. */
export async function namesInConversation(db: Db, orgId: string, conversationId: string) {
  return queryRows<{ customer_name: string | null; agent_name: string | null }>(
    db,
    sql`select cu.name as customer_name, a.name as agent_name
      from conversations c
      left join customers cu on cu.org_id = c.org_id and cu.id = c.customer_id
      left join agents a on a.org_id = c.org_id and a.id = c.agent_id
      where c.org_id = ${orgId} and c.id = ${conversationId}`,
  );
}
