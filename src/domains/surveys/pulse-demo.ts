import type { Db } from "../../db/client.ts";
import * as repo from "./pulse.repo.ts";
import { DEFAULT_PULSE_QUESTION } from "./pulse.schemas.ts";

const DAY_MS = 86_400_000;
/** Answers per team: Accounts & Security has too few to show and is merged (the privacy rule). */
const ANSWERS: Record<string, { scores: number[]; comments: string[] }> = {
  "Billing & Payments": {
    scores: [10, 9, 9, 8, 10, 7, 6, 9, 10],
    comments: ["The new refund tool saves me an hour a day.", "Too many policy scripts."],
  },
  "Orders & Delivery": {
    scores: [6, 7, 9, 5, 8, 10, 4, 7],
    comments: ["Courier tracking gaps make every call harder."],
  },
  "Accounts & Security": { scores: [9, 3, 8], comments: [] },
};

/**
 * The demo's employee pulse: last month's anonymous eNPS pulse, closed, with answers by team
 * (one team under five respondents, so the merge shows), and this month's, open and unanswered
 * so every demo login sees it on their page.
 */
export async function seedPulseDemo(db: Db, orgId: string, now: Date) {
  const names = await repo.teamNames(db, orgId);
  const teamId = new Map([...names].map(([id, name]) => [name, id]));
  const opened = new Date(now.getTime() - 40 * DAY_MS);
  const last = await repo.insertPulse(db, {
    orgId,
    name: "Last month's pulse",
    question: DEFAULT_PULSE_QUESTION,
    anonymous: true,
    teamIds: null,
    invited: 30,
    closesAt: new Date(opened.getTime() + 14 * DAY_MS),
    closedAt: new Date(opened.getTime() + 14 * DAY_MS),
    createdAt: opened,
    updatedAt: opened,
  });
  let day = 0;
  for (const [team, { scores, comments }] of Object.entries(ANSWERS)) {
    for (const [i, score] of scores.entries()) {
      await repo.insertResponse(db, {
        orgId,
        pulseId: last!.id,
        teamId: teamId.get(team) ?? null,
        userId: null,
        score,
        comment: comments[i] ?? null,
        answeredOn: new Date(opened.getTime() + (day++ % 10) * DAY_MS).toISOString().slice(0, 10),
      });
    }
  }
  await repo.insertPulse(db, {
    orgId,
    name: "This month's pulse",
    question: DEFAULT_PULSE_QUESTION,
    anonymous: true,
    teamIds: null,
    invited: await repo.countAudience(db, orgId, null),
    closesAt: new Date(now.getTime() + 14 * DAY_MS),
    createdAt: new Date(now.getTime() - DAY_MS),
    updatedAt: new Date(now.getTime() - DAY_MS),
  });
}
