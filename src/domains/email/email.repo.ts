import { and, asc, eq, sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { mailboxes } from "../../db/schema/index.ts";

export type MailboxRow = typeof mailboxes.$inferSelect;

/** Every column but the sealed password, for answers that leave the server. */
const publicColumns = {
  id: mailboxes.id,
  name: mailboxes.name,
  address: mailboxes.address,
  host: mailboxes.host,
  port: mailboxes.port,
  secure: mailboxes.secure,
  username: mailboxes.username,
  folder: mailboxes.folder,
  enabled: mailboxes.enabled,
  uidValidity: mailboxes.uidValidity,
  lastUid: mailboxes.lastUid,
  lastPolledAt: mailboxes.lastPolledAt,
  lastError: mailboxes.lastError,
  purpose: mailboxes.purpose,
  createdAt: mailboxes.createdAt,
};

export async function listMailboxes(db: Db, orgId: string) {
  return db
    .select(publicColumns)
    .from(mailboxes)
    .where(eq(mailboxes.orgId, orgId))
    .orderBy(asc(mailboxes.name));
}

export async function findMailbox(db: Db, orgId: string, id: string): Promise<MailboxRow | null> {
  const rows = await db
    .select()
    .from(mailboxes)
    .where(and(eq(mailboxes.orgId, orgId), eq(mailboxes.id, id)))
    .limit(1);
  return rows[0] ?? null;
}

export async function findPublicMailbox(db: Db, orgId: string, id: string) {
  const rows = await db
    .select(publicColumns)
    .from(mailboxes)
    .where(and(eq(mailboxes.orgId, orgId), eq(mailboxes.id, id)))
    .limit(1);
  return rows[0] ?? null;
}

export async function insertMailbox(
  db: Db,
  values: Omit<
    typeof mailboxes.$inferInsert,
    "id" | "createdAt" | "updatedAt" | "lastUid" | "uidValidity"
  >,
) {
  const rows = await db.insert(mailboxes).values(values).returning(publicColumns);
  return rows[0]!;
}

export async function updateMailbox(
  db: Db,
  orgId: string,
  id: string,
  patch: { name?: string; passwordEnc?: string; enabled?: boolean; lastError?: null },
) {
  const rows = await db
    .update(mailboxes)
    .set({ ...patch, updatedAt: new Date() })
    .where(and(eq(mailboxes.orgId, orgId), eq(mailboxes.id, id)))
    .returning(publicColumns);
  return rows[0] ?? null;
}

export async function deleteMailbox(db: Db, orgId: string, id: string): Promise<boolean> {
  const rows = await db
    .delete(mailboxes)
    .where(and(eq(mailboxes.orgId, orgId), eq(mailboxes.id, id)))
    .returning({ id: mailboxes.id });
  return rows.length > 0;
}

/** The organization's own addresses: mail from them is an agent's reply. */
export async function listMailboxAddresses(db: Db, orgId: string): Promise<string[]> {
  const rows = await db
    .select({ address: mailboxes.address })
    .from(mailboxes)
    .where(eq(mailboxes.orgId, orgId));
  return rows.map((r) => r.address);
}

/** The addresses whose mail is a complaint to management (mailboxes with purpose `escalation`). */
export async function listEscalationAddresses(db: Db, orgId: string): Promise<string[]> {
  const rows = await db
    .select({ address: mailboxes.address })
    .from(mailboxes)
    .where(and(eq(mailboxes.orgId, orgId), eq(mailboxes.purpose, "escalation")));
  return rows.map((r) => r.address);
}

/** Enabled mailboxes of every organization, for the periodic poll (a system job). */
export async function listEnabledMailboxes(db: Db): Promise<{ orgId: string; id: string }[]> {
  return db
    .select({ orgId: mailboxes.orgId, id: mailboxes.id })
    .from(mailboxes)
    .where(eq(mailboxes.enabled, true))
    .orderBy(asc(mailboxes.orgId), asc(mailboxes.id));
}

/**
 * Advances the poll position; called only after the batch up to `lastUid` was ingested. Within one
 * UIDVALIDITY it never moves back, so a slow poll overtaken by another (lease expiry) cannot undo
 * progress; a new UIDVALIDITY replaces it outright.
 */
export async function saveMailboxPosition(
  db: Db,
  orgId: string,
  id: string,
  position: { uidValidity: string; lastUid: number },
): Promise<void> {
  await db
    .update(mailboxes)
    .set({
      uidValidity: position.uidValidity,
      lastUid: sql`case when ${mailboxes.uidValidity} = ${position.uidValidity} then greatest(${mailboxes.lastUid}, ${position.lastUid}) else ${position.lastUid} end`,
      updatedAt: new Date(),
    })
    .where(and(eq(mailboxes.orgId, orgId), eq(mailboxes.id, id)));
}

export async function recordMailboxPoll(
  db: Db,
  orgId: string,
  id: string,
  lastError: string | null,
): Promise<void> {
  const now = new Date();
  await db
    .update(mailboxes)
    .set({ lastPolledAt: now, lastError, updatedAt: now })
    .where(and(eq(mailboxes.orgId, orgId), eq(mailboxes.id, id)));
}
