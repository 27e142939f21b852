import { sql } from "drizzle-orm";
import { analyzeConversation } from "../../analysis/index.ts";
import { queryRows, type Db, uuids } from "../../db/client.ts";
import * as calibration from "./calibration.repo.ts";
import { insertCoachingNote } from "./coaching.repo.ts";
import * as evaluations from "./evaluations.repo.ts";
import * as reviews from "./reviews.repo.ts";
import type { ConversationFacts, FactMessage, StoredSignal } from "./rules.ts";
import { autoAnswers, scoreAnswers, type Answer } from "./score.ts";
import * as scorecards from "./scorecards.repo.ts";

/** What the team leader coaches on after the demo's reviews; days until the follow-up. */
const COACHING = [
  {
    goal: "Close with a check that everything is solved",
    note: "The customer left without a clear answer on the second question. Ask before you close.",
    days: 7,
  },
  {
    goal: "Say why when a policy says no",
    note: "“As per policy” alone reads as a brush-off; one sentence of reason keeps the customer with you.",
    days: 14,
  },
  { goal: "Confirm the order number before promising a refund", note: "", days: null },
] as const;

/**
 * QA activity for the demo organization: a few reviews by the QA analyst (two correct an automatic
 * answer), a dispute by the demo agent, a completed calibration between the analyst and the team
 * leader, coaching notes the leader wrote from three reviews of different agents, and two queued
 * conversations of the leader's team claimed for review (one by the analyst, one by the leader). Runs inside
 * the seed's transaction, before the background analysis, so it runs the engine itself on the
 * chosen conversations: the automatic answers it corrects are the ones the automatic QA will store
 * once the analysis has run.
 */
export async function seedDemoQa(db: Db, orgId: string, now = new Date()): Promise<void> {
  const users = await queryRows<{
    role: string;
    user_id: string;
    team_id: string | null;
    agent_id: string | null;
  }>(
    db,
    sql`select m.role, m.user_id, m.team_id, a.id as agent_id from memberships m
        left join agents a on a.org_id = m.org_id and a.user_id = m.user_id
        where m.org_id = ${orgId}`,
  );
  const qa = users.find((u) => u.role === "qa")?.user_id;
  const lead = users.find((u) => u.role === "leader");
  const leader = lead?.user_id;
  const agent = users.find((u) => u.role === "agent" && u.agent_id);
  if (!qa || !leader || !agent) return;
  const picked = await queryRows<{ id: string }>(
    db,
    sql`(select id from conversations where org_id = ${orgId} and agent_id = ${agent.agent_id}
          and message_count >= 4 order by started_at desc limit 3)
        union all
        (select id from conversations where org_id = ${orgId} and agent_id <> ${agent.agent_id}
          and message_count >= 4 order by started_at desc limit 5)`,
  );
  const ids = picked.map((p) => p.id);
  const versions = await scorecards.listPublishedVersions(db, orgId);
  const keys = await evaluations.loadConversationKeys(db, orgId, ids);
  const messages = await evaluations.loadFactMessages(db, orgId, ids, { fullText: true });
  const reviewed: { evaluationId: string; agentId: string | null; teamId: string | null }[] = [];
  for (const [i, id] of ids.entries()) {
    const conv = keys.find((k) => k.id === id)!;
    const version = versions.find((v) => v.channels.includes(conv.channel));
    if (!version) continue;
    const facts = analysedFacts(messages.get(id) ?? [], conv.agent_id);
    const auto = autoAnswers(version.definition, facts);
    const answers = humanAnswers(auto, i);
    const insert = (reviewer: string, sessionId: string | null, a: Answer[]) =>
      reviews.insertHumanEvaluation(db, orgId, {
        conversationId: id,
        scorecardId: version.scorecard_id,
        versionId: version.id,
        version: version.version,
        reviewerUserId: reviewer,
        calibrationSessionId: sessionId,
        agentId: conv.agent_id,
        teamId: conv.team_id,
        customerId: conv.customer_id,
        channel: conv.channel,
        week: conv.week,
        score: scoreAnswers(version.definition, a),
        answers: a,
        comments: [],
      });
    const evaluationId = await insert(qa, null, answers);
    if (evaluationId) reviewed.push({ evaluationId, agentId: conv.agent_id, teamId: conv.team_id });
    if (i === ids.length - 1) {
      const sessionId = await calibration.insertSession(db, orgId, {
        name: "Demo calibration",
        versionId: version.id,
        conversationIds: [id],
        reviewerUserIds: [qa, leader],
        createdBy: leader,
        dueAt: null,
      });
      await insert(qa, sessionId, answers);
      await insert(leader, sessionId, humanAnswers(auto, i + 1));
    }
  }
  const disputed = reviewed.find((r) => r.agentId === agent.agent_id);
  if (disputed)
    await reviews.insertDispute(db, orgId, {
      evaluationId: disputed.evaluationId,
      agentId: agent.agent_id!,
      raisedBy: agent.user_id,
      keys: [],
      reason: "The customer's issue was solved on the follow-up call; please look again.",
    });
  // One note per agent, the leader's own team first (a team-scoped leader sees only those).
  const mineFirst = [...reviewed].sort(
    (a, b) => Number(b.teamId === lead?.team_id) - Number(a.teamId === lead?.team_id),
  );
  const coached = mineFirst.filter(
    (r, i) => r.agentId && mineFirst.findIndex((o) => o.agentId === r.agentId) === i,
  );
  for (const [i, c] of COACHING.entries()) {
    const r = coached[i];
    if (!r) break;
    await insertCoachingNote(db, orgId, {
      evaluationId: r.evaluationId,
      agentId: r.agentId!,
      authorUserId: leader,
      messageIds: [],
      goal: c.goal,
      note: c.note,
      followUpOn:
        c.days === null
          ? null
          : new Date(now.getTime() + c.days * 86_400_000).toISOString().slice(0, 10),
    });
  }
  await claimDemoReviews(db, orgId, lead?.team_id ?? null, [qa, leader], ids, now);
}

/**
 * Two of the team's recent conversations (not among the reviewed) queued as the weekly sample and
 * handed out, the first to `claimants[0]`, the second to `claimants[1]`: the queue shows who
 * reviews what. The automatic QA later finds them queued and leaves them as they are.
 */
async function claimDemoReviews(
  db: Db,
  orgId: string,
  teamId: string | null,
  claimants: string[],
  reviewed: string[],
  now: Date,
) {
  if (!teamId) return;
  const picked = await queryRows<{ id: string; agent_id: string | null }>(
    db,
    sql`select id, agent_id from conversations where org_id = ${orgId} and team_id = ${teamId}
          and message_count >= 4 and not (id = any(${uuids(reviewed)}))
        order by started_at desc limit ${claimants.length}`,
  );
  await reviews.insertAssignments(
    db,
    orgId,
    picked.map((p) => ({
      conversation_id: p.id,
      reason: "random_weekly",
      agent_id: p.agent_id,
      team_id: teamId,
    })),
  );
  // Handed out, not claimed: a claim of a day or two ago would lapse (settings.qa.claimLapseHours)
  // minutes after the demo starts, and the queue would no longer show who reviews what.
  for (const [i, p] of picked.entries())
    await db.execute(sql`update qa_review_assignments set assignee_user_id = ${claimants[i]!},
        claimed_at = ${new Date(now.getTime() - (i + 1) * 86_400_000)}, claim_kind = 'assigned'
        where org_id = ${orgId} and conversation_id = ${p.id}`);
}

/** The engine's signals for each message, as the analysis job would store them. */
function analysedFacts(list: FactMessage[], agentId: string | null): ConversationFacts {
  const result = analyzeConversation(
    list.map((m) => ({
      role: m.role,
      text: m.text,
      ts: m.ts,
      ...(m.agentId ? { author: m.agentId } : {}),
    })),
  );
  return {
    agentId,
    messages: list.map((m, i) => ({
      ...m,
      signals: (result.messages[i]?.signals ?? []) as unknown as StoredSignal[],
    })),
  };
}

/** The rule's answers, the human criterion answered, and on every third review one correction. */
function humanAnswers(auto: Answer[], i: number): Answer[] {
  let corrected = i % 3 !== 0;
  return auto.map((a) => {
    if (a.answer === "pending") return { ...a, answer: i % 4 === 3 ? "fail" : "pass" };
    if (corrected || a.answer === "na") return a;
    corrected = true;
    const original = {
      answer: a.answer,
      ...(a.confidence === undefined ? {} : { confidence: a.confidence }),
    };
    return { ...a, answer: a.answer === "pass" ? "fail" : "pass", original };
  });
}
