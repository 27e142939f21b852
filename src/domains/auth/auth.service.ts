import { createHash, randomBytes } from "node:crypto";
import type { Db } from "../../db/client.ts";
import type { Principal } from "../../lib/principal.ts";
import { AppError } from "../../lib/errors.ts";
import {
  clearFailures,
  LOGIN_ACCOUNT_POLICY,
  LOGIN_CLIENT_POLICY,
  recordFailure,
  retryAfterSeconds,
} from "../throttle/index.ts";
import * as repo from "./auth.repo.ts";
import { hashPassword, verifyPassword } from "./password.ts";

export const SESSION_COOKIE = "rapport_session";
export const SESSION_TTL_MS = 14 * 24 * 3600 * 1000;
/** Keys look like `rpk_<8 hex prefix>_<secret>`; the prefix lets admins tell keys apart. */
export const API_KEY_PREFIX = "rpk_";

function sha256(value: string): string {
  return createHash("sha256").update(value).digest("hex");
}

function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString("base64url");
}

// Verified against when the email is unknown, so a wrong email costs as long as a wrong password.
let dummyHash: Promise<string> | undefined;

export interface LoginResult {
  token: string;
  expiresAt: Date;
  me: Me;
}

export interface Me {
  user: { id: string; email: string; name: string };
  org: { id: string; slug: string; name: string };
  role: repo.RoleName;
  /** The member's team, if any: team views open on it. */
  teamId: string | null;
  csrfToken: string;
}

/**
 * Checks credentials and opens a session in the user's first organization (or the one named by
 * slug). Wrong passwords are throttled per account and per client address (`client`), with
 * exponential backoff shared by every process through the database: a blocked caller gets
 * RATE_LIMITED with `details.retryAfterSeconds`, before any password is checked.
 */
export async function login(
  db: Db,
  email: string,
  password: string,
  orgSlug?: string,
  opts: { client?: string; now?: Date } = {},
): Promise<LoginResult> {
  const now = opts.now ?? new Date();
  const account = email.trim().toLowerCase();
  const limits = [
    { policy: LOGIN_ACCOUNT_POLICY, subject: account },
    ...(opts.client ? [{ policy: LOGIN_CLIENT_POLICY, subject: opts.client }] : []),
  ];
  const waits = await Promise.all(
    limits.map((l) => retryAfterSeconds(db, l.policy, l.subject, now)),
  );
  const wait = Math.max(0, ...waits.map((w) => w ?? 0));
  if (wait > 0) {
    throw new AppError("RATE_LIMITED", {
      message: `Too many failed logins; try again in ${wait} seconds`,
      details: { retryAfterSeconds: wait },
    });
  }
  try {
    const result = await checkCredentialsAndOpenSession(db, email, password, orgSlug);
    await clearFailures(db, LOGIN_ACCOUNT_POLICY, account);
    return result;
  } catch (err) {
    if (err instanceof AppError && err.code === "INVALID_CREDENTIALS") {
      const [onAccount] = await Promise.all(
        limits.map((l) => recordFailure(db, l.policy, l.subject, now)),
      );
      // The block starting is what an admin wants to know about; later failures only extend it.
      if (onAccount?.failures === LOGIN_ACCOUNT_POLICY.freeAttempts) {
        const user = await repo.findUserByEmail(db, email);
        if (user) {
          await repo.insertUserAudit(db, user.id, "auth.login_throttled", {
            failures: onAccount.failures,
            blockedForSeconds: onAccount.blockedForSeconds,
          });
        }
      }
    }
    throw err;
  }
}

async function checkCredentialsAndOpenSession(
  db: Db,
  email: string,
  password: string,
  orgSlug: string | undefined,
): Promise<LoginResult> {
  const user = await repo.findUserByEmail(db, email);
  if (!user) {
    dummyHash ??= hashPassword(randomToken());
    await verifyPassword(await dummyHash, password);
    throw new AppError("INVALID_CREDENTIALS", { message: "Email or password is wrong" });
  }
  if (!(await verifyPassword(user.passwordHash, password))) {
    throw new AppError("INVALID_CREDENTIALS", { message: "Email or password is wrong" });
  }
  const orgs = await repo.findMembershipsOfUser(db, user.id);
  const org = orgSlug ? orgs.find((o) => o.slug === orgSlug) : orgs[0];
  if (!org)
    throw new AppError("INVALID_CREDENTIALS", {
      message: "You are not a member of that organization",
    });
  const token = randomToken();
  const csrfToken = randomToken(24);
  const expiresAt = new Date(Date.now() + SESSION_TTL_MS);
  await repo.insertSession(db, {
    id: sha256(token),
    userId: user.id,
    orgId: org.orgId,
    csrfToken,
    expiresAt,
  });
  return {
    token,
    expiresAt,
    me: {
      user: { id: user.id, email: user.email, name: user.name },
      org: { id: org.orgId, slug: org.slug, name: org.name },
      role: org.role,
      teamId: org.teamId,
      csrfToken,
    },
  };
}

export async function resolveSession(db: Db, token: string): Promise<Principal | null> {
  const session = await repo.findLiveSession(db, sha256(token));
  if (!session) return null;
  return {
    kind: "session",
    orgId: session.orgId,
    userId: session.userId,
    role: session.role,
    sessionId: session.id,
    csrfToken: session.csrfToken,
  };
}

export async function resolveApiKey(db: Db, key: string): Promise<Principal | null> {
  if (!key.startsWith(API_KEY_PREFIX)) return null;
  const row = await repo.findActiveApiKeyByHash(db, sha256(key));
  if (!row) return null;
  // Write last-used at most once a minute: a busy integration must not turn every read into a write.
  if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > 60_000) {
    await repo.touchApiKey(db, row.orgId, row.id);
  }
  return { kind: "apikey", orgId: row.orgId, apiKeyId: row.id, scopes: row.scopes };
}

export async function getMe(
  db: Db,
  principal: Extract<Principal, { kind: "session" }>,
): Promise<Me> {
  const user = await repo.findUserById(db, principal.userId);
  const org = (await repo.findMembershipsOfUser(db, principal.userId)).find(
    (o) => o.orgId === principal.orgId,
  );
  if (!user || !org)
    throw new AppError("UNAUTHENTICATED", { message: "Session is no longer valid" });
  return {
    user: { id: user.id, email: user.email, name: user.name },
    org: { id: org.orgId, slug: org.slug, name: org.name },
    role: principal.role,
    teamId: org.teamId,
    csrfToken: principal.csrfToken,
  };
}

export async function logout(db: Db, sessionId: string): Promise<void> {
  await repo.deleteSession(db, sessionId);
}

/** Changes the password and ends the user's other sessions. */
export async function changePassword(
  db: Db,
  principal: Extract<Principal, { kind: "session" }>,
  currentPassword: string,
  newPassword: string,
): Promise<void> {
  const user = await repo.findUserById(db, principal.userId);
  if (!user || !(await verifyPassword(user.passwordHash, currentPassword))) {
    throw new AppError("WRONG_PASSWORD", { message: "currentPassword: does not match" });
  }
  await repo.updatePasswordHash(db, user.id, await hashPassword(newPassword));
  await repo.deleteOtherSessions(db, user.id, principal.sessionId);
}

/** Creates an API key; the plain key is returned once and never stored. */
export function generateApiKey(): { key: string; prefix: string; keyHash: string } {
  const prefix = randomBytes(4).toString("hex");
  const key = `${API_KEY_PREFIX}${prefix}_${randomToken(32)}`;
  return { key, prefix: `${API_KEY_PREFIX}${prefix}`, keyHash: sha256(key) };
}

export { deleteExpiredSessions } from "./auth.repo.ts";
