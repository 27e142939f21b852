import { randomUUID } from "node:crypto";
import type { Db } from "../src/db/client.ts";
import { eq } from "drizzle-orm";
import {
  agents,
  contactReasons,
  conversationReasons,
  conversations,
  customers,
  memberships,
  messages,
  organizations,
  teams,
  users,
  type Channel,
  type RoleName,
} from "../src/db/schema/index.ts";
import { hashPassword } from "../src/domains/auth/index.ts";

export const TEST_PASSWORD = "correct horse battery";
let passwordHash: Promise<string> | undefined;

export interface TestOrg {
  orgId: string;
  slug: string;
  teamId: string;
  otherTeamId: string;
  /** One login per role; the agent login is linked to `agentId`. */
  users: Record<RoleName, { id: string; email: string }>;
  agentId: string;
  otherAgentId: string;
  /** Conversation handled by `agentId`, and one handled by `otherAgentId`. */
  conversationId: string;
  otherConversationId: string;
  /** The customer of both conversations. */
  customerId: string;
}

/** An organization with two teams, two agents, a login for every role and two conversations. */
export async function buildOrg(db: Db, slug = `org-${randomUUID().slice(0, 8)}`): Promise<TestOrg> {
  passwordHash ??= hashPassword(TEST_PASSWORD);
  const hash = await passwordHash;
  const [org] = await db
    .insert(organizations)
    .values({ slug, name: `Org ${slug}` })
    .returning();
  const orgId = org!.id;
  const [team, otherTeam] = await db
    .insert(teams)
    .values([
      { orgId, name: "Billing" },
      { orgId, name: "Delivery" },
    ])
    .returning();
  const roles: RoleName[] = ["admin", "leader", "qa", "agent", "exec"];
  const userRows = await db
    .insert(users)
    .values(
      roles.map((role) => ({
        email: `${role}@${slug}.test`,
        name: `${role} of ${slug}`,
        passwordHash: hash,
      })),
    )
    .returning();
  await db
    .insert(memberships)
    .values(roles.map((role, i) => ({ orgId, userId: userRows[i]!.id, role, teamId: team!.id })));
  const byRole = Object.fromEntries(
    roles.map((role, i) => [role, { id: userRows[i]!.id, email: userRows[i]!.email }]),
  ) as TestOrg["users"];
  const [agent, otherAgent] = await db
    .insert(agents)
    .values([
      { orgId, name: "Ada Agent", externalId: "a-1", teamId: team!.id, userId: byRole.agent.id },
      { orgId, name: "Otto Other", externalId: "a-2", teamId: otherTeam!.id },
    ])
    .returning();
  const [customer] = await db
    .insert(customers)
    .values({ orgId, name: "Casey Customer" })
    .returning();
  const conversationId = await buildConversation(db, orgId, {
    agentId: agent!.id,
    teamId: team!.id,
    customerId: customer!.id,
  });
  const otherConversationId = await buildConversation(db, orgId, {
    agentId: otherAgent!.id,
    teamId: otherTeam!.id,
    customerId: customer!.id,
    channel: "email",
  });
  return {
    orgId,
    slug,
    teamId: team!.id,
    otherTeamId: otherTeam!.id,
    users: byRole,
    agentId: agent!.id,
    otherAgentId: otherAgent!.id,
    conversationId,
    otherConversationId,
    customerId: customer!.id,
  };
}

export async function buildConversation(
  db: Db,
  orgId: string,
  opts: {
    agentId?: string;
    teamId?: string;
    customerId?: string;
    channel?: Channel;
    startedAt?: Date;
    texts?: string[];
    /** Each text's role; customer and agent alternate, customer first, when not given. */
    roles?: Array<"customer" | "agent" | "bot">;
  } = {},
): Promise<string> {
  const startedAt = opts.startedAt ?? new Date(Date.now() - 3_600_000);
  const texts = opts.texts ?? [
    "My order never arrived.",
    "I'm sorry to hear that, let me check.",
    "Thanks!",
  ];
  const [conv] = await db
    .insert(conversations)
    .values({
      orgId,
      source: "test",
      externalId: randomUUID(),
      channel: opts.channel ?? "chat",
      status: "resolved",
      agentId: opts.agentId ?? null,
      teamId: opts.teamId ?? null,
      customerId: opts.customerId ?? null,
      startedAt,
      messageCount: texts.length,
    })
    .returning();
  const roleOf = (i: number) => opts.roles?.[i] ?? (i % 2 === 0 ? "customer" : "agent");
  await db.insert(messages).values(
    texts.map((text, i) => ({
      orgId,
      conversationId: conv!.id,
      seq: i,
      role: roleOf(i),
      agentId: roleOf(i) === "agent" ? (opts.agentId ?? null) : null,
      text,
      ts: new Date(startedAt.getTime() + i * 60_000),
    })),
  );
  return conv!.id;
}

/**
 * Gives these conversations a new contact reason (as the insights clustering would) and returns
 * its id; `name` is a leader's rename.
 */
export async function assignContactReason(
  db: Db,
  orgId: string,
  conversationIds: string[],
  reason: { label: string; name?: string } = { label: "card / arrive" },
): Promise<string> {
  const [r] = await db
    .insert(contactReasons)
    .values({ orgId, label: reason.label, name: reason.name ?? null })
    .returning({ id: contactReasons.id });
  for (const conversationId of conversationIds) {
    const [c] = await db
      .select({ startedAt: conversations.startedAt })
      .from(conversations)
      .where(eq(conversations.id, conversationId));
    await db
      .insert(conversationReasons)
      .values({ orgId, conversationId, reasonId: r!.id, startedAt: c!.startedAt });
  }
  return r!.id;
}
