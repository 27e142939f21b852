import type { Db } from "../../src/db/client.ts";
import { bestPractices, ideas, wowStories, type RoleName } from "../../src/db/schema/index.ts";
import type { TestOrg } from "../factories.ts";
import { ALL, type RouteSpec } from "./spec.ts";

/** Recognition, ideas and culture records in organization A (`mine`) and B (`theirs`). */
const mine = {
  storyId: "",
  ideaId: "",
  bestPracticeId: "",
  agentId: "",
  userId: "",
  conversationId: "",
};
const theirs = { storyId: "", ideaId: "", bestPracticeId: "", agentId: "" };

async function insertRecords(db: Db, org: TestOrg) {
  const [story] = await db
    .insert(wowStories)
    .values({
      orgId: org.orgId,
      conversationId: org.conversationId,
      source: "praise",
      evidence: ["Thanks!"],
    })
    .returning();
  const [idea] = await db
    .insert(ideas)
    .values({ orgId: org.orgId, title: "Matrix idea", body: "Body" })
    .returning();
  const [bp] = await db
    .insert(bestPractices)
    .values({ orgId: org.orgId, conversationId: org.conversationId, criterionKey: "greeting" })
    .returning();
  return { storyId: story!.id, ideaId: idea!.id, bestPracticeId: bp!.id, agentId: org.agentId };
}

export async function setUpRecognition(db: Db, a: TestOrg, b: TestOrg): Promise<void> {
  Object.assign(mine, await insertRecords(db, a), {
    userId: a.users.leader.id,
    conversationId: a.conversationId,
  });
  Object.assign(theirs, await insertRecords(db, b));
}

const CURATORS: RoleName[] = ["admin", "leader", "qa"];
const LEADERS: RoleName[] = ["admin", "leader"];
const REVIEWERS: RoleName[] = ["admin", "leader", "exec"];

const story = (tail: string, spec: Omit<RouteSpec, "path" | "foreignPath">): RouteSpec => ({
  ...spec,
  path: () => `/api/v1/wow-stories/${mine.storyId}${tail}`,
  foreignPath: () => `/api/v1/wow-stories/${theirs.storyId}${tail}`,
});
const idea = (tail: string, spec: Omit<RouteSpec, "path" | "foreignPath">): RouteSpec => ({
  ...spec,
  path: () => `/api/v1/ideas/${mine.ideaId}${tail}`,
  foreignPath: () => `/api/v1/ideas/${theirs.ideaId}${tail}`,
});
const privacy = () => ({ minGroupSize: 5, showAgentNames: false, showEvidence: true });

export const RECOGNITION_ROUTES: Record<string, RouteSpec> = {
  "GET /api/v1/wow-stories": { roles: ALL, scope: "read", path: () => "/api/v1/wow-stories" },
  "GET /api/v1/wow-stories/candidates": {
    roles: CURATORS,
    scope: "read",
    path: () => "/api/v1/wow-stories/candidates",
  },
  "POST /api/v1/wow-stories/collect": {
    roles: CURATORS,
    scope: "write",
    path: () => "/api/v1/wow-stories/collect",
    body: () => ({ days: 1 }),
  },
  "POST /api/v1/wow-stories/{id}/preview": story("/preview", {
    roles: CURATORS,
    scope: "write",
    body: () => ({ draft: "Draft" }),
  }),
  "POST /api/v1/wow-stories/{id}/publish": story("/publish", {
    roles: CURATORS,
    scope: "write",
    body: () => ({ title: "T", story: "S" }),
  }),
  "POST /api/v1/wow-stories/{id}/dismiss": story("/dismiss", { roles: CURATORS, scope: "write" }),
  "GET /api/v1/wow-stories/digest": {
    roles: CURATORS,
    scope: "read",
    path: () => "/api/v1/wow-stories/digest",
  },
  "POST /api/v1/wow-stories/digest": {
    roles: LEADERS,
    scope: "write",
    path: () => "/api/v1/wow-stories/digest",
  },
  "GET /api/v1/recognition/schedule": {
    roles: CURATORS,
    scope: "read",
    path: () => "/api/v1/recognition/schedule",
  },
  "PUT /api/v1/recognition/schedule": {
    roles: LEADERS,
    scope: "admin",
    path: () => "/api/v1/recognition/schedule",
    body: () => ({ days: [2, 5], hour: 9, timeZone: "UTC" }),
  },
  // Kudos are person to person: sessions only.
  "POST /api/v1/kudos": {
    roles: ALL,
    scope: null,
    path: () => "/api/v1/kudos",
    body: () => ({ toUserId: mine.userId, conversationId: mine.conversationId, message: "Thanks" }),
  },
  "GET /api/v1/kudos": { roles: ALL, scope: null, path: () => "/api/v1/kudos" },
  "GET /api/v1/kudos/colleagues": {
    roles: ALL,
    scope: null,
    path: () => "/api/v1/kudos/colleagues",
  },
  "GET /api/v1/recognition/me": { roles: ALL, scope: null, path: () => "/api/v1/recognition/me" },
  "GET /api/v1/recognition/agents/{id}": {
    roles: ALL,
    scope: "read",
    path: () => `/api/v1/recognition/agents/${mine.agentId}`,
    foreignPath: () => `/api/v1/recognition/agents/${theirs.agentId}`,
  },
  "GET /api/v1/best-practices": { roles: ALL, scope: "read", path: () => "/api/v1/best-practices" },
  "GET /api/v1/best-practices/candidates": {
    roles: CURATORS,
    scope: "read",
    path: () => "/api/v1/best-practices/candidates?criterion=greeting",
  },
  "POST /api/v1/best-practices": {
    roles: CURATORS,
    scope: "write",
    path: () => "/api/v1/best-practices",
    body: () => ({ conversationId: mine.conversationId, criterionKey: "greeting" }),
  },
  "DELETE /api/v1/best-practices/{id}": {
    roles: CURATORS,
    scope: "write",
    path: () => `/api/v1/best-practices/${mine.bestPracticeId}`,
    foreignPath: () => `/api/v1/best-practices/${theirs.bestPracticeId}`,
  },
  "GET /api/v1/ideas": { roles: ALL, scope: "read", path: () => "/api/v1/ideas" },
  "POST /api/v1/ideas": {
    roles: ALL,
    scope: "write",
    path: () => "/api/v1/ideas",
    body: () => ({ title: "Idea", body: "Body" }),
  },
  "GET /api/v1/ideas/{id}": idea("", { roles: ALL, scope: "read" }),
  "PATCH /api/v1/ideas/{id}": idea("", {
    roles: REVIEWERS,
    scope: "write",
    body: () => ({ status: "reviewing" }),
  }),
  "POST /api/v1/ideas/{id}/votes": idea("/votes", { roles: ALL, scope: "write" }),
  "POST /api/v1/ideas/{id}/comments": idea("/comments", {
    roles: ALL,
    scope: "write",
    body: () => ({ body: "Comment" }),
  }),
  // Culture quotes what colleagues wrote: leaders only, and API keys need the admin scope.
  "GET /api/v1/culture/disrespect": {
    roles: LEADERS,
    scope: "admin",
    path: () => "/api/v1/culture/disrespect",
  },
  "GET /api/v1/culture/privacy": {
    roles: LEADERS,
    scope: "admin",
    path: () => "/api/v1/culture/privacy",
  },
  "PUT /api/v1/culture/privacy": {
    roles: ["admin"],
    scope: "admin",
    path: () => "/api/v1/culture/privacy",
    body: privacy,
  },
  // Forwarded internal chat: an integration's ingest key, or an admin.
  "POST /api/v1/culture/channel-messages": {
    roles: ["admin"],
    scope: "ingest",
    path: () => "/api/v1/culture/channel-messages",
    body: () => ({
      source: "slack",
      items: [
        {
          externalId: "m-1",
          channel: "#team",
          sentAt: "2026-12-01T10:00:00Z",
          text: "Lunch at noon?",
        },
      ],
    }),
  },
};
