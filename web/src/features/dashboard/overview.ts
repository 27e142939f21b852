import type { Overview } from "../../lib/types";
import { signalInfo } from "../conversations/signals";

export interface ExperienceRow {
  day: string;
  /** Mean predicted satisfaction, 1–5; null on a day with no analysed conversation. */
  satisfaction: number | null;
  /** Share of analysed conversations whose customer sentiment was negative, in percent. */
  negativePct: number | null;
}

/** One row per day of the overview's window, in order, gaps as nulls so the line breaks honestly. */
export function toExperienceRows(overview: Overview): ExperienceRow[] {
  const byDay = new Map(overview.days.map((d) => [d.day, d]));
  const rows: ExperienceRow[] = [];
  const end = Date.parse(`${overview.to}T00:00:00Z`);
  for (let t = Date.parse(`${overview.from}T00:00:00Z`); t <= end; t += 86_400_000) {
    const day = new Date(t).toISOString().slice(0, 10);
    const d = byDay.get(day);
    rows.push({
      day,
      satisfaction: d?.satisfaction ?? null,
      negativePct: d && d.analysed > 0 ? Math.round((d.negative / d.analysed) * 1000) / 10 : null,
    });
  }
  return rows;
}

/** What customers raised most often (customer-side signals), most frequent first. */
export function topCustomerSignals(overview: Overview, limit: number) {
  return overview.signals
    .filter((s) => signalInfo(s.signal).side === "customer")
    .slice(0, limit)
    .map((s) => ({ label: signalInfo(s.signal).label, conversations: s.conversations }));
}
