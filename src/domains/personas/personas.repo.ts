import { and, asc, eq, sql } from "drizzle-orm";
import { queryRows, type Db, uuids } from "../../db/client.ts";
import { customerPersonas, personas } from "../../db/schema/index.ts";
import { conversationPreview } from "../conversations/index.ts";
import { reasonOf } from "../promises/index.ts";

export type PersonaRow = typeof personas.$inferSelect;

export interface CustomerBehaviour {
  customer_id: string;
  n: number;
  chat: number;
  email: number;
  phone: number;
  other: number;
  sentiment: number | null;
  effort: number | null;
  predicted: number | null;
  survey: number | null;
  value: number | null;
}

/**
 * One row per customer with conversations since `since`: channel counts, mean sentiment, effort
 * and predicted satisfaction from the analysis, mean CSAT answer, and the customer's value from
 * conversation metadata (`customerValue`, else `value`; the largest seen).
 */
export async function findBehaviour(db: Db, orgId: string, since: Date) {
  return queryRows<CustomerBehaviour>(
    db,
    sql`with conv as (
          select c.id, c.customer_id, c.channel, c.metadata from conversations c
          where c.org_id = ${orgId} and c.customer_id is not null and c.started_at >= ${since}),
        surveyed as (
          select r.customer_id, avg(r.score)::float8 as survey from survey_responses r
          join surveys s on s.org_id = r.org_id and s.id = r.survey_id
          where r.org_id = ${orgId} and s.type = 'csat' and r.score is not null and r.created_at >= ${since}
          group by r.customer_id)
        select v.customer_id, count(*)::int as n,
          count(*) filter (where v.channel = 'chat')::int as chat,
          count(*) filter (where v.channel = 'email')::int as email,
          count(*) filter (where v.channel = 'phone')::int as phone,
          count(*) filter (where v.channel not in ('chat', 'email', 'phone'))::int as other,
          avg(a.sentiment_score)::float8 as sentiment,
          avg((a.result->'effort'->>'score')::float8)::float8 as effort,
          avg(a.satisfaction)::float8 as predicted,
          min(s.survey) as survey,
          max(case when coalesce(v.metadata->>'customerValue', v.metadata->>'value') ~ '^-?[0-9]+(\\.[0-9]+)?$'
                   then coalesce(v.metadata->>'customerValue', v.metadata->>'value')::float8 end) as value
        from conv v
        left join conversation_analyses a on a.org_id = ${orgId} and a.conversation_id = v.id
        left join surveyed s on s.customer_id = v.customer_id
        group by v.customer_id
        order by v.customer_id`,
  );
}

/** Conversations per customer and reason since `since`. */
export async function findReasons(db: Db, orgId: string, since: Date) {
  return queryRows<{ customer_id: string; reason: string; n: number }>(
    db,
    sql`select c.customer_id, ${reasonOf("c")} as reason, count(*)::int as n
        from conversations c
        where c.org_id = ${orgId} and c.customer_id is not null and c.started_at >= ${since}
        group by 1, 2`,
  );
}

/** Conversations per customer carrying each signal (customer-side cues and emotions read as signals). */
export async function findSignals(db: Db, orgId: string, since: Date) {
  return queryRows<{ customer_id: string; signal: string; n: number }>(
    db,
    sql`select c.customer_id, s.name as signal, count(*)::int as n
        from conversations c
        join conversation_analyses a on a.org_id = c.org_id and a.conversation_id = c.id
        cross join lateral unnest(a.signal_names) as s(name)
        where c.org_id = ${orgId} and c.customer_id is not null and c.started_at >= ${since}
        group by 1, 2`,
  );
}

/** The latest conversation of each of these customers, as an example of the persona. */
export async function findLatestConversations(db: Db, orgId: string, customerIds: string[]) {
  if (customerIds.length === 0) return [];
  return queryRows<{
    customer_id: string;
    id: string;
    subject: string | null;
    preview: string | null;
    channel: string;
    started_at: Date | string;
  }>(
    db,
    sql`select l.*, ${conversationPreview(sql`l.org_id`, sql`l.id`)} as preview
        from (select distinct on (customer_id) org_id, customer_id, id, subject, channel, started_at
          from conversations
          where org_id = ${orgId}
            and customer_id = any(${uuids(customerIds)})
          order by customer_id, started_at desc) l`,
  );
}

/** Replaces the organization's personas and memberships in one transaction. */
export async function replacePersonas(
  db: Db,
  orgId: string,
  list: {
    persona: typeof personas.$inferInsert;
    members: { customerId: string; distance: number }[];
  }[],
) {
  await db.transaction(async (tx) => {
    await tx.delete(personas).where(eq(personas.orgId, orgId));
    for (const { persona, members } of list) {
      const [row] = await tx.insert(personas).values(persona).returning({ id: personas.id });
      for (let i = 0; i < members.length; i += 2000) {
        await tx.insert(customerPersonas).values(
          members.slice(i, i + 2000).map((m) => ({
            orgId,
            customerId: m.customerId,
            personaId: row!.id,
            distance: m.distance,
          })),
        );
      }
    }
  });
}

export async function listPersonas(db: Db, orgId: string) {
  return db.select().from(personas).where(eq(personas.orgId, orgId)).orderBy(asc(personas.rank));
}

export async function findCustomerPersona(db: Db, orgId: string, customerId: string) {
  const [row] = await db
    .select({ persona: personas, distance: customerPersonas.distance })
    .from(customerPersonas)
    .innerJoin(
      personas,
      and(eq(personas.orgId, customerPersonas.orgId), eq(personas.id, customerPersonas.personaId)),
    )
    .where(and(eq(customerPersonas.orgId, orgId), eq(customerPersonas.customerId, customerId)));
  return row ?? null;
}

export async function customerExists(db: Db, orgId: string, customerId: string) {
  const rows = await queryRows<{ one: number }>(
    db,
    sql`select 1 as one from customers where org_id = ${orgId} and id = ${customerId}`,
  );
  return rows.length > 0;
}

/**
 * Organizations whose personas are missing or older than their newest analysis, and either older
 * than `olderThan` or computed while under 90 % of their customers had analysed conversations; or
 * older than a change to the contact reasons their needs are named by (a re-fit, rename or merge).
 */
export async function findStaleOrgs(db: Db, olderThan: Date) {
  const rows = await queryRows<{ id: string }>(
    db,
    sql`select o.id from organizations o
        cross join lateral (select coalesce(max(p.computed_at), '-infinity') as at
                            from personas p where p.org_id = o.id) computed
        where exists (select 1 from conversations c where c.org_id = o.id and c.customer_id is not null)
          and (((computed.at < ${olderThan}
                 or exists (select 1 from personas p where p.org_id = o.id
                            and (p.profile->>'analysedShare')::float8 < 0.9))
                and computed.at
                    < coalesce((select max(a.analyzed_at) from conversation_analyses a where a.org_id = o.id),
                               (select max(c.created_at) from conversations c where c.org_id = o.id)))
               -- Needs are named by contact reasons: re-fitted, renamed or merged since, recompute.
               or computed.at < (select max(r.updated_at) from contact_reasons r where r.org_id = o.id))`,
  );
  return rows.map((r) => r.id);
}
