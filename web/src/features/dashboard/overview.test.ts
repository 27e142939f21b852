import { describe, expect, it } from "vitest";
import type { Overview } from "../../lib/types";
import { toExperienceRows, topCustomerSignals } from "./overview";

const day = (d: string, analysed: number, negative: number, satisfaction: number | null) => ({
  day: d,
  conversations: analysed,
  analysed,
  satisfaction,
  sentiment: null,
  negative,
  neutral: analysed - negative,
  positive: 0,
});

const overview: Overview = {
  from: "2026-10-30",
  to: "2026-11-02",
  totals: { ...day("", 5, 2, 3.4), messages: 20 },
  days: [day("2026-10-30", 4, 1, 3.5), day("2026-11-02", 1, 1, 1.8)],
  signals: [
    { signal: "greeting", conversations: 9 },
    { signal: "complaint", conversations: 4 },
    { signal: "churn_threat", conversations: 2 },
  ],
};

describe("toExperienceRows", () => {
  it("has a row for every day of the window across a month boundary, with gaps as nulls", () => {
    expect(toExperienceRows(overview)).toEqual([
      { day: "2026-10-30", satisfaction: 3.5, negativePct: 25 },
      { day: "2026-10-31", satisfaction: null, negativePct: null },
      { day: "2026-11-01", satisfaction: null, negativePct: null },
      { day: "2026-11-02", satisfaction: 1.8, negativePct: 100 },
    ]);
  });
});

describe("topCustomerSignals", () => {
  it("keeps what customers raised, labelled, and leaves out the agents' signals", () => {
    expect(topCustomerSignals(overview, 1)).toEqual([{ label: "Complaint", conversations: 4 }]);
    expect(topCustomerSignals(overview, 5).map((s) => s.label)).toEqual([
      "Complaint",
      "Churn threat",
    ]);
  });
});
