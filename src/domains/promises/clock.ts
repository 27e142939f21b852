/**
 * The promise clock: when a promise falls due, and whether later events kept or broke it.
 * Pure functions (no I/O), so the settlement rules are property-tested on their own (clock.test.ts).
 */
import type { PromiseSettledBy, PromiseStatus } from "../../db/schema/index.ts";

const DAY_MS = 86_400_000;
const WEEKDAYS = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"];

/**
 * A follow-through must come at least this long after the promise: the agent's next lines in the
 * same exchange ("anything else?") are not the call back that was promised.
 */
export const FOLLOW_THROUGH_GAP_MS = 10 * 60_000;

function endOfUtcDay(isoDate: string): Date | null {
  const t = Date.parse(`${isoDate}T23:59:59.999Z`);
  return Number.isNaN(t) ? null : new Date(t);
}

/**
 * The instant a promise falls due, from the engine's `due` (types.ts `Signal.due`) and the time the
 * promise was made. A calendar day means the end of that day (UTC); a weekday name the end of the
 * next such day (today counts); durations are added (`P1M` is a month, as the engine writes it).
 * Null when the expression is not one the engine produces.
 */
export function resolveDue(due: string, promisedAt: Date): Date | null {
  const text = due.trim().toLowerCase();
  if (/^\d{4}-\d{2}-\d{2}t/.test(text)) {
    const t = Date.parse(due);
    return Number.isNaN(t) ? null : new Date(t);
  }
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) return endOfUtcDay(text);
  const weekday = WEEKDAYS.indexOf(text);
  if (weekday >= 0) {
    const ahead = (weekday - promisedAt.getUTCDay() + 7) % 7;
    return endOfUtcDay(new Date(promisedAt.getTime() + ahead * DAY_MS).toISOString().slice(0, 10));
  }
  const m = /^p(t?)(\d{1,4})([mhdw])$/.exec(text);
  if (!m) return null;
  const n = Number(m[2]);
  const isTime = m[1] === "t";
  const unit = m[3];
  if (!isTime && unit === "m") {
    const d = new Date(promisedAt);
    d.setUTCMonth(d.getUTCMonth() + n);
    return d;
  }
  if (!isTime && unit === "h") return null;
  const minutes = isTime
    ? unit === "m"
      ? 1
      : unit === "h"
        ? 60
        : NaN
    : unit === "d"
      ? 1440
      : 10_080;
  if (Number.isNaN(minutes)) return null;
  // "P0D" (today) means the end of the day it was said.
  if (!isTime && n === 0) return endOfUtcDay(promisedAt.toISOString().slice(0, 10));
  return new Date(promisedAt.getTime() + n * minutes * 60_000);
}

/** Something that happened after a promise: an agent's follow-through, a case update, or the customer still waiting. */
export interface PromiseEvent {
  kind: "agent_message" | "case_update" | "customer_waiting";
  at: Date;
}

const KIND_ORDER: Record<PromiseEvent["kind"], number> = {
  agent_message: 0,
  case_update: 1,
  customer_waiting: 2,
};

export interface Settlement {
  status: PromiseStatus;
  settledAt: Date | null;
  settledBy: PromiseSettledBy | null;
}

/**
 * Kept or broken, from the events known at `now`. The earliest decisive event wins: a
 * follow-through (agent message or case update, at least FOLLOW_THROUGH_GAP_MS after the promise and
 * no later than the due time) keeps it; the customer saying they are still waiting breaks it; with
 * neither, the due time passing breaks it. A promise without a due time is open-ended. Events after
 * `now` are not known yet and are ignored, so the answer never changes once settled.
 */
export function settlePromise(
  p: { promisedAt: Date; dueAt: Date | null },
  events: readonly PromiseEvent[],
  now: Date,
): Settlement {
  if (p.dueAt === null) return { status: "open_ended", settledAt: null, settledBy: null };
  const due = p.dueAt.getTime();
  const start = p.promisedAt.getTime();
  const known = events
    .filter((e) => e.at.getTime() > start && e.at.getTime() <= now.getTime())
    // Ties at the same instant resolve the same whatever the input order: a follow-through first.
    .sort((a, b) => a.at.getTime() - b.at.getTime() || KIND_ORDER[a.kind] - KIND_ORDER[b.kind]);
  for (const e of known) {
    const t = e.at.getTime();
    if (t > due) break;
    if (e.kind === "customer_waiting") {
      return { status: "broken", settledAt: e.at, settledBy: "customer_waiting" };
    }
    if (t >= start + FOLLOW_THROUGH_GAP_MS) {
      return { status: "kept", settledAt: e.at, settledBy: e.kind };
    }
  }
  if (now.getTime() > due) {
    return { status: "broken", settledAt: new Date(due), settledBy: "deadline" };
  }
  return { status: "pending", settledAt: null, settledBy: null };
}

/** "Still waiting", "haven't heard back": the customer telling us a promise was not kept. */
export const STILL_WAITING_PATTERN =
  /\b(still (waiting|no(thing| word| reply| response| call| update))|have(n't| not) (heard|received|had)|(never|no one|nobody) (called|got back|came back|replied)|hasn't (arrived|been)|been waiting)\b/i;
