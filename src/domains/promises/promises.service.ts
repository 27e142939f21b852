import type { Db } from "../../db/client.ts";
import { CHANNELS, type Channel, type PromiseStatus } from "../../db/schema/index.ts";
import { AppError } from "../../lib/errors.ts";
import { findOrgSettings, setOrgSetting } from "../orgs/index.ts";
import * as repo from "./promises.repo.ts";
import {
  StatedResponseTimesSchema,
  type KeepRateQuery,
  type StatedResponseTimes,
} from "./promises.schemas.ts";

/** Reports of promised versus actual: keep rates, and stated against delivered response times. */

const DAY_MS = 86_400_000;
const SETTINGS_KEY = "promises";

function window(from: string | undefined, to: string | undefined, now: Date) {
  const end = to ? new Date(to) : now;
  const start = from ? new Date(from) : new Date(end.getTime() - 90 * DAY_MS);
  if (start.getTime() >= end.getTime())
    throw new AppError("VALIDATION_FAILED", { message: "query.from: must be before `to`" });
  return { start, end };
}

/** Wilson score interval: honest for small samples and rates near 0 or 1, unlike p ± 1.96·se. */
export function wilson95(kept: number, n: number): [number, number] | null {
  if (n === 0) return null;
  const z = 1.96;
  const p = kept / n;
  const denom = 1 + (z * z) / n;
  const centre = (p + (z * z) / (2 * n)) / denom;
  const half = (z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n))) / denom;
  const r = (x: number) => Math.round(x * 1000) / 1000;
  return [r(Math.max(0, centre - half)), r(Math.min(1, centre + half))];
}

function toRateRow(r: Omit<repo.KeepRateRow, "open_ended"> & { open_ended: number }) {
  const n = r.kept + r.broken;
  return {
    key: r.key,
    label: r.label,
    kept: r.kept,
    broken: r.broken,
    pending: r.pending,
    openEnded: r.open_ended,
    n,
    keepRate: n > 0 ? Math.round((r.kept / n) * 1000) / 1000 : null,
    ci95: wilson95(r.kept, n),
  };
}

export async function keepRateReport(db: Db, orgId: string, q: KeepRateQuery, now = new Date()) {
  const { start, end } = window(q.from, q.to, now);
  const rows = await repo.keepRateBy(db, orgId, q.by, start, end);
  const sum = (k: "kept" | "broken" | "pending" | "open_ended") =>
    rows.reduce((a, r) => a + r[k], 0);
  const overall = toRateRow({
    key: "all",
    label: "All promises",
    kept: sum("kept"),
    broken: sum("broken"),
    pending: sum("pending"),
    open_ended: sum("open_ended"),
  });
  return {
    by: q.by,
    from: start.toISOString(),
    to: end.toISOString(),
    overall,
    items: rows.map(toRateRow),
  };
}

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

export async function listPromises(
  db: Db,
  orgId: string,
  q: { status?: PromiseStatus | undefined; limit: number },
) {
  const rows = await repo.listPromises(db, orgId, q);
  return rows.map((r) => ({
    id: r.id,
    conversationId: r.conversationId,
    agentId: r.agentId,
    agentName: r.agent_name,
    teamId: r.teamId,
    teamName: r.team_name,
    channel: r.channel,
    reason: r.reason,
    quote: r.quote,
    promisedAt: iso(r.promisedAt)!,
    dueText: r.dueText,
    dueAt: iso(r.dueAt),
    status: r.status,
    settledAt: iso(r.settledAt),
    settledBy: r.settledBy,
  }));
}

export async function getStatedResponseTimes(db: Db, orgId: string): Promise<StatedResponseTimes> {
  const settings = (await findOrgSettings(db, orgId)) ?? {};
  const parsed = StatedResponseTimesSchema.safeParse(settings[SETTINGS_KEY]);
  return parsed.success ? parsed.data : { channels: {} };
}

export async function setStatedResponseTimes(db: Db, orgId: string, body: StatedResponseTimes) {
  await setOrgSetting(db, orgId, SETTINGS_KEY, body);
  return body;
}

/** Plain figures a promise under an hour is stated in ("within 3 minutes", "within 20 minutes"). */
const MINUTE_STEPS = [1, 2, 3, 5, 10, 15, 20, 30, 45, 60];

/**
 * p90 rounded up to a plain figure: the next of MINUTE_STEPS under an hour (a chat answered in 3
 * minutes nine times in ten is not told "within 15 minutes"), whole hours under two days, whole
 * days beyond.
 */
export function recommendPromise(p90Minutes: number): { minutes: number; text: string } {
  const m = Math.max(1, p90Minutes);
  if (m <= 60) {
    const minutes = MINUTE_STEPS.find((step) => step >= m)!;
    return { minutes, text: `We reply within ${minutes} minute${minutes === 1 ? "" : "s"}` };
  }
  if (m <= 48 * 60) {
    const hours = Math.ceil(m / 60);
    return { minutes: hours * 60, text: `We reply within ${hours} hour${hours === 1 ? "" : "s"}` };
  }
  const days = Math.ceil(m / 1440);
  return { minutes: days * 1440, text: `We reply within ${days} days` };
}

/** "≤1 min", "≤4 h": a bucket's upper edge in the unit a reader expects. */
function edgeLabel(minutes: number): string {
  return minutes < 60 ? `${minutes} min` : `${minutes / 60} h`;
}

/** One per edge of RESPONSE_BUCKETS_MIN, then the open last bucket (chat lives in the first few). */
const BUCKET_LABELS = [
  ...repo.RESPONSE_BUCKETS_MIN.map((m) => `≤${edgeLabel(m)}`),
  `>${edgeLabel(repo.RESPONSE_BUCKETS_MIN.at(-1)!)}`,
];

export async function responseTimesReport(
  db: Db,
  orgId: string,
  q: { from?: string | undefined; to?: string | undefined },
  now = new Date(),
) {
  const { start, end } = window(q.from, q.to, now);
  const stated = (await getStatedResponseTimes(db, orgId)).channels;
  const statedMinutes = Object.fromEntries(
    Object.entries(stated).map(([ch, s]) => [ch, s.minutes]),
  );
  const rows = await repo.firstResponseByChannel(db, orgId, start, end, statedMinutes);
  const byChannel = new Map(rows.map((r) => [r.channel, r]));
  const channels = CHANNELS.filter((c) => byChannel.has(c) || stated[c]);
  const round = (x: number | null) => (x === null ? null : Math.round(x * 10) / 10);
  const items = channels.map((channel: Channel) => {
    const r = byChannel.get(channel);
    const statement = stated[channel] ?? null;
    const cumulative = r?.buckets ?? [];
    const histogram = BUCKET_LABELS.map((label, i) => ({
      label,
      count: (cumulative[i] ?? 0) - (i > 0 ? (cumulative[i - 1] ?? 0) : 0),
    }));
    const n = r?.n ?? 0;
    return {
      channel,
      stated: statement,
      conversations: n,
      p50Minutes: round(r?.p50 ?? null),
      p75Minutes: round(r?.p75 ?? null),
      p90Minutes: round(r?.p90 ?? null),
      p95Minutes: round(r?.p95 ?? null),
      withinStated:
        statement && n > 0 ? Math.round(((r?.within_stated ?? 0) / n) * 1000) / 1000 : null,
      recommended: r?.p90 !== null && r?.p90 !== undefined ? recommendPromise(r.p90) : null,
      histogram,
    };
  });
  return { from: start.toISOString(), to: end.toISOString(), items };
}
