import { z } from "@hono/zod-openapi";
import { DateTime, IANAZone } from "luxon";

/**
 * When wow-story candidates are collected (and the digest goes out): on some ISO weekdays
 * (1 = Monday … 7 = Sunday) at one local hour in the org's time zone. Twice a week by default
 * (Tuesday and Friday, 09:00 UTC), as the issue asks.
 */
export const RecognitionScheduleSchema = z
  .strictObject({
    days: z
      .array(z.number().int().min(1).max(7))
      .min(1)
      .max(7)
      .refine((d) => new Set(d).size === d.length, "days: each weekday at most once"),
    hour: z.number().int().min(0).max(23),
    timeZone: z
      .string()
      .min(1)
      .max(64)
      .refine((tz) => IANAZone.isValidZone(tz), "timeZone: not an IANA time zone"),
  })
  .openapi("RecognitionSchedule");
export type RecognitionSchedule = z.infer<typeof RecognitionScheduleSchema>;

export const DEFAULT_SCHEDULE: Readonly<RecognitionSchedule> = Object.freeze({
  days: [2, 5],
  hour: 9,
  timeZone: "UTC",
});

/** The slot on the local calendar day `day` (a DateTime at that day's midnight), if it is a schedule day. */
function slotOn(schedule: RecognitionSchedule, day: DateTime): DateTime | null {
  if (!schedule.days.includes(day.weekday)) return null;
  // On a spring-forward day a missing local hour moves forward, as luxon does: the slot still exists.
  return day.set({ hour: schedule.hour, minute: 0, second: 0, millisecond: 0 });
}

/**
 * The latest scheduled slot at or before `now`. A schedule has a slot every week, so looking back
 * eight local days always finds one.
 */
export function lastSlotAtOrBefore(schedule: RecognitionSchedule, now: Date): Date {
  const local = DateTime.fromJSDate(now, { zone: schedule.timeZone }).startOf("day");
  for (let back = 0; back <= 8; back++) {
    const slot = slotOn(schedule, local.minus({ days: back }));
    if (slot && slot.toMillis() <= now.getTime()) return slot.toJSDate();
  }
  throw new Error("a weekly schedule always has a slot within eight days");
}

/** The earliest scheduled slot strictly after `now`. */
export function nextSlotAfter(schedule: RecognitionSchedule, now: Date): Date {
  const local = DateTime.fromJSDate(now, { zone: schedule.timeZone }).startOf("day");
  for (let ahead = 0; ahead <= 8; ahead++) {
    const slot = slotOn(schedule, local.plus({ days: ahead }));
    if (slot && slot.toMillis() > now.getTime()) return slot.toJSDate();
  }
  throw new Error("a weekly schedule always has a slot within eight days");
}
