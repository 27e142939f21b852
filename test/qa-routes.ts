import type { Database } from "../src/db/client.ts";
import { scoreConversations } from "../src/domains/qa/index.ts";
import { buildOrg, type TestOrg } from "./factories.ts";
import { buildTestApp, loginEach, type Session, type TestApp } from "./http.ts";

export type Role = "admin" | "leader" | "qa" | "agent" | "exec";

/** An evaluation as the QA routes answer it, the fields the route tests read. */
export interface Evaluation {
  id: string;
  kind: string;
  score: number | null;
  criteria: { key: string; answer: string; original?: { answer: string } }[];
  acknowledgedAt: string | null;
}

/**
 * The QA route tests' world: an app, two organizations whose conversations carry automatic
 * evaluations, a session per role in the first, and its published chat scorecard. `review` submits
 * a human review of a conversation with that scorecard; `evaluations` reads a conversation's.
 */
export async function setUpQaRoutes(database: Database) {
  const db = database.db;
  const app: TestApp = buildTestApp(database);
  const org: TestOrg = await buildOrg(db);
  const other: TestOrg = await buildOrg(db);
  const s = await loginEach(app, org, ["admin", "leader", "qa", "agent", "exec"] as const);
  await scoreConversations(db, org.orgId, [org.conversationId, org.otherConversationId]);
  await scoreConversations(db, other.orgId, [other.conversationId]);
  const { items } = (await (await s.qa.request("GET", "/api/v1/scorecards")).json()) as {
    items: { id: string; channels: string[] }[];
  };
  const chatCardId = items.find((i) => i.channels.includes("chat"))!.id;
  const review = (who: Session, conversationId: string, answers: unknown[]) =>
    who.request("POST", `/api/v1/conversations/${conversationId}/qa/reviews`, {
      scorecardId: chatCardId,
      answers,
    });
  const evaluations = async (who: Session, id = org.conversationId) =>
    (
      (await (await who.request("GET", `/api/v1/conversations/${id}/qa`)).json()) as {
        items: Evaluation[];
      }
    ).items;
  return { app, org, other, s, chatCardId, review, evaluations };
}

export type QaRoutes = Awaited<ReturnType<typeof setUpQaRoutes>>;
