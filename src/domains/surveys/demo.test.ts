import { expect, it } from "vitest";
import { JOB_DEFINITIONS } from "../../jobs/registry.ts";
import { Queue } from "../../jobs/queue.ts";
import { startWorker } from "../../jobs/worker.ts";
import { createLogger } from "../../logger.ts";
import { enqueueMissingAnalyses } from "../conversations/index.ts";
import { seedDemo } from "../demo/index.ts";
import { describeEachBackend } from "../../../test/db.ts";
import { listFollowUps } from "./follow-ups.service.ts";
import { listPulses, pulseResults } from "./pulse.service.ts";
import { budgetReport, overviewReport, predictedVsActual } from "./reports.service.ts";

describeEachBackend("survey demo data", ({ database }) => {
  it("gives the reports a budget history, answers that track prediction, and follow-ups", async () => {
    const db = database().db;
    const queue = new Queue(db);
    const { orgId } = await seedDemo(db, { conversations: 400, now: new Date() });
    const budget = await budgetReport(db, orgId);
    expect(budget.invited).toBeGreaterThan(20);
    expect(budget.suppressed.find((s) => s.reason === "cooldown")!.count).toBeGreaterThan(0);
    const { items: followUps } = await listFollowUps(db, orgId, {});
    expect(followUps.some((f) => f.status === "closed" && f.customerNotifiedAt)).toBe(true);
    expect(followUps.some((f) => f.status === "open")).toBe(true);
    // Last month's pulse shows by team with the small team merged; this month's is open.
    const [open, closed] = await listPulses(db, orgId, null);
    expect([open!.open, closed!.open]).toEqual([true, false]);
    const pulse = await pulseResults(db, orgId, closed!.id);
    expect(pulse.overall.n).toBe(20);
    expect(pulse.groups.map((g) => [g.label, g.n])).toEqual([
      ["Billing & Payments", 9],
      ["Other teams", 11],
    ]);

    // Once the demo is analysed, predicted satisfaction meets the answers, and the analysis
    // announcements decide nothing new (the history already decided every resolved conversation).
    await enqueueMissingAnalyses({ db, queue }, orgId);
    const worker = startWorker({ db, queue, logger: createLogger("silent") }, JOB_DEFINITIONS, {
      pollMs: 60_000,
    });
    await worker.drain();
    await worker.stop();
    const report = await predictedVsActual(db, orgId);
    expect(report.overall.n).toBeGreaterThan(10);
    expect(report.overall.mae).toBeLessThan(1.5);
    expect(report.overall.spearman).toBeGreaterThan(0.2);
    expect((await budgetReport(db, orgId)).invited).toBe(budget.invited);
    const overview = await overviewReport(db, orgId, 120);
    expect(overview.responseRate.responded).toBeGreaterThan(0);
    expect(overview.trend.length).toBeGreaterThan(3);
  }, 120_000);
});
