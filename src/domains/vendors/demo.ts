import type { Db } from "../../db/client.ts";
import * as repo from "./vendors.repo.ts";
import type { ContractBody } from "./vendors.schemas.ts";
import { addContract, createVendor } from "./vendors.service.ts";
import { importVendorMetrics } from "./statement.service.ts";

/**
 * Demo vendors: Harbor Contact owns Orders & Delivery under a contract whose last full month misses
 * the imported answer-within-20-seconds and abandonment levels ($13,200 owed); Lakeside BPO owns
 * Accounts & Security and misses only its stricter CSAT level, so the side-by-side view shows the
 * difference. Telephony figures are imported as a vendor would send them; QA, CSAT and first-contact
 * resolution come from the demo's own data, which moves with the day the demo is seeded on (a month's
 * CSAT has drawn 59–70 % on ~100 answers, QA 61–66). Targets therefore sit well clear of that range,
 * so the story, and the journey that checks it, hold on any day.
 */
const bands = (steps: [number, number | null, number][]) =>
  steps.map(([from, to, creditPercent]) => ({ from, to, creditPercent }));

function contract(
  name: string,
  startsOn: string,
  fee: number,
  targets: { answer: number; satisfaction: number },
): ContractBody {
  return {
    name,
    startsOn,
    endsOn: null,
    monthlyFee: fee,
    currency: "USD",
    capPercent: 15,
    serviceLevels: [
      {
        metric: "answer_within",
        target: targets.answer,
        thresholdSeconds: 20,
        bands: bands([
          [0, 2, 2],
          [2, 5, 4],
          [5, null, 8],
        ]),
      },
      {
        metric: "abandonment",
        target: 5,
        bands: bands([
          [0, 1, 1],
          [1, 3, 3],
          [3, null, 5],
        ]),
      },
      {
        metric: "qa_score",
        target: 55,
        bands: bands([
          [0, 5, 2],
          [5, null, 4],
        ]),
      },
      {
        metric: "satisfaction",
        target: targets.satisfaction,
        bands: bands([
          [0, 5, 2],
          [5, null, 4],
        ]),
      },
      {
        metric: "fcr",
        target: 50,
        bands: bands([
          [0, 5, 1],
          [5, null, 3],
        ]),
      },
    ],
  };
}

function monthsBack(now: Date, n: number) {
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - n, 1));
  return d.toISOString().slice(0, 7);
}

export async function seedDemoVendors(db: Db, orgId: string, now = new Date()): Promise<void> {
  const teams = await repo.listOrgTeams(db, orgId);
  const team = (name: string) => teams.filter((t) => t.name === name).map((t) => t.id);
  const start = monthsBack(now, 6);
  const harbor = await createVendor(db, orgId, {
    name: "Harbor Contact",
    teamIds: team("Orders & Delivery"),
  });
  await addContract(
    db,
    orgId,
    harbor.id,
    contract("Harbor 2026 master services", start, 120_000, { answer: 80, satisfaction: 50 }),
  );
  const lakeside = await createVendor(db, orgId, {
    name: "Lakeside BPO",
    teamIds: team("Accounts & Security"),
  });
  await addContract(
    db,
    orgId,
    lakeside.id,
    contract("Lakeside support agreement", start, 85_000, { answer: 75, satisfaction: 75 }),
  );
  const lines = (figures: [number, number, number][]) =>
    ["month,metric,value"]
      .concat(
        figures.flatMap(([back, answer, abandon]) => [
          `${monthsBack(now, back)},answer_within,${answer}`,
          `${monthsBack(now, back)},abandonment,${abandon}`,
        ]),
      )
      .join("\n");
  await importVendorMetrics(
    db,
    orgId,
    harbor.id,
    lines([
      [3, 82.4, 4.1],
      [2, 81.0, 4.6],
      [1, 74.2, 6.8],
      [0, 79.1, 5.2],
    ]),
  );
  await importVendorMetrics(
    db,
    orgId,
    lakeside.id,
    lines([
      [3, 78.9, 3.2],
      [2, 80.3, 2.9],
      [1, 77.6, 3.5],
      [0, 76.0, 3.9],
    ]),
  );
}
