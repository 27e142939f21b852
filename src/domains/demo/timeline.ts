import type { Channel } from "../../db/schema/index.ts";
import type { Rng } from "./prng.ts";
import type { AgentStyle } from "./roster.ts";
import type { Turn } from "./compose.ts";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

// Relative contact volume by hour of day (UTC, which the demo treats as the contact centre's
// local time). Phone and chat follow opening hours; email trickles in overnight; social peaks
// in the evening.
const HOUR_WEIGHTS: Record<Channel, readonly number[]> = {
  phone: [
    0, 0, 0, 0, 0, 0, 0.05, 0.3, 1, 1.4, 1.5, 1.4, 1.1, 1.3, 1.4, 1.3, 1.1, 0.8, 0.4, 0.15, 0.05, 0,
    0, 0,
  ],
  chat: [
    0.02, 0, 0, 0, 0, 0, 0.05, 0.3, 0.9, 1.2, 1.3, 1.3, 1.2, 1.3, 1.3, 1.2, 1.1, 0.9, 0.7, 0.6, 0.5,
    0.3, 0.1, 0.05,
  ],
  email: [
    0.2, 0.1, 0.1, 0.1, 0.1, 0.2, 0.4, 0.7, 1, 1.2, 1.2, 1.1, 1, 1.1, 1.1, 1, 0.9, 0.8, 0.7, 0.7,
    0.6, 0.5, 0.4, 0.3,
  ],
  social: [
    0.2, 0.1, 0.05, 0.05, 0.05, 0.1, 0.2, 0.4, 0.6, 0.8, 0.9, 1, 1.1, 1, 1, 1, 1.1, 1.2, 1.3, 1.4,
    1.3, 1.1, 0.7, 0.4,
  ],
  sms: [
    0, 0, 0, 0, 0, 0, 0.1, 0.4, 1, 1.2, 1.2, 1.1, 1, 1.1, 1.1, 1, 0.9, 0.7, 0.5, 0.3, 0.2, 0.1, 0,
    0,
  ],
  other: Array.from({ length: 24 }, () => 1),
};
// Sunday … Saturday: weekends get a fraction of weekday volume.
const WEEKDAY_WEIGHTS = [0.3, 1, 1.05, 1, 1, 0.9, 0.4];

/** Day weights for a window, computed once per window rather than once per conversation. */
const dayWeightCache = new Map<string, { firstMidnight: number; weights: number[] }>();

function dayWeightsFor(windowStart: number, latest: number) {
  const key = `${windowStart}:${latest}`;
  const hit = dayWeightCache.get(key);
  if (hit) return hit;
  const days = Math.max(1, Math.ceil((latest - windowStart) / DAY));
  const firstMidnight = Math.floor(windowStart / DAY) * DAY;
  const weights: number[] = [];
  for (let d = 0; d <= days; d++) {
    const date = new Date(firstMidnight + d * DAY);
    // Volume grows ~20% over the window so trend charts have a slope.
    weights.push((WEEKDAY_WEIGHTS[date.getUTCDay()] ?? 1) * (0.9 + (0.2 * d) / days));
  }
  if (dayWeightCache.size > 16) dayWeightCache.clear();
  const entry = { firstMidnight, weights };
  dayWeightCache.set(key, entry);
  return entry;
}

/** A start time inside [windowStart, latest), weighted to weekdays and business hours. */
export function pickStart(rng: Rng, channel: Channel, windowStart: number, latest: number): Date {
  const { firstMidnight, weights: dayWeights } = dayWeightsFor(windowStart, latest);
  const hours = HOUR_WEIGHTS[channel];
  for (let attempt = 0; attempt < 50; attempt++) {
    const day = firstMidnight + rng.weighted(dayWeights) * DAY;
    const t = day + rng.weighted(hours) * HOUR + Math.floor(rng.next() * HOUR);
    if (t >= windowStart && t < latest) return new Date(t);
  }
  return new Date(windowStart + rng.next() * (latest - windowStart));
}

export interface TimedTurn extends Turn {
  ts: Date;
  startOffset: number | null;
  endOffset: number | null;
}

// Median reply gaps in seconds (log-normal around these), per channel and side.
const GAPS: Record<
  Exclude<Channel, "phone">,
  { agent: number; customer: number; sigma: number }
> = {
  chat: { agent: 70, customer: 45, sigma: 0.7 },
  email: { agent: 3 * 3600, customer: 2 * 3600, sigma: 0.9 },
  social: { agent: 25 * 60, customer: 12 * 60, sigma: 0.9 },
  sms: { agent: 8 * 60, customer: 5 * 60, sigma: 0.8 },
  other: { agent: 600, customer: 600, sigma: 0.8 },
};
const SLOW_FACTOR: Record<AgentStyle, number> = {
  exemplary: 0.7,
  solid: 1,
  brisk: 0.8,
  curt: 1.8,
  policy: 1.6,
};

/** Timestamps (and, for phone, speech offsets in seconds) for each turn. */
export function timeTurns(
  rng: Rng,
  channel: Channel,
  style: AgentStyle,
  start: Date,
  turns: Turn[],
): TimedTurn[] {
  const t0 = start.getTime();
  if (channel === "phone") {
    let clock = rng.range(0.5, 2);
    return turns.map((turn) => {
      const words = turn.text.split(/\s+/).length;
      // ~150 words a minute plus a little hesitation per utterance.
      const duration = words / rng.range(2.2, 2.9) + rng.range(0.2, 0.8);
      if (turn.role === "agent" && rng.chance(0.04)) clock += rng.range(30, 150); // a hold
      if (turn.role === "agent" && rng.chance(0.25)) clock += rng.range(4, 20); // looking it up
      const startOffset = Math.round(clock * 100) / 100;
      const endOffset = Math.round((clock + duration) * 100) / 100;
      clock = endOffset + rng.range(0.2, 1.4);
      return { ...turn, ts: new Date(t0 + startOffset * 1000), startOffset, endOffset };
    });
  }
  const gaps = GAPS[channel];
  let clock = t0;
  return turns.map((turn, i) => {
    if (i > 0) {
      const median =
        turn.role === "bot"
          ? 2
          : turn.role === "agent"
            ? gaps.agent * SLOW_FACTOR[style]
            : gaps.customer;
      clock += Math.max(1_000, rng.logNormal(median, gaps.sigma) * 1000);
    }
    return { ...turn, ts: new Date(Math.round(clock)), startOffset: null, endOffset: null };
  });
}
