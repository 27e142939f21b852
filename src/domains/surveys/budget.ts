/**
 * The contact-pressure budget: decides, for one resolved conversation and one survey, whether the
 * customer is invited, and when, or why not. Pure (no I/O): the caller loads the history once and
 * the same `BudgetState` carries decisions across a batch, so 100,000 conversations decide in
 * memory. Every outcome names the rule that made it, for the decisions log and its report.
 */

const DAY_MS = 86_400_000;

export const SUPPRESSION_REASONS = [
  "excluded",
  "no_contact",
  "open_follow_up",
  "open_case",
  "cooldown",
  "survey_interval",
  "sampled_out",
] as const;
export type SuppressionReason = (typeof SUPPRESSION_REASONS)[number];

export interface BudgetSettings {
  /** At most one invitation per customer in this many days, across every survey. */
  cooldownDays: number;
  /** Share invited per channel, 0–1; a channel not listed is invited in full. */
  sampleRates: Record<string, number>;
  /** Local hours [start, end) in which nothing is sent (may wrap midnight), or null. */
  quietHours: { start: number; end: number } | null;
  defaultTimeZone: string;
}

export interface BudgetSurvey {
  id: string;
  minIntervalDays: number;
  sampleRate: number;
}

export interface BudgetCandidate {
  conversationId: string;
  /** The merged customer; null when the conversation has none (never invited). */
  customerId: string | null;
  channel: string;
  /** Whether the customer can be reached: an email address, or a chat channel for the prompt. */
  reachable: boolean;
  excluded: boolean;
  /** IANA zone of the customer, when known. */
  timeZone?: string | null | undefined;
}

/** What the budget knows before deciding; decisions made in a batch update it. */
export interface BudgetState {
  /** Latest invitation per customer, any survey. */
  lastInvitedAt: Map<string, number>;
  /** Latest invitation per `${surveyId}:${customerId}`. */
  lastInvitedBySurvey: Map<string, number>;
  openFollowUpCustomers: ReadonlySet<string>;
  /**
   * Customers with an open complaint case. The cases domain is not built yet; callers pass its
   * open-case customers here once it exists (`openCaseCustomers` in `decideInvitations`).
   */
  openCaseCustomers: ReadonlySet<string>;
}

export type Decision =
  { outcome: "invite"; sendAt: Date } | { outcome: "suppress"; reason: SuppressionReason };

export function emptyBudgetState(
  openFollowUpCustomers: Iterable<string> = [],
  openCaseCustomers: Iterable<string> = [],
): BudgetState {
  return {
    lastInvitedAt: new Map(),
    lastInvitedBySurvey: new Map(),
    openFollowUpCustomers: new Set(openFollowUpCustomers),
    openCaseCustomers: new Set(openCaseCustomers),
  };
}

/**
 * A stable number in [0, 1) for a conversation and survey (FNV-1a), so sampling is deterministic:
 * deciding again for the same conversation gives the same answer.
 */
export function sampleValue(conversationId: string, surveyId: string): number {
  let h = 0x811c9dc5;
  const s = `${surveyId}:${conversationId}`;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) / 0x1_0000_0000;
}

const hourFormats = new Map<string, Intl.DateTimeFormat>();

/** The local hour (0–23) at `at` in `timeZone`; an unknown zone reads as UTC. */
export function localHour(at: Date, timeZone: string): number {
  let format = hourFormats.get(timeZone);
  if (!format) {
    try {
      format = new Intl.DateTimeFormat("en-GB", { timeZone, hour: "numeric", hourCycle: "h23" });
    } catch {
      format = localHourFormatUtc();
    }
    hourFormats.set(timeZone, format);
  }
  return Number(format.format(at)) % 24;
}

function localHourFormatUtc(): Intl.DateTimeFormat {
  return new Intl.DateTimeFormat("en-GB", { timeZone: "UTC", hour: "numeric", hourCycle: "h23" });
}

export function inQuietHours(hour: number, quiet: { start: number; end: number }): boolean {
  if (quiet.start === quiet.end) return false;
  return quiet.start < quiet.end
    ? hour >= quiet.start && hour < quiet.end
    : hour >= quiet.start || hour < quiet.end;
}

/**
 * The first moment at or after `now` outside quiet hours in `timeZone`: `now` itself, or the start
 * of the first local hour after them (stepping whole UTC hours, so DST changes are handled by the
 * zone data rather than by arithmetic).
 */
export function nextSendTime(
  now: Date,
  quiet: { start: number; end: number } | null,
  timeZone: string,
): Date {
  if (!quiet || !inQuietHours(localHour(now, timeZone), quiet)) return now;
  const hourStart = Math.floor(now.getTime() / 3_600_000) * 3_600_000;
  for (let step = 1; step <= 48; step++) {
    const at = new Date(hourStart + step * 3_600_000);
    if (!inQuietHours(localHour(at, timeZone), quiet)) return at;
  }
  return now;
}

/** Decides one candidate for one survey and records an invitation in `state`. */
export function decideInvitation(
  candidate: BudgetCandidate,
  survey: BudgetSurvey,
  settings: BudgetSettings,
  state: BudgetState,
  now: Date,
): Decision {
  const customer = candidate.customerId;
  if (candidate.excluded) return { outcome: "suppress", reason: "excluded" };
  if (!customer || !candidate.reachable) return { outcome: "suppress", reason: "no_contact" };
  if (state.openFollowUpCustomers.has(customer))
    return { outcome: "suppress", reason: "open_follow_up" };
  if (state.openCaseCustomers.has(customer)) return { outcome: "suppress", reason: "open_case" };
  const t = now.getTime();
  const last = state.lastInvitedAt.get(customer);
  if (last !== undefined && t - last < settings.cooldownDays * DAY_MS)
    return { outcome: "suppress", reason: "cooldown" };
  const surveyKey = `${survey.id}:${customer}`;
  const lastOfSurvey = state.lastInvitedBySurvey.get(surveyKey);
  if (lastOfSurvey !== undefined && t - lastOfSurvey < survey.minIntervalDays * DAY_MS)
    return { outcome: "suppress", reason: "survey_interval" };
  const rate = Math.min(survey.sampleRate, settings.sampleRates[candidate.channel] ?? 1);
  if (sampleValue(candidate.conversationId, survey.id) >= rate)
    return { outcome: "suppress", reason: "sampled_out" };
  state.lastInvitedAt.set(customer, t);
  state.lastInvitedBySurvey.set(surveyKey, t);
  const zone = candidate.timeZone || settings.defaultTimeZone;
  return { outcome: "invite", sendAt: nextSendTime(now, settings.quietHours, zone) };
}

/** Counts decisions by reason (`invited` for invitations): the suppression report's rows. */
export function countByReason(decisions: readonly Decision[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const d of decisions) {
    const key = d.outcome === "invite" ? "invited" : d.reason;
    out[key] = (out[key] ?? 0) + 1;
  }
  return out;
}
