import { describe, expect, it } from "vitest";
import { formatFigure, metricAxis } from "./scorecards.api";

describe("metricAxis", () => {
  it("draws each bounded metric on its whole scale", () => {
    expect(metricAxis({ key: "predicted_satisfaction", scale: [1, 5] })?.domain).toEqual([1, 5]);
    expect(metricAxis({ key: "qa_auto", scale: [0, 100] })?.domain).toEqual([0, 100]);
    expect(metricAxis({ key: "ces", scale: [1, 7] })?.domain).toEqual([1, 7]);
    expect(metricAxis({ key: "nps", scale: [-100, 100] })?.domain).toEqual([-100, 100]);
  });
  it("labels a share's ticks as percentages, as the table shows it", () => {
    const fcr = metricAxis({ key: "fcr", scale: [0, 1] });
    expect(fcr?.domain).toEqual([0, 1]);
    expect(fcr?.tick(0.25)).toBe("25 %");
    expect(formatFigure("fcr", 0.25)).toBe("25.0 %");
  });
  it("leaves times to the data", () => {
    expect(metricAxis({ key: "handle_minutes", scale: [0, null] })).toBeUndefined();
  });
});
