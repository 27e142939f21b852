import { describe, expect, it } from "vitest";
import { todayLocal } from "../../lib/format";
import { summarizeVolume } from "./volume";

const shift = (day: string, delta: number) => {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + delta);
  return d.toISOString().slice(0, 10);
};

describe("summarizeVolume", () => {
  it("marks today as still filling up and leaves it out of the week-over-week", () => {
    const today = todayLocal();
    const s = summarizeVolume(
      {
        days: [
          { day: shift(today, -1), channel: "chat", count: 80 },
          { day: today, channel: "chat", count: 5 },
        ],
      },
      30,
    );
    expect(s.partialDay).toBe(today);
    expect(s.rows.at(-1)).toMatchObject({ day: today, chat: 5 });
    expect(s.last7).toBe(80);
  });

  it("marks nothing when the data runs past today (a server ahead of this browser's clock)", () => {
    const tomorrow = shift(todayLocal(), 1);
    const s = summarizeVolume({ days: [{ day: tomorrow, channel: "email", count: 3 }] }, 7);
    expect(s.rows.at(-1)?.day).toBe(tomorrow);
    expect(s.partialDay).toBeNull();
  });
});
