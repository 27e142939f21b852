import { randomUUID } from "node:crypto";
import type { Db } from "../../db/client.ts";
import type { Queue } from "../../jobs/queue.ts";
import { findCustomersWithOpenCases } from "../cases/index.ts";
import {
  decideInvitation,
  emptyBudgetState,
  type BudgetState,
  type BudgetSurvey,
} from "./budget.ts";
import { tokenFor } from "./delivery.ts";
import type { BudgetSettingsBody } from "./surveys.schemas.ts";
import * as repo from "./surveys.repo.ts";
import * as invitationsRepo from "./invitations.repo.ts";
import { budgetOf, getSettings } from "./surveys.service.ts";
import { hashSurveyToken } from "./tokens.ts";
import { enqueueDelivery } from "./invitation-delivery.service.ts";

const DAY_MS = 86_400_000;

function triggerMatches(survey: repo.SurveyRow, conv: Candidate): boolean {
  const t = survey.trigger;
  if (t.event !== "conversation_resolved") return false;
  if (t.channels && !t.channels.includes(conv.channel)) return false;
  if (t.teams && !(conv.teamId && t.teams.includes(conv.teamId))) return false;
  return true;
}

function timeZoneOf(metadata: Record<string, unknown>): string | null {
  const tz = metadata.timeZone ?? metadata.timezone ?? metadata.customerTimeZone;
  return typeof tz === "string" ? tz : null;
}

export interface DecideOptions {
  now?: Date;
  /** Customers with an open complaint case, none of whom is invited; default: read from cases. */
  openCaseCustomers?: Iterable<string>;
}

/**
 * Takes the invitation decision for every active "conversation resolved" survey and each of these
 * conversations that has none yet (so running it again changes nothing), under the
 * contact-pressure budget, records each decision with its reason, and queues delivery.
 */
export async function decideInvitations(
  deps: { db: Db; queue: Queue },
  orgId: string,
  conversationIds: readonly string[],
  opts: DecideOptions = {},
): Promise<{ invited: number; suppressed: number }> {
  // One decision run per organization at a time: two runs reading the same history could both
  // invite one customer. The lock is held for the transaction only.
  return deps.db.transaction(async (db) => {
    await repo.lockOrgDecisions(db, orgId);
    return decideLocked({ db, queue: deps.queue }, orgId, conversationIds, opts);
  });
}

async function decideLocked(
  deps: { db: Db; queue: Queue },
  orgId: string,
  conversationIds: readonly string[],
  opts: DecideOptions,
): Promise<{ invited: number; suppressed: number }> {
  const { db } = deps;
  // Reads that do not depend on each other are sent together: PostgreSQL runs the next one while
  // this process decodes the last (one connection, so they still run one after the other).
  const [surveys, settings] = await Promise.all([
    repo.listSurveys(db, orgId),
    getSettings(db, orgId),
  ]);
  const active = surveys.filter((s) => s.active && s.trigger.event === "conversation_resolved");
  if (active.length === 0) return { invited: 0, suppressed: 0 };
  // The surveys still to decide for a conversation. A survey applies to conversations resolved
  // (written) after it was created: creating one never surveys the history in the database.
  const pendingOf = (conv: Candidate) =>
    active.filter(
      (s) =>
        triggerMatches(s, conv) &&
        conv.updatedAt >= s.createdAt &&
        !conv.decidedSurveyIds.includes(s.id),
    );
  const surveyIds = active.map((s) => s.id);
  const direct = await invitationsRepo.findResolvedConversations(
    db,
    orgId,
    conversationIds,
    surveyIds,
  );
  // The same customer's other undecided resolutions are decided with these, oldest first, so
  // which one is invited and which one meets the cooldown does not depend on job order.
  // Customers whose conversations here are all decided already need nothing more. These are
  // also every customer the decisions below concern, so their budget state is read meanwhile.
  const since = new Date(Math.min(...active.map((s) => s.createdAt.getTime())));
  const customerIds = [
    ...new Set(
      direct.flatMap((c) => (c.customerId && pendingOf(c).length > 0 ? [c.customerId] : [])),
    ),
  ];
  const now = opts.now ?? new Date();
  const horizonDays = Math.max(
    settings.cooldownDays,
    ...active.map((s) => s.rules.minIntervalDays),
  );
  const [others, state] = await Promise.all([
    invitationsRepo.findResolvedOfCustomers(db, orgId, customerIds, surveyIds, since),
    readBudgetState(db, orgId, customerIds, { ...opts, horizonDays, now }),
  ]);
  const convs = [...new Map([...direct, ...others].map((c) => [c.id, c])).values()].sort(
    (a, b) => a.updatedAt.getTime() - b.updatedAt.getTime() || a.id.localeCompare(b.id),
  );
  const pairs = convs.flatMap((conv) => pendingOf(conv).map((survey) => ({ conv, survey })));
  return decideAndStore(deps, orgId, pairs, { settings, state, now });
}

export type Candidate = Awaited<
  ReturnType<typeof invitationsRepo.findResolvedConversations>
>[number];

type Pair = { conv: Candidate; survey: repo.SurveyRow; minIntervalDays?: number };

/**
 * What the budget knows about these customers before deciding: open follow-ups and complaint
 * cases, and their invitations of the last `horizonDays` (a longer horizon than a rule needs
 * changes nothing: an older invitation meets neither the cooldown nor any interval).
 */
async function readBudgetState(
  db: Db,
  orgId: string,
  customerIds: readonly string[],
  { horizonDays, now, openCaseCustomers }: DecideOptions & { horizonDays: number; now: Date },
): Promise<BudgetState> {
  const [followUps, openCases, history] = await Promise.all([
    invitationsRepo.findOpenFollowUpCustomers(db, orgId, customerIds),
    openCaseCustomers ?? findCustomersWithOpenCases(db, orgId, customerIds),
    invitationsRepo.findInvitationHistory(
      db,
      orgId,
      customerIds,
      new Date(now.getTime() - horizonDays * DAY_MS),
    ),
  ]);
  const state = emptyBudgetState(followUps, openCases);
  for (const h of history) {
    const t = new Date(h.last).getTime();
    state.lastInvitedAt.set(
      h.customer_id,
      Math.max(t, state.lastInvitedAt.get(h.customer_id) ?? 0),
    );
    state.lastInvitedBySurvey.set(`${h.survey_id}:${h.customer_id}`, t);
  }
  return state;
}

/**
 * Decides (survey, conversation) pairs in order under the budget, stores each decision with its
 * reason, and queues delivery of the invitations. The caller holds the organization's lock, and
 * no pair may be decided already (the decision insert does not skip existing ones).
 */
export async function decidePairs(
  deps: { db: Db; queue: Queue },
  orgId: string,
  pairs: readonly Pair[],
  opts: DecideOptions = {},
): Promise<{ invited: number; suppressed: number }> {
  const { db } = deps;
  const now = opts.now ?? new Date();
  if (pairs.length === 0) return { invited: 0, suppressed: 0 };
  const settings = await getSettings(db, orgId);
  const customerIds = [
    ...new Set(pairs.flatMap((p) => (p.conv.customerId ? [p.conv.customerId] : []))),
  ];
  const horizonDays = pairs.reduce(
    (h, p) => Math.max(h, p.minIntervalDays ?? 0, p.survey.rules.minIntervalDays),
    settings.cooldownDays,
  );
  const state = await readBudgetState(db, orgId, customerIds, { ...opts, horizonDays, now });
  return decideAndStore(deps, orgId, pairs, { settings, state, now });
}

/**
 * Decisions are stored in statements of this many rows, each sent as soon as its rows are
 * decided: PostgreSQL inserts one part while this process decides the next, where one statement
 * for the whole batch had each wait for the other (200,000 decisions: 12.5–13 s of wall time for
 * 6 s of this process's CPU and 8 s of PostgreSQL's).
 */
const STORE_PART = 2_000;

async function decideAndStore(
  deps: { db: Db; queue: Queue },
  orgId: string,
  pairs: readonly Pair[],
  { settings, state, now }: { settings: BudgetSettingsBody; state: BudgetState; now: Date },
): Promise<{ invited: number; suppressed: number }> {
  const budget = budgetOf(settings);
  const at = now.getTime();
  const writes: Promise<unknown>[] = [];
  const queued: { id: string; sendAt: Date }[] = [];
  for (let from = 0; from < pairs.length; from += STORE_PART) {
    const rows: invitationsRepo.DecisionRow[] = [];
    for (const { conv, survey, minIntervalDays } of pairs.slice(from, from + STORE_PART)) {
      const rule: BudgetSurvey = {
        id: survey.id,
        ...survey.rules,
        minIntervalDays: minIntervalDays ?? survey.rules.minIntervalDays,
      };
      const d = decideInvitation(
        {
          conversationId: conv.id,
          customerId: conv.customerId,
          channel: conv.channel,
          reachable: Boolean(conv.email) || conv.channel === "chat",
          excluded: conv.excluded,
          timeZone: timeZoneOf(conv.metadata),
        },
        rule,
        budget,
        state,
        now,
      );
      const id = randomUUID();
      const invite = d.outcome === "invite";
      const expiresAt = new Date(at + survey.rules.linkValidDays * DAY_MS);
      if (invite) queued.push({ id, sendAt: d.sendAt });
      rows.push({
        id,
        surveyId: survey.id,
        conversationId: conv.id,
        customerId: conv.customerId,
        channel: conv.channel,
        status: invite ? "queued" : "suppressed",
        reason: invite ? null : d.reason,
        tokenHash: invite ? hashSurveyToken(tokenFor(orgId, id, expiresAt)) : null,
        locale: survey.defaultLocale,
        sendAt: invite ? d.sendAt : null,
        expiresAt,
        at: now,
      });
    }
    const write = invitationsRepo.insertDecisions(deps.db, orgId, rows);
    // Awaited below; a failure meanwhile must not count as unhandled (it fails the transaction).
    write.catch(() => {});
    writes.push(write);
    // Lets the connection send this part and take the last one's answer before deciding on.
    await new Promise((resolve) => setImmediate(resolve));
  }
  await Promise.all(writes);
  await enqueueDelivery(deps.queue, orgId, queued, deps.db);
  return { invited: queued.length, suppressed: pairs.length - queued.length };
}
