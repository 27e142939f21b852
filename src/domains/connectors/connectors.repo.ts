import { and, desc, eq, lt } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { webhookDeliveries, webhookSources } from "../../db/schema/index.ts";

/** Columns safe to return to admins: everything but the sealed secret. */
const publicColumns = {
  id: webhookSources.id,
  name: webhookSources.name,
  source: webhookSources.source,
  mapping: webhookSources.mapping,
  enabled: webhookSources.enabled,
  createdAt: webhookSources.createdAt,
};

export async function listWebhookSources(db: Db, orgId: string) {
  return db
    .select(publicColumns)
    .from(webhookSources)
    .where(eq(webhookSources.orgId, orgId))
    .orderBy(desc(webhookSources.createdAt));
}

export async function findWebhookSourceBySource(db: Db, orgId: string, source: string) {
  const [row] = await db
    .select({ id: webhookSources.id })
    .from(webhookSources)
    .where(and(eq(webhookSources.orgId, orgId), eq(webhookSources.source, source)));
  return row ?? null;
}

export async function insertWebhookSource(
  db: Db,
  row: {
    orgId: string;
    name: string;
    source: string;
    secretEnc: string;
    mapping: Record<string, unknown>;
  },
) {
  const [created] = await db
    .insert(webhookSources)
    .values(row)
    .onConflictDoNothing()
    .returning(publicColumns);
  return created ?? null;
}

export async function updateWebhookSource(
  db: Db,
  orgId: string,
  id: string,
  patch: { name?: string; mapping?: Record<string, unknown>; enabled?: boolean },
) {
  const [row] = await db
    .update(webhookSources)
    .set({ ...patch, updatedAt: new Date() })
    .where(and(eq(webhookSources.orgId, orgId), eq(webhookSources.id, id)))
    .returning(publicColumns);
  return row ?? null;
}

export async function deleteWebhookSource(db: Db, orgId: string, id: string): Promise<boolean> {
  const rows = await db
    .delete(webhookSources)
    .where(and(eq(webhookSources.orgId, orgId), eq(webhookSources.id, id)))
    .returning({ id: webhookSources.id });
  if (rows.length > 0) {
    await db
      .delete(webhookDeliveries)
      .where(and(eq(webhookDeliveries.orgId, orgId), eq(webhookDeliveries.sourceId, id)));
  }
  return rows.length > 0;
}

/**
 * A source by id alone, for the public receiving route (the URL carries no organization). Source
 * ids are random UUIDs; the table is small (a few sources per organization).
 */
export async function findWebhookSourceForDelivery(db: Db, id: string) {
  const [row] = await db
    .select({
      orgId: webhookSources.orgId,
      id: webhookSources.id,
      source: webhookSources.source,
      secretEnc: webhookSources.secretEnc,
      mapping: webhookSources.mapping,
      enabled: webhookSources.enabled,
    })
    .from(webhookSources)
    .where(eq(webhookSources.id, id))
    .limit(1);
  return row ?? null;
}

/** Records a delivery id; false when it was recorded before (a replay). */
export async function recordDelivery(
  db: Db,
  orgId: string,
  sourceId: string,
  deliveryId: string,
): Promise<boolean> {
  const rows = await db
    .insert(webhookDeliveries)
    .values({ orgId, sourceId, deliveryId })
    .onConflictDoNothing()
    .returning({ deliveryId: webhookDeliveries.deliveryId });
  return rows.length > 0;
}

export async function deleteDeliveriesBefore(db: Db, before: Date): Promise<number> {
  const rows = await db
    .delete(webhookDeliveries)
    .where(lt(webhookDeliveries.receivedAt, before))
    .returning({ id: webhookDeliveries.deliveryId });
  return rows.length;
}
