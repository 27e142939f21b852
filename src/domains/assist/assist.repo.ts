import { and, asc, desc, eq, sql } from "drizzle-orm";
import { queryRows, type Db } from "../../db/client.ts";
import {
  assistJoinRequests,
  assistRewrites,
  assistRules,
  assistSuggestions,
  type SuggestionDecision,
} from "../../db/schema/index.ts";

export type RewriteRow = typeof assistRewrites.$inferSelect;
export type RuleRow = typeof assistRules.$inferSelect;
export type JoinRequestRow = typeof assistJoinRequests.$inferSelect;

export async function listRewrites(db: Db, orgId: string): Promise<RewriteRow[]> {
  return db
    .select()
    .from(assistRewrites)
    .where(eq(assistRewrites.orgId, orgId))
    .orderBy(asc(assistRewrites.signal), asc(assistRewrites.createdAt), asc(assistRewrites.id));
}

export async function insertRewrites(
  db: Db,
  values: (typeof assistRewrites.$inferInsert)[],
): Promise<RewriteRow[]> {
  if (values.length === 0) return [];
  return db.insert(assistRewrites).values(values).returning();
}

export async function updateRewrite(
  db: Db,
  orgId: string,
  id: string,
  patch: Partial<typeof assistRewrites.$inferInsert>,
): Promise<RewriteRow | null> {
  const [row] = await db
    .update(assistRewrites)
    .set({ ...patch, updatedAt: new Date() })
    .where(and(eq(assistRewrites.orgId, orgId), eq(assistRewrites.id, id)))
    .returning();
  return row ?? null;
}

export async function deleteRewrite(db: Db, orgId: string, id: string): Promise<boolean> {
  const rows = await db
    .delete(assistRewrites)
    .where(and(eq(assistRewrites.orgId, orgId), eq(assistRewrites.id, id)))
    .returning({ id: assistRewrites.id });
  return rows.length > 0;
}

export async function listRules(db: Db, orgId: string, onlyEnabled = false): Promise<RuleRow[]> {
  return db
    .select()
    .from(assistRules)
    .where(
      and(eq(assistRules.orgId, orgId), onlyEnabled ? eq(assistRules.enabled, true) : undefined),
    )
    .orderBy(asc(assistRules.priority), asc(assistRules.name));
}

/** Null when the name is taken in the org. */
export async function insertRule(
  db: Db,
  values: typeof assistRules.$inferInsert,
): Promise<RuleRow | null> {
  const [row] = await db.insert(assistRules).values(values).onConflictDoNothing().returning();
  return row ?? null;
}

export async function updateRule(
  db: Db,
  orgId: string,
  id: string,
  patch: Partial<typeof assistRules.$inferInsert>,
): Promise<RuleRow | null> {
  const [row] = await db
    .update(assistRules)
    .set({ ...patch, updatedAt: new Date() })
    .where(and(eq(assistRules.orgId, orgId), eq(assistRules.id, id)))
    .returning();
  return row ?? null;
}

export async function deleteRule(db: Db, orgId: string, id: string): Promise<boolean> {
  const rows = await db
    .delete(assistRules)
    .where(and(eq(assistRules.orgId, orgId), eq(assistRules.id, id)))
    .returning({ id: assistRules.id });
  return rows.length > 0;
}

/** Records (or replaces) the agent's verdict on one rule's suggestion in one conversation. */
export async function upsertSuggestion(
  db: Db,
  values: {
    orgId: string;
    ruleId: string;
    conversationRef: string;
    conversationId: string | null;
    customerExternalId: string | null;
    decision: SuggestionDecision;
    decidedByUserId: string | null;
  },
) {
  const [row] = await db
    .insert(assistSuggestions)
    .values({ ...values, decidedAt: new Date() })
    .onConflictDoUpdate({
      target: [
        assistSuggestions.orgId,
        assistSuggestions.ruleId,
        assistSuggestions.conversationRef,
      ],
      set: {
        decision: values.decision,
        decidedByUserId: values.decidedByUserId,
        conversationId: sql`coalesce(excluded.conversation_id, ${assistSuggestions.conversationId})`,
        customerExternalId: sql`coalesce(excluded.customer_external_id, ${assistSuggestions.customerExternalId})`,
        decidedAt: new Date(),
        updatedAt: new Date(),
      },
    })
    .returning();
  return row!;
}

export interface AssistState {
  /** Fingerprints of the org's rules and rewrite patterns: any change to any row changes them. */
  rules: string;
  rewrites: string;
  /** Fingerprint of the best-practice library and the scorecard versions its criteria come from. */
  practices: string;
  /** Offers the customer accepted before (any offer rule, marked used); null without a customer. */
  acceptedOffers: number | null;
}

/**
 * One round trip for what every assist call checks: whether the org's rules and rewrite library
 * changed (the whole rows hashed: a few dozen per org) and the customer's accepted offers.
 */
export async function readAssistState(
  db: Db,
  orgId: string,
  customerExternalId: string | null,
): Promise<AssistState> {
  const offers =
    customerExternalId === null
      ? sql`null::int`
      : sql`(select count(*)::int from assist_suggestions s
             join assist_rules r on r.org_id = s.org_id and r.id = s.rule_id
             where s.org_id = ${orgId} and s.customer_external_id = ${customerExternalId}
               and s.decision = 'used' and r.kind = 'offer')`;
  const [row] = await queryRows<AssistState>(
    db,
    sql`select
          (select count(*)::text || ':' || coalesce(md5(string_agg(r::text, ',' order by r.id)), '')
           from assist_rules r where r.org_id = ${orgId}) as rules,
          (select count(*)::text || ':' || coalesce(md5(string_agg(w::text, ',' order by w.id)), '')
           from assist_rewrites w where w.org_id = ${orgId}) as rewrites,
          (select count(*)::text || ':' || coalesce(md5(string_agg(b.id::text || b.updated_at::text, ',' order by b.id)), '')
           from best_practices b where b.org_id = ${orgId})
            || '/' || (select count(*)::text from qa_scorecard_versions v where v.org_id = ${orgId}) as practices,
          ${offers} as "acceptedOffers"`,
  );
  return row!;
}

export interface RuleReportRow {
  ruleId: string;
  used: number;
  dismissed: number;
  /** Mean predicted satisfaction (1–5) of the stored conversations where the suggestion was used. */
  satisfactionUsed: number | null;
  satisfactionDismissed: number | null;
  /** Share of those conversations now resolved or closed. */
  resolvedUsed: number | null;
}

/** Acceptance and outcome per rule, from the agents' verdicts and the conversations' analyses. */
export async function reportRules(db: Db, orgId: string): Promise<RuleReportRow[]> {
  return queryRows<RuleReportRow>(
    db,
    sql`select s.rule_id as "ruleId",
          count(*) filter (where s.decision = 'used')::int as used,
          count(*) filter (where s.decision = 'dismissed')::int as dismissed,
          avg(a.satisfaction) filter (where s.decision = 'used')::float8 as "satisfactionUsed",
          avg(a.satisfaction) filter (where s.decision = 'dismissed')::float8 as "satisfactionDismissed",
          avg(case when c.status in ('resolved', 'closed') then 1.0 else 0.0 end)
            filter (where s.decision = 'used' and c.id is not null)::float8 as "resolvedUsed"
        from assist_suggestions s
        left join conversations c on c.org_id = s.org_id and c.id = s.conversation_id
        left join conversation_analyses a on a.org_id = s.org_id and a.conversation_id = s.conversation_id
        where s.org_id = ${orgId}
        group by s.rule_id`,
  );
}

export async function insertJoinRequest(
  db: Db,
  values: typeof assistJoinRequests.$inferInsert,
): Promise<JoinRequestRow> {
  const [row] = await db.insert(assistJoinRequests).values(values).returning();
  return row!;
}

export async function listJoinRequests(
  db: Db,
  orgId: string,
  conversationRef: string,
): Promise<JoinRequestRow[]> {
  return db
    .select()
    .from(assistJoinRequests)
    .where(
      and(
        eq(assistJoinRequests.orgId, orgId),
        eq(assistJoinRequests.conversationRef, conversationRef),
      ),
    )
    .orderBy(desc(assistJoinRequests.createdAt))
    .limit(20);
}
