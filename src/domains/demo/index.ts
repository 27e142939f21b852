/**
 * The demo organization: a realistic, deterministic data set for first runs, screenshots and
 * end-to-end tests. Texts come from public datasets shipped in demo-data/ (see its ATTRIBUTION.md).
 */
import type { Db } from "../../db/client.ts";
import {
  hasAnyOrganization as hasAnyOrganizationImpl,
  seedDemo as seedDemoImpl,
  type DemoSeedResult,
  type SeedDemoOptions,
} from "./seed.service.ts";

export type { DemoSeedResult, SeedDemoOptions } from "./seed.service.ts";
export { DEMO_PASSWORD } from "./roster.ts";

/**
 * Creates the "Northwind Demo" organization (slug `demo`): 3 teams, 25 agents with stable
 * writing styles (from exemplary to curt), five logins (admin, leader, qa, exec, and an agent
 * linked to an agent row) sharing the password `rapport-demo`, and by default 5,200
 * conversations with their customers, identities, participants and messages over the 90 days
 * before `now`. Everything is inserted in one transaction; the same `seed` gives the same data.
 *
 * @throws AppError `CONFLICT` when an organization with slug `demo` exists, `EMAIL_TAKEN` when a
 *   demo login email is already a user.
 * @example
 * const { orgId, logins } = await seedDemo(db, { conversations: 300, now: new Date("2026-01-31") });
 */
export function seedDemo(db: Db, opts?: SeedDemoOptions): Promise<DemoSeedResult> {
  return seedDemoImpl(db, opts);
}

/**
 * True once any organization exists. The server uses it to offer (or skip) seeding the demo
 * on a fresh install.
 */
export function hasAnyOrganization(db: Db): Promise<boolean> {
  return hasAnyOrganizationImpl(db);
}
