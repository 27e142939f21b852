import { and, eq, sql } from "drizzle-orm";
import { queryRows, type Db } from "../../db/client.ts";
import { bestPractices } from "../../db/schema/index.ts";
import { isoMs } from "../../lib/cursor.ts";

/** QA score (0–100) from which a conversation counts as exemplary. */
export const EXEMPLARY_QA = 85;
/** Predicted satisfaction (1–5) from which it counts as a happy customer. */
export const EXEMPLARY_SATISFACTION = 3.5;

export interface CriterionRow {
  key: string;
  name: string;
  /** Every signal the criterion's rule looks at (what assist cites it for). */
  signals: string[];
}

/** Criteria of the org's scorecards (every version), by key; the newest version's name and rule win. */
export async function listCriteria(db: Db, orgId: string) {
  return queryRows<CriterionRow>(
    db,
    sql`select distinct on (cr->>'key') cr->>'key' as key, cr->>'name' as name,
        (select coalesce(array_agg(distinct x #>> '{}'), '{}')
           from jsonb_path_query(cr, 'strict $.**.signal') x) as signals
      from qa_scorecard_versions v,
        jsonb_array_elements(v.definition->'sections') s,
        jsonb_array_elements(s->'criteria') cr
      where v.org_id = ${orgId}
      order by cr->>'key', v.created_at desc`,
  );
}

export interface CandidateRow {
  conversation_id: string;
  agent_name: string | null;
  channel: string;
  started_at: string;
  qa_score: number;
  satisfaction: number | null;
  csat: number | null;
  praised: boolean;
  curated: boolean;
}

/**
 * Exemplary conversations for one criterion: an evaluation that passed it (or rated it 4–5) with
 * a high overall score, a satisfied customer (CSAT 4–5, else predicted satisfaction), praise first.
 */
export async function findCandidates(db: Db, orgId: string, criterionKey: string, limit: number) {
  return queryRows<CandidateRow>(
    db,
    sql`select c.id as conversation_id, a.name as agent_name, c.channel,
        ${isoMs(sql`c.started_at`)} as started_at,
        max(e.score) as qa_score, ca.satisfaction,
        (select avg(r.score)::float from survey_responses r join surveys s on s.org_id = r.org_id and s.id = r.survey_id
          where r.org_id = c.org_id and r.conversation_id = c.id and s.type = 'csat') as csat,
        coalesce(ca.signal_names @> array['praise']::text[], false) as praised,
        exists (select 1 from best_practices b where b.org_id = c.org_id and b.conversation_id = c.id
          and b.criterion_key = ${criterionKey}) as curated
      from qa_evaluations e
      join conversations c on c.org_id = e.org_id and c.id = e.conversation_id
      left join conversation_analyses ca on ca.org_id = c.org_id and ca.conversation_id = c.id
      left join agents a on a.org_id = c.org_id and a.id = c.agent_id
      where e.org_id = ${orgId} and e.score >= ${EXEMPLARY_QA}
        and exists (select 1 from jsonb_array_elements(e.answers) x
          where x->>'key' = ${criterionKey}
            and (x->>'answer' = 'pass' or (x->>'value' is not null and (x->>'value')::numeric >= 4)))
      group by c.org_id, c.id, a.name, ca.satisfaction, ca.signal_names
      having coalesce(ca.satisfaction, 0) >= ${EXEMPLARY_SATISFACTION}
        or exists (select 1 from survey_responses r join surveys s on s.org_id = r.org_id and s.id = r.survey_id
          where r.org_id = c.org_id and r.conversation_id = c.id and s.type = 'csat' and r.score >= 4)
      order by praised desc, coalesce(ca.satisfaction, 0) desc, max(e.score) desc, c.started_at desc
      limit ${limit}`,
  );
}

/** The facts stored with a curated item, read when it is added. */
export async function conversationFacts(db: Db, orgId: string, conversationId: string) {
  const rows = await queryRows<{
    qa_score: number | null;
    satisfaction: number | null;
    praised: boolean;
    excerpt: string | null;
  }>(
    db,
    sql`select (select max(e.score) from qa_evaluations e where e.org_id = c.org_id and e.conversation_id = c.id) as qa_score,
        ca.satisfaction,
        coalesce(ca.signal_names @> array['praise']::text[], false) as praised,
        (select left(string_agg(m.text, ' ' order by m.seq), 400) from messages m
          where m.org_id = c.org_id and m.conversation_id = c.id and m.role = 'agent') as excerpt
      from conversations c
      left join conversation_analyses ca on ca.org_id = c.org_id and ca.conversation_id = c.id
      where c.org_id = ${orgId} and c.id = ${conversationId}`,
  );
  return rows[0] ?? null;
}

export async function insertBestPractice(db: Db, values: typeof bestPractices.$inferInsert) {
  const [row] = await db
    .insert(bestPractices)
    .values(values)
    .onConflictDoUpdate({
      target: [bestPractices.orgId, bestPractices.criterionKey, bestPractices.conversationId],
      set: { note: values.note ?? "", updatedAt: new Date() },
    })
    .returning({ id: bestPractices.id });
  return row!.id;
}

export interface LibraryRow {
  id: string;
  conversation_id: string;
  criterion_key: string;
  note: string;
  qa_score: number | null;
  satisfaction: number | null;
  praised: number;
  excerpt: string;
  agent_name: string | null;
  channel: string;
  created_at: string;
}

export async function listLibrary(
  db: Db,
  orgId: string,
  filter: { criterionKey?: string; id?: string; bestFirst?: boolean },
  limit: number,
) {
  return queryRows<LibraryRow>(
    db,
    sql`select b.id, b.conversation_id, b.criterion_key, b.note, b.qa_score, b.satisfaction, b.praised,
        b.excerpt, a.name as agent_name, c.channel,
        ${isoMs(sql`b.created_at`)} as created_at
      from best_practices b
      join conversations c on c.org_id = b.org_id and c.id = b.conversation_id
      left join agents a on a.org_id = c.org_id and a.id = c.agent_id
      where b.org_id = ${orgId}
        ${filter.criterionKey ? sql`and b.criterion_key = ${filter.criterionKey}` : sql``}
        ${filter.id ? sql`and b.id = ${filter.id}` : sql``}
      order by ${
        filter.bestFirst
          ? sql`b.praised desc, b.qa_score desc nulls last, b.created_at desc`
          : sql`b.criterion_key, b.created_at desc`
      }
      limit ${limit}`,
  );
}

export async function deleteBestPractice(db: Db, orgId: string, id: string) {
  const rows = await db
    .delete(bestPractices)
    .where(and(eq(bestPractices.orgId, orgId), eq(bestPractices.id, id)))
    .returning({ id: bestPractices.id });
  return rows.length > 0;
}

export async function countByCriterion(db: Db, orgId: string) {
  const rows = await queryRows<{ key: string; n: number }>(
    db,
    sql`select criterion_key as key, count(*)::int as n from best_practices where org_id = ${orgId} group by criterion_key`,
  );
  return new Map(rows.map((r) => [r.key, r.n]));
}
