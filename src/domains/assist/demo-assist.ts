import type { Db } from "../../db/client.ts";
import { seedDemoArticles } from "../kb/index.ts";
import type { CreateRuleBody } from "./assist.schemas.ts";
import { adoptCuratedRewrites, createRule } from "./library.service.ts";
import { listRules } from "./assist.repo.ts";

/** The demo org's next-best-action and offer rules: retention, complaints, vulnerability, value. */
export const DEMO_RULES: CreateRuleBody[] = [
  {
    name: "Retention offer",
    kind: "offer",
    title: "Offer 10% off for 6 months (loyalty discount)",
    conditions: [
      { type: "signal", name: "churn_threat" },
      { type: "previous_offers_at_most", value: 0 },
    ],
    priority: 10,
    enabled: true,
  },
  {
    name: "Log the complaint",
    kind: "action",
    title: "Acknowledge the complaint and open a case with a time for the next step",
    conditions: [{ type: "signal", name: "complaint" }],
    priority: 20,
    enabled: true,
  },
  {
    name: "Extra support",
    kind: "action",
    title: "Offer the extra-support flag and a named contact",
    conditions: [{ type: "signal", name: "vulnerability" }],
    priority: 5,
    enabled: true,
  },
  {
    name: "Refund the duplicate",
    kind: "action",
    title: "Refund the duplicate payment now and give the date it arrives",
    conditions: [{ type: "keyword", any: ["charged twice", "double charge", "charged me twice"] }],
    priority: 15,
    enabled: true,
  },
  {
    name: "Repeat complainer",
    kind: "action",
    title: "Check the open case first and take ownership of it",
    conditions: [{ type: "open_cases_at_least", value: 1 }],
    priority: 30,
    enabled: true,
  },
  {
    name: "Gold customer upgrade",
    kind: "offer",
    title: "Offer a free month of Premium",
    conditions: [
      { type: "segment_in", values: ["gold", "vip"] },
      { type: "sentiment_below", value: 0 },
    ],
    priority: 40,
    enabled: true,
  },
];

/** The demo knowledge base, rewrite library and rules; seeding twice adds nothing new. */
export async function seedDemoAssist(db: Db, orgId: string): Promise<void> {
  await seedDemoArticles(db, orgId);
  await adoptCuratedRewrites(db, orgId);
  const existing = new Set((await listRules(db, orgId)).map((r) => r.name));
  for (const rule of DEMO_RULES) {
    if (!existing.has(rule.name)) await createRule(db, orgId, rule);
  }
}
