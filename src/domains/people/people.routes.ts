import { createRoute, z } from "@hono/zod-openapi";
import { ALL_ROLES, requireAccess, sessionPrincipal } from "../../http/auth.middleware.ts";
import {
  createRouter,
  jsonBody,
  jsonResponse,
  standardErrors,
  UuidParamSchema,
} from "../../http/openapi.ts";
import { listAlerts } from "./alerts.service.ts";
import {
  createCoaching,
  draftAgenda,
  getCoaching,
  listCoachingViews,
  patchCoaching,
} from "./coaching.service.ts";
import { createGoal, listGoalViews, removeGoal } from "./goals.service.ts";
import { getAgentHome } from "./home.service.ts";
import { METRIC_KEYS, METRICS } from "./metrics.ts";
import {
  getAgentScorecard,
  getLeaderboard,
  getOrgScorecards,
  getTeamScorecards,
} from "./people.service.ts";
import * as s from "./people.schemas.ts";
import { readPeopleSettings, writePeopleSettings } from "./settings.ts";

const readers = requireAccess({ roles: ALL_ROLES, scope: "read" });
const leaders = requireAccess({ roles: ["admin", "leader", "qa", "exec"], scope: "read" });
const coaches = requireAccess({ roles: ["admin", "leader", "qa"], scope: "write" });
const goalSetters = requireAccess({ roles: ["admin", "leader"], scope: "write" });
const admins = requireAccess({ roles: ["admin"], scope: "admin" });
const sessionOnly = requireAccess({ roles: ALL_ROLES });

const tags = ["people"];
// Goals, drop alerts and coaching sessions: their own group in the API reference and web types.
const coachingTags = ["people-coaching"];

const routes = {
  agent: createRoute({
    method: "get",
    path: "/agents/{id}/scorecard",
    tags,
    summary:
      "An agent's holistic scorecard: each metric observed, expected for their case mix, adjusted, n and 95 % intervals, with weekly trends. Agents see only their own unless the org opts in.",
    middleware: [readers] as const,
    request: { params: UuidParamSchema, query: s.PeriodQuerySchema },
    responses: { 200: jsonResponse(s.AgentScorecardSchema, "The scorecard"), ...standardErrors },
  }),
  team: createRoute({
    method: "get",
    path: "/teams/{id}/scorecards",
    tags,
    summary:
      "A team's scorecards: the team's figures, its trend and each agent's, with rank ranges the intervals support",
    middleware: [readers] as const,
    request: { params: UuidParamSchema, query: s.PeriodQuerySchema },
    responses: {
      200: jsonResponse(s.TeamScorecardsSchema, "The team's scorecards"),
      ...standardErrors,
    },
  }),
  org: createRoute({
    method: "get",
    path: "/people/scorecards",
    tags,
    summary: "The org's scorecard and each team's",
    middleware: [readers] as const,
    request: { query: s.PeriodQuerySchema },
    responses: {
      200: jsonResponse(s.OrgScorecardsSchema, "The org's scorecards"),
      ...standardErrors,
    },
  }),
  leaderboard: createRoute({
    method: "get",
    path: "/people/leaderboard",
    tags,
    summary:
      "Agents by adjusted overall points with supported rank ranges (403 unless the org opted in)",
    middleware: [readers] as const,
    request: { query: s.PeriodQuerySchema },
    responses: { 200: jsonResponse(s.LeaderboardSchema, "The leaderboard"), ...standardErrors },
  }),
  getSettings: createRoute({
    method: "get",
    path: "/people/settings",
    tags,
    summary: "Weights per role, team roles, privacy opt-ins and the metric list",
    middleware: [readers] as const,
    responses: { 200: jsonResponse(s.PeopleSettingsSchema, "The settings"), ...standardErrors },
  }),
  putSettings: createRoute({
    method: "put",
    path: "/people/settings",
    tags,
    summary: "Set weights per role (each role's must add up to 1), team roles and privacy opt-ins",
    middleware: [admins] as const,
    request: jsonBody(s.PeopleSettingsBodySchema),
    responses: { 200: jsonResponse(s.PeopleSettingsSchema, "The settings"), ...standardErrors },
  }),
  listGoals: createRoute({
    method: "get",
    path: "/people/goals",
    tags: coachingTags,
    summary: "Goals with progress measured from the scorecards",
    middleware: [readers] as const,
    request: { query: s.GoalListQuerySchema },
    responses: {
      200: jsonResponse(z.object({ items: z.array(s.GoalSchema) }), "Goals"),
      ...standardErrors,
    },
  }),
  createGoal: createRoute({
    method: "post",
    path: "/people/goals",
    tags: coachingTags,
    summary: "Set a goal on a scorecard metric for an agent, a team or the org",
    middleware: [goalSetters] as const,
    request: jsonBody(s.CreateGoalBodySchema),
    responses: { 201: jsonResponse(s.GoalSchema, "The goal"), ...standardErrors },
  }),
  deleteGoal: createRoute({
    method: "delete",
    path: "/people/goals/{id}",
    tags: coachingTags,
    summary: "Remove a goal",
    middleware: [goalSetters] as const,
    request: { params: UuidParamSchema },
    responses: { 204: { description: "Removed" }, ...standardErrors },
  }),
  alerts: createRoute({
    method: "get",
    path: "/people/alerts",
    tags: coachingTags,
    summary:
      "Agents whose adjusted metric dropped significantly, with the test and conversations to coach on",
    middleware: [leaders] as const,
    request: { query: z.object({ teamId: z.uuid().optional() }) },
    responses: { 200: jsonResponse(s.AlertsSchema, "Alerts"), ...standardErrors },
  }),
  draft: createRoute({
    method: "post",
    path: "/people/coaching/agenda",
    tags: coachingTags,
    summary:
      "Draft a coaching agenda from an agent's scorecard gaps, with best and worst conversations",
    middleware: [coaches] as const,
    request: jsonBody(s.AgendaDraftBodySchema),
    responses: { 200: jsonResponse(s.AgendaSchema, "The drafted agenda"), ...standardErrors },
  }),
  listCoaching: createRoute({
    method: "get",
    path: "/people/coaching-sessions",
    tags: coachingTags,
    summary: "Coaching sessions with their measured effect (agents: their own only)",
    middleware: [readers] as const,
    request: { query: s.CoachingListQuerySchema },
    responses: {
      200: jsonResponse(z.object({ items: z.array(s.CoachingSchema) }), "Sessions"),
      ...standardErrors,
    },
  }),
  createCoaching: createRoute({
    method: "post",
    path: "/people/coaching-sessions",
    tags: coachingTags,
    summary: "Record a coaching session (agenda drafted when none is sent)",
    middleware: [coaches] as const,
    request: jsonBody(s.CreateCoachingBodySchema),
    responses: { 201: jsonResponse(s.CoachingSchema, "The session"), ...standardErrors },
  }),
  getCoaching: createRoute({
    method: "get",
    path: "/people/coaching-sessions/{id}",
    tags: coachingTags,
    summary: "A coaching session with the coached metric before and after, with intervals",
    middleware: [readers] as const,
    request: { params: UuidParamSchema },
    responses: { 200: jsonResponse(s.CoachingSchema, "The session"), ...standardErrors },
  }),
  patchCoaching: createRoute({
    method: "patch",
    path: "/people/coaching-sessions/{id}",
    tags: coachingTags,
    summary: "Update a session's notes, commitments or follow-up date",
    middleware: [coaches] as const,
    request: { params: UuidParamSchema, ...jsonBody(s.PatchCoachingBodySchema) },
    responses: { 200: jsonResponse(s.CoachingSchema, "The session"), ...standardErrors },
  }),
  home: createRoute({
    method: "get",
    path: "/me/home",
    tags,
    summary: "The signed-in agent's own scorecard, goals and coaching",
    middleware: [sessionOnly] as const,
    request: { query: s.PeriodQuerySchema },
    responses: { 200: jsonResponse(s.AgentHomeSchema, "The agent's home"), ...standardErrors },
  }),
};

async function settingsView(db: Parameters<typeof readPeopleSettings>[0], orgId: string) {
  const settings = await readPeopleSettings(db, orgId);
  const metrics = METRIC_KEYS.map((key) => ({
    key,
    label: METRICS[key].label,
    higherIsBetter: METRICS[key].higherIsBetter,
  }));
  return { ...settings, metrics };
}

export function peopleRoutes() {
  const r = createRouter();
  r.openapi(routes.agent, async (c) =>
    c.json(
      await getAgentScorecard(
        c.var.deps.db,
        c.var.principal!,
        c.req.valid("param").id,
        c.req.valid("query"),
      ),
      200,
    ),
  );
  r.openapi(routes.team, async (c) =>
    c.json(
      await getTeamScorecards(
        c.var.deps.db,
        c.var.principal!,
        c.req.valid("param").id,
        c.req.valid("query"),
      ),
      200,
    ),
  );
  r.openapi(routes.org, async (c) =>
    c.json(await getOrgScorecards(c.var.deps.db, c.var.principal!, c.req.valid("query")), 200),
  );
  r.openapi(routes.leaderboard, async (c) =>
    c.json(await getLeaderboard(c.var.deps.db, c.var.principal!, c.req.valid("query")), 200),
  );
  r.openapi(routes.getSettings, async (c) =>
    c.json(await settingsView(c.var.deps.db, c.var.principal!.orgId), 200),
  );
  r.openapi(routes.putSettings, async (c) => {
    const orgId = c.var.principal!.orgId;
    await writePeopleSettings(c.var.deps.db, orgId, c.req.valid("json"));
    return c.json(await settingsView(c.var.deps.db, orgId), 200);
  });
  r.openapi(routes.listGoals, async (c) =>
    c.json(await listGoalViews(c.var.deps.db, c.var.principal!, c.req.valid("query")), 200),
  );
  r.openapi(routes.createGoal, async (c) =>
    c.json(await createGoal(c.var.deps.db, c.var.principal!, c.req.valid("json")), 201),
  );
  r.openapi(routes.deleteGoal, async (c) => {
    await removeGoal(c.var.deps.db, c.var.principal!, c.req.valid("param").id);
    return c.body(null, 204);
  });
  r.openapi(routes.alerts, async (c) =>
    c.json(await listAlerts(c.var.deps.db, c.var.principal!, c.req.valid("query")), 200),
  );
  r.openapi(routes.draft, async (c) => {
    const b = c.req.valid("json");
    return c.json(await draftAgenda(c.var.deps.db, c.var.principal!, b.agentId, b), 200);
  });
  r.openapi(routes.listCoaching, async (c) =>
    c.json(await listCoachingViews(c.var.deps.db, c.var.principal!, c.req.valid("query")), 200),
  );
  r.openapi(routes.createCoaching, async (c) =>
    c.json(await createCoaching(c.var.deps.db, c.var.principal!, c.req.valid("json")), 201),
  );
  r.openapi(routes.getCoaching, async (c) =>
    c.json(await getCoaching(c.var.deps.db, c.var.principal!, c.req.valid("param").id), 200),
  );
  r.openapi(routes.patchCoaching, async (c) =>
    c.json(
      await patchCoaching(
        c.var.deps.db,
        c.var.principal!,
        c.req.valid("param").id,
        c.req.valid("json"),
      ),
      200,
    ),
  );
  r.openapi(routes.home, async (c) =>
    c.json(await getAgentHome(c.var.deps.db, sessionPrincipal(c), c.req.valid("query")), 200),
  );
  return r;
}
