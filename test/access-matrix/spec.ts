import { randomUUID } from "node:crypto";
import type { RoleName } from "../../src/db/schema/index.ts";
import type { TestOrg } from "../factories.ts";

/**
 * Every API route, who may call it, and a request that passes validation. The first test fails
 * when a route exists that this table does not list: a new route cannot ship without its access rules.
 */
export interface RouteSpec {
  roles: RoleName[] | "public";
  scope: "read" | "write" | "ingest" | "admin" | null;
  /** Path with ids filled in from org A; `{foreign}` marks the id that must 404 across tenants. */
  path: (a: TestOrg) => string;
  foreignPath?: (b: TestOrg) => string;
  body?: () => unknown;
  /** Privacy rules beyond roles: this role gets 403 on this path (e.g. another agent's record). */
  denied?: { role: RoleName; path: (a: TestOrg) => string }[];
}

export const ALL: RoleName[] = ["admin", "leader", "qa", "agent", "exec"];

/**
 * Records of each kind in organization B, so that a cross-tenant check sends an id of the same
 * kind of record (a real mailbox, a real webhook source): a 404 then proves isolation, not typing.
 */
export const foreign = {
  mailboxId: "",
  webhookSourceId: "",
  apiKeyId: "",
  scorecardId: "",
  evaluationId: "",
  reviewAssignmentId: "",
  surveyId: "",
  pulseId: "",
};
export const suffix = () => randomUUID().slice(0, 8);
