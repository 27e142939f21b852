import { CHANNELS, type Channel, type VolumeStats } from "../../lib/types";
import { todayLocal } from "../../lib/format";

export type VolumeRow = { day: string } & Record<Channel, number>;

export interface VolumeSummary {
  rows: VolumeRow[];
  /** Channels that had at least one conversation in the window, in canonical order. */
  channels: Channel[];
  total: number;
  perDay: number;
  last7: number;
  prev7: number;
  busiestChannel: { channel: Channel; count: number } | null;
  byChannel: Record<Channel, number>;
  /** The chart's last day when it is today: still filling up, so its dip is not a drop. */
  partialDay: string | null;
}

function addDays(day: string, delta: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + delta);
  return d.toISOString().slice(0, 10);
}

function emptyCounts(): Record<Channel, number> {
  return Object.fromEntries(CHANNELS.map((c) => [c, 0])) as Record<Channel, number>;
}

/**
 * Pivots `{day, channel, count}` rows into one row per calendar day with a column per channel, filling
 * days without traffic with zeros so the chart's time axis is continuous.
 */
export function summarizeVolume(stats: VolumeStats, days: number): VolumeSummary {
  const byDay = new Map<string, Record<Channel, number>>();
  const byChannel = emptyCounts();
  const today = todayLocal();
  let latest = today;
  for (const { day, channel, count } of stats.days) {
    const counts = byDay.get(day) ?? emptyCounts();
    counts[channel] = (counts[channel] ?? 0) + count;
    byDay.set(day, counts);
    byChannel[channel] = (byChannel[channel] ?? 0) + count;
    if (day > latest) latest = day;
  }

  const rows: VolumeRow[] = [];
  for (let i = days - 1; i >= 0; i--) {
    const day = addDays(latest, -i);
    rows.push({ day, ...(byDay.get(day) ?? emptyCounts()) });
  }

  const dayTotal = (r: VolumeRow) => CHANNELS.reduce((sum, c) => sum + r[c], 0);
  const total = rows.reduce((sum, r) => sum + dayTotal(r), 0);
  // Week-over-week compares complete days: today is still filling up and would always look like a drop.
  const last7 = rows.slice(-8, -1).reduce((sum, r) => sum + dayTotal(r), 0);
  const prev7 = rows.slice(-15, -8).reduce((sum, r) => sum + dayTotal(r), 0);
  const channels = CHANNELS.filter((c) => byChannel[c] > 0);
  const busiest = channels.reduce<{ channel: Channel; count: number } | null>(
    (best, c) =>
      best === null || byChannel[c] > best.count ? { channel: c, count: byChannel[c] } : best,
    null,
  );

  return {
    rows,
    channels,
    total,
    perDay: rows.length > 0 ? total / rows.length : 0,
    last7,
    prev7,
    busiestChannel: busiest,
    byChannel,
    partialDay: rows.at(-1)?.day === today ? today : null,
  };
}
