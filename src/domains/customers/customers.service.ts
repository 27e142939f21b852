import type { Db } from "../../db/client.ts";
import { AppError } from "../../lib/errors.ts";
import { recordAudit, type Actor } from "../orgs/index.ts";
import * as repo from "./customers.repo.ts";
import type { CustomerExport } from "./customers.schemas.ts";

async function requireCustomer(db: Db, orgId: string, id: string) {
  const customer = await repo.findCustomer(db, orgId, id);
  if (!customer) throw new AppError("CUSTOMER_NOT_FOUND", { message: "No such customer" });
  return customer;
}

/** Everything stored about one customer, as JSON: the answer to a data-subject access request. */
export async function exportCustomer(db: Db, orgId: string, id: string): Promise<CustomerExport> {
  const customer = await requireCustomer(db, orgId, id);
  const identities = await repo.listIdentities(db, orgId, id);
  const convs = await repo.listConversationsOf(db, orgId, id);
  const conversationIds = convs.map((c) => c.conversation.id);
  const rows = await repo.listMessagesOf(db, orgId, conversationIds);
  const related = await repo.listRowsAbout(db, orgId, id, conversationIds);
  return {
    exportedAt: new Date().toISOString(),
    customer: {
      id: customer.id,
      name: customer.name,
      email: customer.email,
      createdAt: customer.createdAt.toISOString(),
    },
    identities,
    conversations: convs.map(({ conversation: c, analysis }) => ({
      id: c.id,
      externalId: c.externalId,
      source: c.source,
      channel: c.channel,
      status: c.status,
      subject: c.subject,
      startedAt: c.startedAt.toISOString(),
      endedAt: c.endedAt ? c.endedAt.toISOString() : null,
      metadata: c.metadata,
      analysis: analysis ?? null,
      messages: rows
        .filter((r) => r.message.conversationId === c.id)
        .map(({ message: m, analysis: a }) => ({
          seq: m.seq,
          role: m.role,
          text: m.text,
          rawText: m.rawText,
          ts: m.ts.toISOString(),
          analysis: a ?? null,
        })),
    })),
    related,
  };
}

/**
 * Erases a customer and everything about them. The audit entry keeps who erased which id and how
 * many conversations went, never a name, email or text.
 */
export async function eraseCustomer(
  db: Db,
  orgId: string,
  actor: Actor,
  id: string,
): Promise<{ conversations: number }> {
  await requireCustomer(db, orgId, id);
  const conversations = await repo.eraseCustomer(db, orgId, id);
  await recordAudit(
    db,
    orgId,
    actor,
    "customer.erased",
    { type: "customer", id },
    { conversations },
  );
  return { conversations };
}

/** The customer known in `source` as `externalId` (e.g. zendesk / 9001). */
export async function requireCustomerByIdentity(
  db: Db,
  orgId: string,
  source: string,
  externalId: string,
): Promise<string> {
  const id = await repo.findCustomerIdByIdentity(db, orgId, source, externalId);
  if (!id)
    throw new AppError("CUSTOMER_NOT_FOUND", { message: `No customer ${source}/${externalId}` });
  return id;
}
