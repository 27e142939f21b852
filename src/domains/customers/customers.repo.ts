import { and, asc, eq, inArray, sql, type SQL } from "drizzle-orm";
import { listTablesInDependencyOrder, listTablesWithColumns } from "../../db/catalog.ts";
import { queryRows, type Db, uuids } from "../../db/client.ts";
import {
  conversationAnalyses,
  conversationParticipants,
  conversations,
  customerIdentities,
  customers,
  messageAnalyses,
  messages,
} from "../../db/schema/index.ts";

export async function findCustomer(db: Db, orgId: string, id: string) {
  const [row] = await db
    .select()
    .from(customers)
    .where(and(eq(customers.orgId, orgId), eq(customers.id, id)));
  return row ?? null;
}

export async function listIdentities(db: Db, orgId: string, customerId: string) {
  return db
    .select({ source: customerIdentities.source, externalId: customerIdentities.externalId })
    .from(customerIdentities)
    .where(and(eq(customerIdentities.orgId, orgId), eq(customerIdentities.customerId, customerId)));
}

export async function listConversationsOf(db: Db, orgId: string, customerId: string) {
  return db
    .select({ conversation: conversations, analysis: conversationAnalyses.result })
    .from(conversations)
    .leftJoin(
      conversationAnalyses,
      and(
        eq(conversationAnalyses.orgId, conversations.orgId),
        eq(conversationAnalyses.conversationId, conversations.id),
      ),
    )
    .where(and(eq(conversations.orgId, orgId), eq(conversations.customerId, customerId)))
    .orderBy(asc(conversations.startedAt));
}

export async function listMessagesOf(db: Db, orgId: string, conversationIds: string[]) {
  if (conversationIds.length === 0) return [];
  return db
    .select({ message: messages, analysis: messageAnalyses.result })
    .from(messages)
    .leftJoin(
      messageAnalyses,
      and(eq(messageAnalyses.orgId, messages.orgId), eq(messageAnalyses.messageId, messages.id)),
    )
    .where(and(eq(messages.orgId, orgId), inArray(messages.conversationId, conversationIds)))
    .orderBy(asc(messages.conversationId), asc(messages.seq));
}

/** Tables the export already lays out itself, or that hold nothing of the customer's. */
const EXPORTED_APART = new Set([
  "customers",
  "customer_identities",
  "conversations",
  "conversation_participants",
  "messages",
  "message_analyses",
  "conversation_analyses",
  "audit_log",
  "jobs",
]);

/**
 * For each table, parents first, the condition that picks its rows about the customer or one of the
 * conversations (`customer_id`, `conversation_id` columns; job payloads naming a conversation):
 * survey answers, cases, evaluations and whatever domain comes next, without this code knowing them.
 */
async function rowsAboutByTable(
  db: Db,
  customerId: string,
  conversationIds: string[],
): Promise<{ table: string; about: SQL }[]> {
  const byCustomer = await listTablesWithColumns(db, ["org_id", "customer_id"]);
  const byConversation = await listTablesWithColumns(db, ["org_id", "conversation_id"]);
  const found: { table: string; about: SQL }[] = [];
  for (const table of await listTablesInDependencyOrder(db)) {
    const about: SQL[] = [];
    if (byCustomer.has(table)) about.push(sql`customer_id = ${customerId}`);
    if (byConversation.has(table) && conversationIds.length > 0) {
      about.push(sql`conversation_id = any(${uuids(conversationIds)})`);
    }
    // Jobs name conversations inside their payloads (analysis, QA, survey and case events).
    if (table === "jobs" && conversationIds.length > 0) {
      about.push(sql`exists (select 1 from unnest(${sql.param(conversationIds)}::text[]) as c(id)
                             where jobs.payload::text like '%' || c.id || '%')`);
    }
    if (about.length > 0) found.push({ table, about: sql.join(about, sql` or `) });
  }
  return found;
}

/** Every row, by table, of the other tables that name the customer or one of the conversations. */
export async function listRowsAbout(
  db: Db,
  orgId: string,
  customerId: string,
  conversationIds: string[],
): Promise<Record<string, Record<string, unknown>[]>> {
  const related: Record<string, Record<string, unknown>[]> = {};
  for (const { table, about } of await rowsAboutByTable(db, customerId, conversationIds)) {
    if (EXPORTED_APART.has(table)) continue;
    const rows = await queryRows<Record<string, unknown>>(
      db,
      sql`select * from ${sql.identifier(table)} where org_id = ${orgId} and (${about})`,
    );
    if (rows.length > 0) related[table] = rows;
  }
  return related;
}

/** Kept through an erasure: the audit trail (it holds ids, no personal data). */
const NEVER_SWEPT = new Set(["audit_log", "customers", "conversations"]);

/** Deletes, children first, every row of any table about the customer (see rowsAboutByTable). */
async function sweepRowsAbout(
  tx: Db,
  orgId: string,
  customerId: string,
  conversationIds: string[],
): Promise<void> {
  const tables = (await rowsAboutByTable(tx, customerId, conversationIds)).reverse();
  for (const { table, about } of tables) {
    if (NEVER_SWEPT.has(table)) continue;
    await tx.execute(
      sql`delete from ${sql.identifier(table)} where org_id = ${orgId} and (${about})`,
    );
  }
}

/**
 * Deletes a customer and everything about them in one transaction: every row of every table that
 * names them or one of their conversations (see sweepRowsAbout), their conversations (whose
 * messages go with them by trigger), their identities, and the customer.
 */
export async function eraseCustomer(db: Db, orgId: string, customerId: string): Promise<number> {
  return db.transaction(async (tx) => {
    const own = await tx
      .select({ id: conversations.id })
      .from(conversations)
      .where(and(eq(conversations.orgId, orgId), eq(conversations.customerId, customerId)));
    await sweepRowsAbout(
      tx,
      orgId,
      customerId,
      own.map((c) => c.id),
    );
    const gone = await tx
      .delete(conversations)
      .where(and(eq(conversations.orgId, orgId), eq(conversations.customerId, customerId)))
      .returning({ id: conversations.id });
    await tx
      .delete(conversationParticipants)
      .where(
        and(
          eq(conversationParticipants.orgId, orgId),
          eq(conversationParticipants.customerId, customerId),
        ),
      );
    await tx
      .delete(customerIdentities)
      .where(
        and(eq(customerIdentities.orgId, orgId), eq(customerIdentities.customerId, customerId)),
      );
    await tx.delete(customers).where(and(eq(customers.orgId, orgId), eq(customers.id, customerId)));
    return gone.length;
  });
}

export async function findCustomerIdByIdentity(
  db: Db,
  orgId: string,
  source: string,
  externalId: string,
): Promise<string | null> {
  const [row] = await db
    .select({ id: customerIdentities.customerId })
    .from(customerIdentities)
    .where(
      and(
        eq(customerIdentities.orgId, orgId),
        eq(customerIdentities.source, source),
        eq(customerIdentities.externalId, externalId),
      ),
    );
  return row?.id ?? null;
}
