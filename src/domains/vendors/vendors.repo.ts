import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { queryRows, type Db } from "../../db/client.ts";
import {
  teams,
  vendorContracts,
  vendorMetricImports,
  vendors,
  vendorTeams,
} from "../../db/schema/index.ts";

export type VendorRow = typeof vendors.$inferSelect;
export type ContractRow = typeof vendorContracts.$inferSelect;

export async function listVendors(db: Db, orgId: string) {
  return db.select().from(vendors).where(eq(vendors.orgId, orgId)).orderBy(asc(vendors.name));
}

export async function findVendor(db: Db, orgId: string, id: string) {
  const [row] = await db
    .select()
    .from(vendors)
    .where(and(eq(vendors.orgId, orgId), eq(vendors.id, id)));
  return row ?? null;
}

export async function insertVendor(db: Db, orgId: string, name: string) {
  const [row] = await db.insert(vendors).values({ orgId, name }).onConflictDoNothing().returning();
  return row ?? null;
}

export async function renameVendor(db: Db, orgId: string, id: string, name: string) {
  const [row] = await db
    .update(vendors)
    .set({ name, updatedAt: new Date() })
    .where(and(eq(vendors.orgId, orgId), eq(vendors.id, id)))
    .returning();
  return row ?? null;
}

export async function findVendorByName(db: Db, orgId: string, name: string) {
  const [row] = await db
    .select()
    .from(vendors)
    .where(and(eq(vendors.orgId, orgId), eq(vendors.name, name)));
  return row ?? null;
}

/** Teams of the organization among `ids` (unknown ids are simply absent). */
export async function findTeams(db: Db, orgId: string, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return db
    .select({ id: teams.id, name: teams.name })
    .from(teams)
    .where(and(eq(teams.orgId, orgId), inArray(teams.id, [...ids])));
}

/** Owners of these teams other than `vendorId`: a team belongs to one vendor. */
export async function findOtherOwners(db: Db, orgId: string, vendorId: string, teamIds: string[]) {
  if (teamIds.length === 0) return [];
  return db
    .select({ teamId: vendorTeams.teamId, vendorId: vendorTeams.vendorId })
    .from(vendorTeams)
    .where(
      and(
        eq(vendorTeams.orgId, orgId),
        inArray(vendorTeams.teamId, teamIds),
        sql`${vendorTeams.vendorId} <> ${vendorId}`,
      ),
    );
}

export async function replaceVendorTeams(
  db: Db,
  orgId: string,
  vendorId: string,
  teamIds: string[],
) {
  await db
    .delete(vendorTeams)
    .where(and(eq(vendorTeams.orgId, orgId), eq(vendorTeams.vendorId, vendorId)));
  if (teamIds.length > 0)
    await db.insert(vendorTeams).values(teamIds.map((teamId) => ({ orgId, vendorId, teamId })));
}

export async function listVendorTeams(db: Db, orgId: string) {
  return db
    .select({ vendorId: vendorTeams.vendorId, id: teams.id, name: teams.name })
    .from(vendorTeams)
    .innerJoin(teams, and(eq(teams.orgId, vendorTeams.orgId), eq(teams.id, vendorTeams.teamId)))
    .where(eq(vendorTeams.orgId, orgId))
    .orderBy(asc(teams.name));
}

export async function listContracts(db: Db, orgId: string) {
  return db
    .select()
    .from(vendorContracts)
    .where(eq(vendorContracts.orgId, orgId))
    .orderBy(asc(vendorContracts.startsOn));
}

export async function insertContract(db: Db, values: typeof vendorContracts.$inferInsert) {
  const [row] = await db.insert(vendorContracts).values(values).returning();
  return row!;
}

/** The contract in effect in `month` (YYYY-MM-01): the latest that started by then and has not ended. */
export async function findContractFor(db: Db, orgId: string, vendorId: string, month: string) {
  const [row] = await db
    .select()
    .from(vendorContracts)
    .where(
      and(
        eq(vendorContracts.orgId, orgId),
        eq(vendorContracts.vendorId, vendorId),
        sql`${vendorContracts.startsOn} <= ${month}::date`,
        sql`(${vendorContracts.endsOn} is null or ${vendorContracts.endsOn} >= ${month}::date)`,
      ),
    )
    .orderBy(sql`${vendorContracts.startsOn} desc`)
    .limit(1);
  return row ?? null;
}

export async function upsertImports(
  db: Db,
  rows: { orgId: string; vendorId: string; month: string; metric: string; value: number }[],
) {
  if (rows.length === 0) return;
  await db
    .insert(vendorMetricImports)
    .values(rows)
    .onConflictDoUpdate({
      target: [
        vendorMetricImports.orgId,
        vendorMetricImports.vendorId,
        vendorMetricImports.month,
        vendorMetricImports.metric,
      ],
      set: { value: sql`excluded.value`, updatedAt: new Date() },
    });
}

export async function findImports(db: Db, orgId: string, vendorId: string, month: string) {
  return db
    .select({ metric: vendorMetricImports.metric, value: vendorMetricImports.value })
    .from(vendorMetricImports)
    .where(
      and(
        eq(vendorMetricImports.orgId, orgId),
        eq(vendorMetricImports.vendorId, vendorId),
        sql`${vendorMetricImports.month} = ${month}::date`,
      ),
    );
}

export interface OwnFigures {
  conversations: number;
  qa_score: number | null;
  qa_n: number;
  satisfaction: number | null;
  satisfaction_n: number;
  fcr: number | null;
  fcr_n: number;
}

/**
 * The month's figures from Rapport's own data for the vendor's teams: mean QA score of evaluations
 * of its conversations, CSAT (share of answers 4–5) of its survey responses, and first-contact
 * resolution (conversations whose customer did not start another within 7 days).
 */
export async function ownFigures(db: Db, orgId: string, vendorId: string, from: Date, to: Date) {
  const [row] = await queryRows<OwnFigures>(
    db,
    sql`with vt as (select team_id from vendor_teams where org_id = ${orgId} and vendor_id = ${vendorId}),
        conv as (select id, customer_id, started_at from conversations
                 where org_id = ${orgId} and team_id in (select team_id from vt)
                   and started_at >= ${from} and started_at < ${to}),
        qa as (select avg(e.score) as v, count(e.score)::int as n from qa_evaluations e
               where e.org_id = ${orgId} and e.conversation_id in (select id from conv)),
        sat as (select 100.0 * avg(case when r.score >= 4 then 1 else 0 end) as v, count(*)::int as n
                from survey_responses r join surveys s on s.org_id = r.org_id and s.id = r.survey_id
                where r.org_id = ${orgId} and s.type = 'csat' and r.score is not null
                  and r.team_id in (select team_id from vt)
                  and r.created_at >= ${from} and r.created_at < ${to}),
        fcr as (select 100.0 * avg(case when exists (
                   select 1 from conversations o where o.org_id = ${orgId} and o.customer_id = c.customer_id
                     and o.id <> c.id and o.started_at > c.started_at
                     and o.started_at <= c.started_at + interval '7 days') then 0 else 1 end) as v,
                   count(*)::int as n
                from conv c where c.customer_id is not null)
        select (select count(*)::int from conv) as conversations,
               qa.v as qa_score, qa.n as qa_n, sat.v as satisfaction, sat.n as satisfaction_n,
               fcr.v as fcr, fcr.n as fcr_n
        from qa, sat, fcr`,
  );
  return row!;
}

export async function listOrgTeams(db: Db, orgId: string) {
  return db.select({ id: teams.id, name: teams.name }).from(teams).where(eq(teams.orgId, orgId));
}
