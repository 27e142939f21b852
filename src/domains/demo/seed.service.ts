import type { Db } from "../../db/client.ts";
import { AppError } from "../../lib/errors.ts";
import { hashPassword } from "../auth/password.ts";
import { ensureStarterScorecards, seedDemoQa } from "../qa/index.ts";
import { seedSurveyDemo } from "../surveys/index.ts";
import { seedDemoCases } from "../cases/index.ts";
import { seedDemoInsights } from "../insights/index.ts";
import { seedDemoWidget } from "../widget/index.ts";
import { seedDemoAssist } from "../assist/index.ts";
import { seedDemoPeople } from "../people/index.ts";
import { seedDemoPromises } from "../promises/index.ts";
import { seedDemoVendors } from "../vendors/index.ts";
import { recomputePersonas } from "../personas/index.ts";
import { seedDemoRecognition } from "../recognition/index.ts";
import { loadDemoSource } from "./demo-source.ts";
import { generateDemoRows } from "./generate.ts";
import { DEMO_AGENTS, DEMO_LOGINS, DEMO_ORG, DEMO_PASSWORD } from "./roster.ts";
import * as repo from "./seed.repo.ts";

export interface SeedDemoOptions {
  /** How many conversations to create; default 5,200. */
  conversations?: number;
  /** How far back conversations reach, in days before `now`; default 90. */
  days?: number;
  /** The end of the window; default the current time. */
  now?: Date;
  /** PRNG seed: the same seed gives the same organization; default 42. */
  seed?: number;
}

export interface DemoSeedResult {
  orgId: string;
  conversations: number;
  messages: number;
  logins: { email: string; password: string; role: string }[];
}

export async function seedDemo(db: Db, opts: SeedDemoOptions = {}): Promise<DemoSeedResult> {
  const conversations = opts.conversations ?? 5_200;
  const days = opts.days ?? 90;
  if (!Number.isInteger(conversations) || conversations < 1) {
    throw new AppError("VALIDATION_FAILED", {
      message: "conversations must be a positive integer",
    });
  }
  if (!(days > 0)) throw new AppError("VALIDATION_FAILED", { message: "days must be positive" });

  const rows = generateDemoRows(loadDemoSource(), {
    conversations,
    days,
    now: opts.now ?? new Date(),
    seed: opts.seed ?? 42,
  });
  // One hash for the shared demo password: argon2id costs ~70 ms a call.
  const passwordHash = await hashPassword(DEMO_PASSWORD);

  const orgId = await db.transaction(async (tx) => {
    if (await repo.findOrganizationIdBySlug(tx, DEMO_ORG.slug)) {
      throw new AppError("CONFLICT", {
        message: `an organization with slug "${DEMO_ORG.slug}" already exists`,
      });
    }
    const taken = await repo.findExistingUserEmails(
      tx,
      DEMO_LOGINS.map((l) => l.email),
    );
    if (taken.length > 0) {
      throw new AppError("EMAIL_TAKEN", {
        message: "demo login emails are already in use",
        details: { emails: taken },
      });
    }
    const id = await repo.insertOrganization(tx, DEMO_ORG.slug, DEMO_ORG.name);
    await repo.insertTeams(tx, id, rows.teams);
    const teamIdByKey = new Map(rows.teams.map((t) => [t.key, t.id]));

    const created = await repo.insertUsers(
      tx,
      DEMO_LOGINS.map((l) => ({ email: l.email, name: l.name, passwordHash })),
    );
    const userIdByEmail = new Map(created.map((u) => [u.email, u.id]));
    await repo.insertMemberships(
      tx,
      id,
      DEMO_LOGINS.map((l) => ({
        userId: userIdByEmail.get(l.email) ?? "",
        role: l.role,
        teamId: l.team ? (teamIdByKey.get(l.team) ?? null) : null,
      })),
    );
    const userIdByAgentName = new Map(
      DEMO_LOGINS.filter((l) => l.agentName).map((l) => [
        l.agentName,
        userIdByEmail.get(l.email) ?? null,
      ]),
    );
    await repo.insertAgents(
      tx,
      id,
      rows.agents.map((a, i) => ({
        ...a,
        user_id: userIdByAgentName.get(DEMO_AGENTS[i]?.name) ?? null,
      })),
    );
    await repo.insertConversationRows(tx, id, rows);
    await ensureStarterScorecards(tx, id);
    await seedDemoQa(tx, id, opts.now ?? new Date());
    await seedSurveyDemo(tx, id, { now: opts.now ?? new Date(), seed: opts.seed ?? 42 });
    return id;
  });

  await seedDemoCases(db, orgId, opts.now ?? new Date());
  await seedDemoInsights(db, orgId, opts.now ?? new Date());
  await seedDemoWidget(db, orgId, opts.now ?? new Date());
  await seedDemoAssist(db, orgId);
  await seedDemoPeople(db, orgId, opts.now ?? new Date());
  await seedDemoPromises(db, orgId, opts.now ?? new Date());
  await seedDemoVendors(db, orgId, opts.now ?? new Date());
  await recomputePersonas(db, orgId, opts.now ?? new Date());
  await seedDemoRecognition(db, orgId, opts.now ?? new Date());
  return {
    orgId,
    conversations: rows.conversations.length,
    messages: rows.messages.length,
    logins: DEMO_LOGINS.map((l) => ({ email: l.email, password: DEMO_PASSWORD, role: l.role })),
  };
}

export function hasAnyOrganization(db: Db): Promise<boolean> {
  return repo.hasAnyOrganizationRow(db);
}
