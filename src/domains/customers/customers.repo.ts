import { and, asc, eq, inArray } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
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

/**
 * Deletes a customer and everything about them in one transaction: their conversations (whose
 * messages, message analyses, conversation analyses and participants go with them, by trigger and
 * cascade), their participation in other conversations, their identities, and the customer.
 */
export async function eraseCustomer(db: Db, orgId: string, customerId: string): Promise<number> {
  return db.transaction(async (tx) => {
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
