import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import { chunks, queryRows, type Db } from "../../db/client.ts";
import type { DeltaRollup } from "../../db/delta-rollups.ts";
import {
  contactReasons,
  conversationReasons,
  reasonDayCounts,
  reasonModels,
  reasonSpikes,
} from "../../db/schema/index.ts";

export type ReasonRow = typeof contactReasons.$inferSelect;
export type NewReason = typeof contactReasons.$inferInsert;

/** How much customer text of a conversation the model reads: its first customer messages. */
const TEXT_CHARS = 600;

/** The seq of the agent's first message after the customer's first, for conversation `c`. */
const FIRST_REPLY = sql`select min(a.seq) from messages a
  where a.org_id = c.org_id and a.conversation_id = c.id and a.role = 'agent'
    and a.seq > (select min(f.seq) from messages f
                  where f.org_id = c.org_id and f.conversation_id = c.id and f.role = 'customer')`;

export interface ConversationText {
  conversationId: string;
  startedAt: Date;
  text: string;
}

/**
 * The customer's opening turn per conversation (what they contacted us about), newest first, at
 * most `limit` conversations: their messages from their first one up to the agent's first reply
 * after it, at most three and TEXT_CHARS characters. Later messages are reactions ("Perfect, that
 * worked", "Mm-hm") that would make reasons of their own. Ties go by id, so a re-fit of the same
 * conversations sees them in the same order.
 */
export async function findConversationTexts(
  db: Db,
  orgId: string,
  opts: { limit: number; ids?: string[] },
): Promise<ConversationText[]> {
  const only = opts.ids
    ? sql`and c.id in (${sql.join(
        opts.ids.map((id) => sql`${id}::uuid`),
        sql`, `,
      )})`
    : sql``;
  const rows = await queryRows<{ id: string; started_at: string | Date; text: string | null }>(
    db,
    sql`select c.id, c.started_at,
          (select left(string_agg(m.text, ' ' order by m.seq), ${TEXT_CHARS})
             from (select text, seq from messages m where m.org_id = c.org_id
                     and m.conversation_id = c.id and m.role = 'customer'
                     and m.seq < coalesce((${FIRST_REPLY}), 2147483647)
                     order by m.seq limit 3) m) as text
        from conversations c where c.org_id = ${orgId} ${only}
        order by c.started_at desc, c.id limit ${opts.limit}`,
  );
  return rows.map((r) => ({
    conversationId: r.id,
    startedAt: new Date(r.started_at),
    text: r.text ?? "",
  }));
}

export async function listReasonRows(db: Db, orgId: string): Promise<ReasonRow[]> {
  return db.select().from(contactReasons).where(eq(contactReasons.orgId, orgId));
}

export async function listActiveReasons(db: Db, orgId: string): Promise<ReasonRow[]> {
  return db
    .select()
    .from(contactReasons)
    .where(and(eq(contactReasons.orgId, orgId), isNull(contactReasons.mergedIntoId)));
}

export async function findReason(db: Db, orgId: string, id: string): Promise<ReasonRow | null> {
  const [row] = await db
    .select()
    .from(contactReasons)
    .where(and(eq(contactReasons.orgId, orgId), eq(contactReasons.id, id)));
  return row ?? null;
}

export async function insertReason(db: Db, values: NewReason): Promise<ReasonRow> {
  const [row] = await db.insert(contactReasons).values(values).returning();
  return row!;
}

export async function updateReason(
  db: Db,
  orgId: string,
  id: string,
  values: Partial<NewReason>,
): Promise<ReasonRow | null> {
  const [row] = await db
    .update(contactReasons)
    .set({ ...values, updatedAt: new Date() })
    .where(and(eq(contactReasons.orgId, orgId), eq(contactReasons.id, id)))
    .returning();
  return row ?? null;
}

export async function deleteReasons(db: Db, orgId: string, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  await db
    .delete(contactReasons)
    .where(and(eq(contactReasons.orgId, orgId), inArray(contactReasons.id, ids)));
}

export async function findModel(db: Db, orgId: string) {
  const [row] = await db.select().from(reasonModels).where(eq(reasonModels.orgId, orgId));
  return row ?? null;
}

export async function saveModel(
  db: Db,
  orgId: string,
  model: Pick<typeof reasonModels.$inferInsert, "idf" | "vectorSpace" | "conversations">,
) {
  const values = { orgId, ...model, vectorSpace: model.vectorSpace ?? null, fittedAt: new Date() };
  await db
    .insert(reasonModels)
    .values(values)
    .onConflictDoUpdate({ target: reasonModels.orgId, set: { ...values, updatedAt: new Date() } });
}

/**
 * Every org with its reason model's fit time and size, and its conversations counted up to twice
 * that size (at least `atLeast`, at most `atMost`): enough to tell whether it doubled, without
 * counting a large org's every conversation each hour.
 */
export async function findModelStates(db: Db, atLeast: number, atMost: number) {
  const rows = await queryRows<{
    id: string;
    fitted_at: string | Date | null;
    fitted_on: number | null;
    n: number;
  }>(
    db,
    sql`select o.id, m.fitted_at, m.conversations as fitted_on,
          (select count(*) from (select 1 from conversations c where c.org_id = o.id
             limit least(greatest(${atLeast}::int, 2 * coalesce(m.conversations, 0)), ${atMost}::int)) x)::int as n
        from organizations o left join reason_models m on m.org_id = o.id`,
  );
  return rows.map((r) => ({
    id: r.id,
    fittedAt: r.fitted_at === null ? null : new Date(r.fitted_at),
    fittedOn: r.fitted_on,
    conversations: Number(r.n),
  }));
}

/** Current assignments: conversation → reason and whether a person set it. */
export async function findAssignments(db: Db, orgId: string) {
  return db
    .select({
      conversationId: conversationReasons.conversationId,
      reasonId: conversationReasons.reasonId,
      source: conversationReasons.source,
    })
    .from(conversationReasons)
    .where(eq(conversationReasons.orgId, orgId));
}

export interface Assignment {
  conversationId: string;
  reasonId: string;
  startedAt: Date;
}

/** Upserts model assignments; a person's (`manual`) assignment is never overwritten. */
export async function upsertAssignments(db: Db, orgId: string, rows: Assignment[]): Promise<void> {
  for (const part of chunks(rows, 2000)) {
    await db
      .insert(conversationReasons)
      .values(part.map((r) => ({ orgId, ...r, source: "model" })))
      .onConflictDoUpdate({
        target: [conversationReasons.orgId, conversationReasons.conversationId],
        set: { reasonId: sql`excluded.reason_id`, updatedAt: new Date() },
        setWhere: sql`${conversationReasons.source} = 'model'`,
      });
  }
}

/**
 * A person's reason for one conversation (`source = 'manual'`: kept by new assignments and
 * re-clustering); false when the org has no such conversation.
 */
export async function setManualAssignment(
  db: Db,
  orgId: string,
  conversationId: string,
  reasonId: string,
): Promise<boolean> {
  const rows = await queryRows(
    db,
    sql`insert into conversation_reasons (org_id, conversation_id, reason_id, started_at, source)
        select org_id, id, ${reasonId}, started_at, 'manual' from conversations
        where org_id = ${orgId} and id = ${conversationId}
        on conflict (org_id, conversation_id) do update
          set reason_id = excluded.reason_id, source = 'manual', updated_at = now()
        returning conversation_id`,
  );
  return rows.length > 0;
}

/** Forgets one conversation's reason, so the model gives it one again; false with no such conversation. */
export async function clearAssignment(
  db: Db,
  orgId: string,
  conversationId: string,
): Promise<boolean> {
  const [found] = await queryRows(
    db,
    sql`select 1 from conversations where org_id = ${orgId} and id = ${conversationId}`,
  );
  if (!found) return false;
  await db
    .delete(conversationReasons)
    .where(
      and(
        eq(conversationReasons.orgId, orgId),
        eq(conversationReasons.conversationId, conversationId),
      ),
    );
  return true;
}

/** Moves every conversation of `from` reasons to `to` (merge, split). */
export async function moveConversations(
  db: Db,
  orgId: string,
  from: string[],
  to: string,
  only?: string[],
): Promise<void> {
  if (from.length === 0) return;
  for (const part of only ? chunks(only, 2000) : [undefined]) {
    await db
      .update(conversationReasons)
      .set({ reasonId: to, updatedAt: new Date() })
      .where(
        and(
          eq(conversationReasons.orgId, orgId),
          inArray(conversationReasons.reasonId, from),
          part ? inArray(conversationReasons.conversationId, part) : undefined,
        ),
      );
  }
}

export async function countByReason(db: Db, orgId: string): Promise<Map<string, number>> {
  const rows = await queryRows<{ reason_id: string; n: number }>(
    db,
    sql`select reason_id, count(*)::int as n from conversation_reasons where org_id = ${orgId} group by reason_id`,
  );
  return new Map(rows.map((r) => [r.reason_id, Number(r.n)]));
}

/** Example conversations of a reason, newest first, with their opening customer text. */
export async function findExamples(db: Db, orgId: string, reasonId: string, limit: number) {
  return queryRows<{ id: string; started_at: string | Date; text: string | null }>(
    db,
    sql`select cr.conversation_id as id, cr.started_at,
          (select left(m.text, 200) from messages m where m.org_id = cr.org_id
             and m.conversation_id = cr.conversation_id and m.role = 'customer' order by m.seq limit 1) as text
        from conversation_reasons cr where cr.org_id = ${orgId} and cr.reason_id = ${reasonId}
        order by cr.started_at desc limit ${limit}`,
  );
}

/**
 * Daily counts per reason and all conversations since `from` (a UTC midnight), by UTC day, from the
 * day rollups: `reason_day_counts` (this domain's) and the reports' `conversation_rollups`, both
 * kept in the writing transaction, so they equal counting the rows. Days without any are left out.
 */
export async function findDailyCounts(db: Db, orgId: string, from: Date, reasonId?: string) {
  const onlyReason = reasonId ? sql`and reason_id = ${reasonId}` : sql``;
  const fromDay = from.toISOString().slice(0, 10);
  const [reasons, totals] = await Promise.all([
    queryRows<{ reason_id: string; day: string; n: number }>(
      db,
      sql`select reason_id, to_char(day, 'YYYY-MM-DD') as day, sum(conversations)::int as n
          from reason_day_counts where org_id = ${orgId} and day >= ${fromDay}::date ${onlyReason}
          group by reason_id, day having sum(conversations) <> 0 order by day, reason_id`,
    ),
    queryRows<{ day: string; n: number }>(
      db,
      sql`select to_char(day, 'YYYY-MM-DD') as day, sum(conversations)::int as n
          from conversation_rollups where org_id = ${orgId} and day >= ${fromDay}::date
          group by day having sum(conversations) <> 0 order by day`,
    ),
  ]);
  return { reasons, totals };
}

/** The reason day counts' delta rows, folded hourly. */
export const REASON_DAY_ROLLUP: DeltaRollup = {
  table: reasonDayCounts,
  keys: [reasonDayCounts.orgId, reasonDayCounts.reasonId, reasonDayCounts.day],
  sums: [reasonDayCounts.conversations],
};

export async function insertSpike(
  db: Db,
  values: typeof reasonSpikes.$inferInsert,
): Promise<boolean> {
  const rows = await db.insert(reasonSpikes).values(values).onConflictDoNothing().returning();
  return rows.length > 0;
}

export async function listSpikes(db: Db, orgId: string) {
  return db.select().from(reasonSpikes).where(eq(reasonSpikes.orgId, orgId));
}
