import { AppError } from "../../lib/errors.ts";
import { DATE_RANGE_MESSAGE, isSaneDate } from "../../lib/input-hygiene.ts";

const DAY = 86_400_000;
/** Longest period a scorecard covers: three years of weekly rollups. */
export const MAX_PERIOD_DAYS = 3 * 366;
export const DEFAULT_PERIOD_DAYS = 90;

/** Monday (UTC) of the week holding `d`, `YYYY-MM-DD`. */
export function weekOf(d: Date): string {
  const day = (d.getUTCDay() + 6) % 7;
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() - day))
    .toISOString()
    .slice(0, 10);
}

export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
}

export interface Period {
  /** The requested bounds, `YYYY-MM-DD`. */
  from: string;
  to: string;
  /** The whole weeks the rollups answer for: Mondays of `from` and of `to`. */
  fromWeek: string;
  toWeek: string;
}

/**
 * The period of a request: `to` defaults to today, `from` to 90 days before it. Rollups are weekly,
 * so the answer covers the whole weeks holding `from` and `to` (reported back as fromWeek/toWeek).
 */
export function resolvePeriod(
  from: string | undefined,
  to: string | undefined,
  now = new Date(),
): Period {
  const toDate = to ? new Date(to) : now;
  const fromDate = from ? new Date(from) : new Date(toDate.getTime() - DEFAULT_PERIOD_DAYS * DAY);
  if (Number.isNaN(toDate.getTime()) || Number.isNaN(fromDate.getTime())) {
    throw new AppError("VALIDATION_FAILED", { message: "from and to must be dates (YYYY-MM-DD)" });
  }
  if (!isSaneDate(toDate) || !isSaneDate(fromDate)) {
    throw new AppError("VALIDATION_FAILED", { message: `from and to ${DATE_RANGE_MESSAGE}` });
  }
  if (fromDate > toDate) {
    throw new AppError("VALIDATION_FAILED", { message: "from must not be after to" });
  }
  if (toDate.getTime() - fromDate.getTime() > MAX_PERIOD_DAYS * DAY) {
    throw new AppError("VALIDATION_FAILED", {
      message: `A period covers at most ${MAX_PERIOD_DAYS} days`,
    });
  }
  return {
    from: fromDate.toISOString().slice(0, 10),
    to: toDate.toISOString().slice(0, 10),
    fromWeek: weekOf(fromDate),
    toWeek: weekOf(toDate),
  };
}
