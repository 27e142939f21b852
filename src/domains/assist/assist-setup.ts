/**
 * The org's enabled rules and rewrite library for assist calls, kept per process. They change
 * rarely but every assist call needs them, so each call reads only their fingerprints (in the
 * same round trip as the customer's accepted offers) and reloads a list only when its
 * fingerprint changed. The fingerprint hashes the whole rows, so a write from any process shows
 * on the next call; rows read after their fingerprint can only be newer, and a newer fingerprint
 * then reloads them again.
 */
import type { Db } from "../../db/client.ts";
import { listCitableBestPractices } from "../recognition/index.ts";
import * as repo from "./assist.repo.ts";
import { curatedLibrary, type RewritePattern } from "./rewrites.ts";

interface Cached<T> {
  key: string;
  value: Promise<T>;
}
type Citable = Awaited<ReturnType<typeof listCitableBestPractices>>;
interface OrgSetup {
  rules?: Cached<repo.RuleRow[]>;
  library?: Cached<RewritePattern[]>;
  practices?: Cached<Citable>;
}

/** Orgs one process keeps; the least recently loaded goes first. */
const MAX_ORGS = 500;
const setupByDb = new WeakMap<Db, Map<string, OrgSetup>>();

/** The org's rewrite library: its own enabled patterns, or the curated one while it has none. */
export async function loadRewriteLibrary(db: Db, orgId: string): Promise<RewritePattern[]> {
  const rows = await repo.listRewrites(db, orgId);
  if (rows.length === 0) return curatedLibrary();
  return rows.filter((r) => r.enabled);
}

function orgSetup(db: Db, orgId: string): OrgSetup {
  let byOrg = setupByDb.get(db);
  if (!byOrg) setupByDb.set(db, (byOrg = new Map()));
  let setup = byOrg.get(orgId);
  if (!setup) {
    if (byOrg.size >= MAX_ORGS) byOrg.delete(byOrg.keys().next().value!);
    byOrg.set(orgId, (setup = {}));
  }
  return setup;
}

function fresh<T>(cached: Cached<T> | undefined, key: string, load: () => Promise<T>): Cached<T> {
  if (cached?.key === key) return cached;
  return { key, value: load() };
}

/**
 * The org's enabled rules (by priority), rewrite library and citable best practices, and the
 * customer's accepted offers (null without a customer).
 */
export async function loadAssistSetup(
  db: Db,
  orgId: string,
  customerExternalId: string | null,
): Promise<{
  rules: repo.RuleRow[];
  library: RewritePattern[];
  practices: Citable;
  acceptedOffers: number | null;
}> {
  const state = await repo.readAssistState(db, orgId, customerExternalId);
  const setup = orgSetup(db, orgId);
  const rules = fresh(setup.rules, state.rules, () => repo.listRules(db, orgId, true));
  const library = fresh(setup.library, state.rewrites, () => loadRewriteLibrary(db, orgId));
  const practices = fresh(setup.practices, state.practices, () =>
    listCitableBestPractices(db, orgId),
  );
  Object.assign(setup, { rules, library, practices });
  try {
    return {
      rules: await rules.value,
      library: await library.value,
      practices: await practices.value,
      acceptedOffers: state.acceptedOffers,
    };
  } catch (err) {
    // A failed load is not kept: the next call tries again.
    if (setup.rules === rules) delete setup.rules;
    if (setup.library === library) delete setup.library;
    if (setup.practices === practices) delete setup.practices;
    throw err;
  }
}
