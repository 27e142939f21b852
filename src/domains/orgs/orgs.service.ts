import type { Db } from "../../db/client.ts";
import type { ApiScope, RoleName } from "../../db/schema/index.ts";
import type { Principal } from "../../lib/principal.ts";
import { AppError } from "../../lib/errors.ts";
import { generateApiKey, hashPassword } from "../auth/index.ts";
import * as repo from "./orgs.repo.ts";

/** Who did it, for the audit log: a request's principal, the command line, or a background job. */
export type Actor = Principal | { kind: "cli" } | { kind: "job"; job: string };

function actorColumns(actor: Actor) {
  if (actor.kind === "session") return { actorUserId: actor.userId };
  if (actor.kind === "apikey") return { actorApiKeyId: actor.apiKeyId };
  if (actor.kind === "job") return { details: { via: "job", job: actor.job } };
  return { details: { via: "cli" } };
}

/** Writes one audit-log entry: who did what to which target. */
export async function recordAudit(
  db: Db,
  orgId: string,
  actor: Actor,
  action: string,
  target: { type: string; id: string },
  details: Record<string, unknown> = {},
): Promise<void> {
  const cols = actorColumns(actor);
  await repo.insertAudit(db, {
    orgId,
    action,
    targetType: target.type,
    targetId: target.id,
    actorUserId: "actorUserId" in cols ? cols.actorUserId : null,
    actorApiKeyId: "actorApiKeyId" in cols ? cols.actorApiKeyId : null,
    details: { ...details, ...("details" in cols ? cols.details : {}) },
  });
}

export async function requireOrgBySlug(db: Db, slug: string) {
  const org = await repo.findOrgBySlug(db, slug);
  if (!org) throw new AppError("NOT_FOUND", { message: `No organization with slug '${slug}'` });
  return org;
}

export async function createOrg(db: Db, slug: string, name: string) {
  if (await repo.findOrgBySlug(db, slug))
    throw new AppError("CONFLICT", { message: `slug: '${slug}' is taken` });
  return repo.insertOrg(db, slug, name);
}

async function assertTeamInOrg(
  db: Db,
  orgId: string,
  teamId: string | null | undefined,
): Promise<void> {
  if (teamId && !(await repo.findTeam(db, orgId, teamId))) {
    throw new AppError("TEAM_NOT_FOUND", { message: "teamId: no such team in this organization" });
  }
}

export async function createTeam(db: Db, orgId: string, actor: Actor, name: string) {
  if (await repo.findTeamByName(db, orgId, name)) {
    throw new AppError("TEAM_NAME_TAKEN", { message: `name: a team called '${name}' exists` });
  }
  const team = await repo.insertTeam(db, orgId, name);
  await recordAudit(db, orgId, actor, "team.created", { type: "team", id: team.id }, { name });
  return team;
}

export async function deleteTeam(db: Db, orgId: string, actor: Actor, id: string): Promise<void> {
  const team = await repo.findTeam(db, orgId, id);
  if (!team) throw new AppError("TEAM_NOT_FOUND", { message: "No such team" });
  await repo.deleteTeam(db, orgId, id);
  await recordAudit(db, orgId, actor, "team.deleted", { type: "team", id }, { name: team.name });
}

export async function createUser(
  db: Db,
  orgId: string,
  actor: Actor,
  input: {
    email: string;
    name: string;
    password: string;
    role: RoleName;
    teamId?: string | null | undefined;
  },
) {
  await assertTeamInOrg(db, orgId, input.teamId);
  const membership = { role: input.role, teamId: input.teamId ?? null };
  const existing = await repo.findUserIdByEmail(db, input.email);
  let userId: string;
  if (existing) {
    // Only a member of this organization is "taken": this admin can already see them.
    if (await repo.findMember(db, orgId, existing)) {
      throw new AppError("EMAIL_TAKEN", {
        message: `email: ${input.email} is already a member of this organization`,
      });
    }
    // An account of another organization joins this one, answered exactly like a new account,
    // so that no admin can probe which emails have accounts elsewhere. Its owner keeps their own
    // password and name: the password sent here is not applied to someone else's account.
    userId = existing;
    await repo.insertMembership(db, orgId, existing, membership);
  } else {
    userId = await repo.insertUserWithMembership(db, orgId, {
      email: input.email,
      name: input.name,
      passwordHash: await hashPassword(input.password),
      ...membership,
    });
  }
  await recordAudit(
    db,
    orgId,
    actor,
    "user.created",
    { type: "user", id: userId },
    { role: input.role },
  );
  return (await repo.findMember(db, orgId, userId))!;
}

export async function updateUser(
  db: Db,
  orgId: string,
  actor: Actor,
  userId: string,
  patch: { role?: RoleName | undefined; teamId?: string | null | undefined },
) {
  const member = await repo.findMember(db, orgId, userId);
  if (!member)
    throw new AppError("USER_NOT_FOUND", { message: "No such user in this organization" });
  await assertTeamInOrg(db, orgId, patch.teamId);
  // An organization must always keep someone who can administer it.
  if (
    member.role === "admin" &&
    patch.role &&
    patch.role !== "admin" &&
    (await repo.countAdmins(db, orgId)) <= 1
  ) {
    throw new AppError("CONFLICT", { message: "role: the last admin cannot be demoted" });
  }
  const clean: { role?: RoleName; teamId?: string | null } = {};
  if (patch.role !== undefined) clean.role = patch.role;
  if (patch.teamId !== undefined) clean.teamId = patch.teamId;
  await repo.updateMembership(db, orgId, userId, clean);
  await recordAudit(db, orgId, actor, "user.updated", { type: "user", id: userId }, clean);
  return (await repo.findMember(db, orgId, userId))!;
}

export async function createApiKey(
  db: Db,
  orgId: string,
  actor: Actor,
  name: string,
  scopes: ApiScope[],
) {
  const generated = generateApiKey();
  const row = await repo.insertApiKey(db, orgId, {
    name,
    prefix: generated.prefix,
    keyHash: generated.keyHash,
    scopes: [...new Set(scopes)],
    createdBy: actor.kind === "session" ? actor.userId : null,
  });
  await recordAudit(
    db,
    orgId,
    actor,
    "api_key.created",
    { type: "api_key", id: row.id },
    { name, scopes },
  );
  return { ...row, key: generated.key };
}

export async function revokeApiKey(db: Db, orgId: string, actor: Actor, id: string): Promise<void> {
  if (!(await repo.revokeApiKey(db, orgId, id))) {
    throw new AppError("API_KEY_NOT_FOUND", { message: "No live API key with that id" });
  }
  await recordAudit(db, orgId, actor, "api_key.revoked", { type: "api_key", id });
}

export const { listTeams, listAgents, listMembers, listApiKeys, listAudit, findOrgBySlug } = repo;
