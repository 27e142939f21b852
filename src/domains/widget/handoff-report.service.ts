import type { Db } from "../../db/client.ts";
import { HANDOFF_REASONS } from "../../db/schema/index.ts";
import { measureHandoff, median } from "./handoff-quality.ts";
import * as repo from "./widget.repo.ts";
import { groupBy } from "../../lib/group-by.ts";

const DAY_MS = 86_400_000;

/**
 * Every UTC day from `since`'s to `now`'s, oldest first: a day without handoffs is a row of zeros,
 * so the chart's days are evenly spaced and a quiet day shows as one.
 */
export function daysFrom(since: Date, now: number): string[] {
  const out: string[] = [];
  const last = new Date(now).toISOString().slice(0, 10);
  for (let t = Date.parse(since.toISOString().slice(0, 10)); ; t += DAY_MS) {
    const day = new Date(t).toISOString().slice(0, 10);
    out.push(day);
    if (day >= last) return out;
  }
}

/**
 * Handoff quality over the last `days` days, for leaders: how many chats went to a person and
 * why, how often the customer had to repeat themselves afterwards, and how long they waited
 * for the first human reply; with a row per day for the chart (zeros on days without one).
 */
export async function handoffReport(db: Db, orgId: string, days: number, now = Date.now()) {
  const since = new Date(now - days * DAY_MS);
  const chats = await repo.listHandedOffSince(db, orgId, since);
  const lines = await repo.listCustomerMessages(
    db,
    orgId,
    chats.map((c) => c.id),
  );
  const byChat = groupBy(lines, (l) => l.chatId);

  const daily = new Map<string, { handoffs: number; repeated: number; waits: number[] }>();
  const waits: number[] = [];
  let judged = 0;
  let repeated = 0;
  const reasons = new Map<string, number>(HANDOFF_REASONS.map((r) => [r, 0]));
  const measured = chats.map((chat) => {
    const m = measureHandoff(byChat.get(chat.id) ?? [], chat.handoffSeq ?? 0);
    const wait =
      chat.firstHumanReplyAt && chat.handedOffAt
        ? Math.max(0, (chat.firstHumanReplyAt.getTime() - chat.handedOffAt.getTime()) / 1000)
        : null;
    const day = chat.handedOffAt!.toISOString().slice(0, 10);
    const d = daily.get(day) ?? { handoffs: 0, repeated: 0, waits: [] };
    d.handoffs++;
    if (m.judged && m.repeated) d.repeated++;
    if (wait !== null) d.waits.push(wait);
    daily.set(day, d);
    if (wait !== null) waits.push(wait);
    if (m.judged) judged++;
    if (m.judged && m.repeated) repeated++;
    if (chat.handoffReason)
      reasons.set(chat.handoffReason, (reasons.get(chat.handoffReason) ?? 0) + 1);
    return { chatId: chat.id, ...m, firstReplySeconds: wait };
  });
  return {
    days,
    handoffs: chats.length,
    judged,
    repeated,
    repeatRate: judged ? repeated / judged : null,
    medianFirstReplySeconds: median(waits),
    unanswered: chats.filter((c) => c.status !== "closed" && !c.firstHumanReplyAt).length,
    byReason: [...reasons].map(([reason, count]) => ({ reason, count })),
    daily: daysFrom(since, now).map((date) => {
      const d = daily.get(date);
      return {
        date,
        handoffs: d?.handoffs ?? 0,
        repeated: d?.repeated ?? 0,
        medianFirstReplySeconds: d ? median(d.waits) : null,
      };
    }),
    worst: measured
      .filter((m) => m.repeated)
      .sort((a, b) => b.overlap - a.overlap)
      .slice(0, 10),
  };
}
