import { calendarFor, computeClocks } from "../src/domains/cases/case-clocks.ts";
import type { ClockPolicy } from "../src/domains/cases/sla.ts";
const POLICY: ClockPolicy = {
  calendar: {
    timeZone: "Europe/London",
    hours: Object.fromEntries(["mon","tue","wed","thu","fri"].map((d) => [d, [["08:00","12:30"],["13:30","18:00"]]])),
    holidayRegion: { country: "GB", region: "ENG" },
  } as never,
  targets: { firstResponseMinutes: 240, resolutionMinutes: 2400 },
  regulatory: [{ regime: "uk_fca" }] as never,
  atRiskRatio: 0.75,
};
const now = Date.now();
const statuses = ["new", "in_progress", "waiting_on_customer"];
const cases = Array.from({ length: 100_000 }, (_, i) => {
  const opened = now - ((i * 7919) % (30 * 86400)) * 1000;
  const st = statuses[i % 3]!;
  const ev = [
    { type: "opened", at: new Date(opened), data: {} },
    { type: "responded", at: new Date(opened + 2 * 47 * 60000), data: {} },
    { type: "status_changed", at: new Date(opened + 3 * 47 * 60000), data: { to: "in_progress" } },
  ];
  if (st !== "in_progress") ev.push({ type: "status_changed", at: new Date(opened + 4 * 47 * 60000), data: { to: st } });
  return ev;
});
const cal = calendarFor(POLICY);
for (let round = 0; round < 2; round++) {
  const t = performance.now();
  for (const ev of cases) computeClocks(POLICY, ev, now, cal);
  console.log(`round ${round}: ${(performance.now() - t).toFixed(0)} ms`);
}
