import {
  and,
  desc,
  eq,
  getTableColumns,
  gte,
  inArray,
  isNotNull,
  isNull,
  lt,
  notInArray,
  or,
  sql,
  type SQL,
} from "drizzle-orm";
import { queryRows, type Db, uuids } from "../../db/client.ts";
import { keysetAt, pastKeyset } from "../../lib/cursor.ts";
import { hasContactReason } from "../conversations/index.ts";
import {
  caseClocks,
  caseConversations,
  cases,
  type CaseSource,
  type Channel,
  type CaseStatus,
  type EscalationLevel,
} from "../../db/schema/index.ts";

/** What the clock engine derives from a case's history, stored in `case_clocks`. */
const CLOCK_FIELDS = [
  "firstResponseDueAt",
  "resolutionDueAt",
  "firstRespondedAt",
  "atRiskAt",
  "breachedAt",
  "clockState",
  "nextCheckAt",
] as const;
export type CaseClocks = Pick<typeof caseClocks.$inferSelect, (typeof CLOCK_FIELDS)[number]>;
/** A case with its stored clocks (nulls and an empty state before they were first computed). */
export type CaseRow = typeof cases.$inferSelect & CaseClocks;
export type NewCase = typeof cases.$inferInsert;
/** A change to a case: its own columns and/or its clocks. */
export type CasePatch = Partial<NewCase & CaseClocks>;

const OPEN: CaseStatus[] = ["resolved", "closed"];

/**
 * A case row with its clocks. `updatedAt` is the later of the two rows' so a case whose clocks
 * moved reads as updated, as when they were stored on the case row.
 */
const caseWithClocks = {
  ...getTableColumns(cases),
  firstResponseDueAt: caseClocks.firstResponseDueAt,
  resolutionDueAt: caseClocks.resolutionDueAt,
  firstRespondedAt: caseClocks.firstRespondedAt,
  atRiskAt: caseClocks.atRiskAt,
  breachedAt: caseClocks.breachedAt,
  clockState: sql`coalesce(${caseClocks.clockState}, '[]'::json)`.mapWith(caseClocks.clockState),
  nextCheckAt: caseClocks.nextCheckAt,
  updatedAt: sql`greatest(${cases.updatedAt}, ${caseClocks.updatedAt})`.mapWith(cases.updatedAt),
};

const clocksOfCase = and(eq(caseClocks.orgId, cases.orgId), eq(caseClocks.caseId, cases.id));

function selectCases(db: Db) {
  return db.select(caseWithClocks).from(cases).leftJoin(caseClocks, clocksOfCase);
}

/** Merges a case row with its clocks row (absent before the clocks were first computed). */
function withClocks(
  row: typeof cases.$inferSelect,
  clocks: typeof caseClocks.$inferSelect | undefined,
): CaseRow {
  return {
    ...row,
    firstResponseDueAt: clocks?.firstResponseDueAt ?? null,
    resolutionDueAt: clocks?.resolutionDueAt ?? null,
    firstRespondedAt: clocks?.firstRespondedAt ?? null,
    atRiskAt: clocks?.atRiskAt ?? null,
    breachedAt: clocks?.breachedAt ?? null,
    clockState: clocks?.clockState ?? [],
    nextCheckAt: clocks?.nextCheckAt ?? null,
    updatedAt: clocks && clocks.updatedAt > row.updatedAt ? clocks.updatedAt : row.updatedAt,
  };
}

/** A patch's clock fields (undefined when it has none) and the rest. */
function splitPatch(patch: CasePatch): { clocks?: Partial<CaseClocks>; rest: Partial<NewCase> } {
  const rest: Record<string, unknown> = { ...patch };
  const clocks: Record<string, unknown> = {};
  for (const f of CLOCK_FIELDS) {
    if (rest[f] !== undefined) clocks[f] = rest[f];
    delete rest[f];
  }
  return Object.keys(clocks).length > 0 ? { clocks, rest } : { rest };
}

/** Stores a case's clocks (the row is created the first time). */
async function saveClocks(db: Db, orgId: string, caseId: string, clocks: Partial<CaseClocks>) {
  const [row] = await db
    .insert(caseClocks)
    .values({ orgId, caseId, ...clocks })
    .onConflictDoUpdate({
      target: [caseClocks.orgId, caseClocks.caseId],
      set: { ...clocks, updatedAt: new Date() },
    })
    .returning();
  return row!;
}

async function findClocks(db: Db, orgId: string, caseId: string) {
  const [row] = await db
    .select()
    .from(caseClocks)
    .where(and(eq(caseClocks.orgId, orgId), eq(caseClocks.caseId, caseId)));
  return row;
}

/** Inserts a case; null when it conflicts with the one automatic case of its conversation. */
export async function insertCase(db: Db, values: NewCase): Promise<CaseRow | null> {
  const [row] = await db.insert(cases).values(values).onConflictDoNothing().returning();
  return row ? withClocks(row, undefined) : null;
}

export async function findCase(db: Db, orgId: string, id: string): Promise<CaseRow | null> {
  const [row] = await selectCases(db).where(and(eq(cases.orgId, orgId), eq(cases.id, id)));
  return row ?? null;
}

/** The case row, locked until the transaction ends: events are appended behind this lock. */
export async function lockCase(db: Db, orgId: string, id: string): Promise<CaseRow | null> {
  const [row] = await selectCases(db)
    .where(and(eq(cases.orgId, orgId), eq(cases.id, id)))
    .for("update", { of: cases });
  return row ?? null;
}

export async function findCaseByReference(db: Db, reference: string): Promise<CaseRow | null> {
  const [row] = await selectCases(db).where(eq(cases.reference, reference));
  return row ?? null;
}

/** The automatic cases of these conversations, by conversation id (one statement for a batch). */
export async function findAutoCases(
  db: Db,
  orgId: string,
  conversationIds: readonly string[],
  source: "conversation" | "survey" = "conversation",
): Promise<Map<string, CaseRow>> {
  if (conversationIds.length === 0) return new Map();
  const rows = await selectCases(db).where(
    and(
      eq(cases.orgId, orgId),
      sql`${cases.conversationId} = any(${uuids(conversationIds)})`,
      eq(cases.source, source),
    ),
  );
  return new Map(rows.map((r) => [r.conversationId!, r]));
}

/** One conversation's automatic case, or null. */
export async function findAutoCase(
  db: Db,
  orgId: string,
  conversationId: string,
  source: "conversation" | "survey" = "conversation",
) {
  return (await findAutoCases(db, orgId, [conversationId], source)).get(conversationId) ?? null;
}

/** Applies `patch` only when the stored version is `version`; null when it is not (or no case). */
export async function updateCaseVersioned(
  db: Db,
  orgId: string,
  id: string,
  version: number,
  patch: CasePatch,
): Promise<CaseRow | null> {
  const { clocks, rest } = splitPatch(patch);
  const [row] = await db
    .update(cases)
    .set({ ...rest, version: sql`${cases.version} + 1`, updatedAt: new Date() })
    .where(and(eq(cases.orgId, orgId), eq(cases.id, id), eq(cases.version, version)))
    .returning();
  if (!row) return null;
  return withClocks(
    row,
    clocks ? await saveClocks(db, orgId, id, clocks) : await findClocks(db, orgId, id),
  );
}

/** Applies `patch`; a patch of clocks alone leaves the case row as it is. */
export async function updateCase(db: Db, orgId: string, id: string, patch: CasePatch) {
  const { clocks, rest } = splitPatch(patch);
  const saved = clocks ? await saveClocks(db, orgId, id, clocks) : undefined;
  if (saved && Object.keys(rest).length === 0) return (await findCase(db, orgId, id))!;
  const [row] = await db
    .update(cases)
    .set({ ...rest, updatedAt: new Date() })
    .where(and(eq(cases.orgId, orgId), eq(cases.id, id)))
    .returning();
  return withClocks(row!, saved ?? (await findClocks(db, orgId, id)));
}

export interface CaseFilter {
  orgId: string;
  conversationId?: string | undefined;
  reference?: string | undefined;
  status?: CaseStatus | undefined;
  escalationLevel?: EscalationLevel | undefined;
  source?: CaseSource | undefined;
  openOnly?: boolean | undefined;
  teamId?: string | undefined;
  channel?: Channel | undefined;
  category?: string | undefined;
  /** Contact reason of the case's conversation. */
  reasonId?: string | undefined;
  breached?: boolean | undefined;
  authorityOption?: string | undefined;
  openedFrom?: Date | undefined;
  openedTo?: Date | undefined;
  resolvedFrom?: Date | undefined;
  minutes?: { field: "firstResponseMinutes" | "resolutionMinutes"; from?: number; to?: number };
  /**
   * The last row of the previous page: its opened_at to the microsecond (ISO text), its id. Lists
   * are newest opened first: a case opened from an imported conversation is created now but opened
   * when the customer complained.
   */
  before?: { at: string; id: string } | undefined;
  limit: number;
}

/** The case reports' drill-down filters (each bar of a chart is a list of cases). */
function drillDown(f: CaseFilter): (SQL | undefined)[] {
  const m = f.minutes;
  const minutes = m ? sql`(${cases.rolledUp}->>${m.field})::float8` : undefined;
  return [
    f.teamId ? eq(cases.teamId, f.teamId) : undefined,
    f.channel ? eq(cases.channel, f.channel) : undefined,
    f.category ? eq(cases.category, f.category) : undefined,
    f.reasonId
      ? hasContactReason(sql`${cases.orgId}`, sql`${cases.conversationId}`, f.reasonId)
      : undefined,
    f.breached === undefined
      ? undefined
      : f.breached
        ? isNotNull(caseClocks.breachedAt)
        : isNull(caseClocks.breachedAt),
    f.authorityOption
      ? sql`exists (select 1 from case_events e where e.org_id = ${cases.orgId} and e.case_id = ${cases.id}
              and e.type = 'authority_used' and e.data->>'option' = ${f.authorityOption})`
      : undefined,
    f.openedFrom ? gte(cases.openedAt, f.openedFrom) : undefined,
    f.openedTo ? lt(cases.openedAt, f.openedTo) : undefined,
    f.resolvedFrom
      ? sql`coalesce(${cases.resolvedAt}, ${cases.closedAt}) >= ${f.resolvedFrom}`
      : undefined,
    minutes && m?.from !== undefined ? sql`${minutes} >= ${m.from}` : undefined,
    minutes && m?.to !== undefined ? sql`${minutes} < ${m.to}` : undefined,
    minutes ? isNotNull(cases.rolledUp) : undefined,
  ];
}

/** A listed case, with its opened_at to the microsecond for a page's cursor (a Date keeps ms). */
export type ListedCase = CaseRow & { cursorAt: string };

export async function listCases(db: Db, f: CaseFilter): Promise<ListedCase[]> {
  const conditions: (SQL | undefined)[] = [
    eq(cases.orgId, f.orgId),
    f.conversationId
      ? or(
          eq(cases.conversationId, f.conversationId),
          inArray(
            cases.id,
            db
              .select({ id: caseConversations.caseId })
              .from(caseConversations)
              .where(
                and(
                  eq(caseConversations.orgId, f.orgId),
                  eq(caseConversations.conversationId, f.conversationId),
                ),
              ),
          ),
        )
      : undefined,
    f.reference ? eq(cases.reference, f.reference) : undefined,
    f.status ? eq(cases.status, f.status) : undefined,
    f.escalationLevel ? eq(cases.escalationLevel, f.escalationLevel) : undefined,
    f.source ? eq(cases.source, f.source) : undefined,
    f.openOnly ? notInArray(cases.status, OPEN) : undefined,
    ...drillDown(f),
    f.before ? pastKeyset(cases.openedAt, cases.id, f.before) : undefined,
  ];
  return db
    .select({
      ...caseWithClocks,
      cursorAt: keysetAt(cases.openedAt),
    })
    .from(cases)
    .leftJoin(caseClocks, clocksOfCase)
    .where(and(...conditions))
    .orderBy(desc(cases.openedAt), desc(cases.id))
    .limit(f.limit);
}

/** Open cases whose next escalation check is due, across organizations (the job's scan). */
export async function findDueForCheck(db: Db, now: Date, limit: number) {
  return queryRows<{ org_id: string; id: string }>(
    db,
    sql`select c.org_id, c.id from case_clocks k join cases c on c.org_id = k.org_id and c.id = k.case_id
        where k.next_check_at <= ${now} and c.status not in ('resolved', 'closed')
        order by k.next_check_at limit ${limit}`,
  );
}

/** Which of these ids exist in this organization (for 404s before a foreign key would 500). */
export async function missingRefs(
  db: Db,
  orgId: string,
  refs: { customerId?: string | null; teamId?: string | null; conversationId?: string | null },
): Promise<string[]> {
  const checks: [string, string | null | undefined, string][] = [
    ["customerId", refs.customerId, "customers"],
    ["teamId", refs.teamId, "teams"],
    ["conversationId", refs.conversationId, "conversations"],
  ];
  const missing: string[] = [];
  for (const [field, id, table] of checks) {
    if (!id) continue;
    const rows = await queryRows<{ one: number }>(
      db,
      sql`select 1 as one from ${sql.identifier(table)} where org_id = ${orgId} and id = ${id}`,
    );
    if (rows.length === 0) missing.push(field);
  }
  return missing;
}

/**
 * Cases resolved or closed at or after `since` that are linked to a conversation, oldest first:
 * what a "complaint case closed" survey is sent about.
 */
export async function findCasesFinishedSince(db: Db, orgId: string, since: Date, limit: number) {
  const finishedAt = sql<Date>`coalesce(${cases.resolvedAt}, ${cases.closedAt})`;
  return db
    .select({
      id: cases.id,
      conversationId: cases.conversationId,
      category: cases.category,
      finishedAt,
    })
    .from(cases)
    .where(
      and(
        eq(cases.orgId, orgId),
        inArray(cases.status, ["resolved", "closed"]),
        isNotNull(cases.conversationId),
        sql`${finishedAt} >= ${since.toISOString()}::timestamptz`,
      ),
    )
    .orderBy(finishedAt)
    .limit(limit);
}

/** Of these customers, those with a case still open (not resolved or closed). */
export async function findCustomersWithOpenCases(
  db: Db,
  orgId: string,
  customerIds: readonly string[],
): Promise<string[]> {
  if (customerIds.length === 0) return [];
  const rows = await db
    .selectDistinct({ id: cases.customerId })
    .from(cases)
    .where(
      and(
        eq(cases.orgId, orgId),
        // One array parameter, not one parameter per id (a batch of decisions asks for thousands).
        sql`${cases.customerId} = any(${uuids(customerIds)})`,
        notInArray(cases.status, ["resolved", "closed"]),
      ),
    );
  return rows.flatMap((r) => (r.id ? [r.id] : []));
}
