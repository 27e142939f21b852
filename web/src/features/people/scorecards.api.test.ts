import { describe, expect, it } from "vitest";
import { formatFigure, metricScale } from "./scorecards.api";

describe("metricScale", () => {
  it("draws each bounded metric on its whole scale", () => {
    expect(metricScale("predicted_satisfaction")?.domain).toEqual([1, 5]);
    expect(metricScale("qa_auto")?.domain).toEqual([0, 100]);
    expect(metricScale("ces")?.domain).toEqual([1, 7]);
    expect(metricScale("nps")?.domain).toEqual([-100, 100]);
  });
  it("labels a share's ticks as percentages, as the table shows it", () => {
    const fcr = metricScale("fcr");
    expect(fcr?.domain).toEqual([0, 1]);
    expect(fcr?.tick(0.25)).toBe("25 %");
    expect(formatFigure("fcr", 0.25)).toBe("25.0 %");
  });
  it("leaves times to the data", () => {
    expect(metricScale("handle_minutes")).toBeUndefined();
  });
});
