import type { Db } from "../../db/client.ts";
import { AppError } from "../../lib/errors.ts";
import { findOrgSettings, setOrgSetting } from "../orgs/index.ts";
import { anonymiseStory } from "./anonymise.ts";
import {
  DEFAULT_SCHEDULE,
  lastSlotAtOrBefore,
  nextSlotAfter,
  RecognitionScheduleSchema,
  type RecognitionSchedule,
} from "./schedule.ts";
import * as repo from "./wow.repo.ts";

const SCHEDULE_KEY = "recognitionSchedule";
/** A first run (or one after a long pause) looks back at most this far. */
const MAX_WINDOW_MS = 14 * 86_400_000;
/** Candidates one run adds per source: a curator reads them twice a week. */
const MAX_PER_SOURCE = 50;

export async function getSchedule(db: Db, orgId: string): Promise<RecognitionSchedule> {
  const settings = await findOrgSettings(db, orgId);
  const parsed = RecognitionScheduleSchema.safeParse(settings?.[SCHEDULE_KEY]);
  return parsed.success ? parsed.data : { ...DEFAULT_SCHEDULE, days: [...DEFAULT_SCHEDULE.days] };
}

export async function setSchedule(db: Db, orgId: string, schedule: RecognitionSchedule) {
  await setOrgSetting(db, orgId, SCHEDULE_KEY, {
    ...schedule,
    days: [...schedule.days].sort((a, b) => a - b),
  });
  return getSchedule(db, orgId);
}

export function scheduleView(schedule: RecognitionSchedule, now = new Date()) {
  return {
    ...schedule,
    lastSlot: lastSlotAtOrBefore(schedule, now).toISOString(),
    nextSlot: nextSlotAfter(schedule, now).toISOString(),
  };
}

/** Adds the window's candidates (praise, then top survey comments); returns how many are new. */
export async function collectCandidates(db: Db, orgId: string, since: Date, until: Date) {
  const w = { since, until, max: MAX_PER_SOURCE };
  const praise = await repo.insertPraiseCandidates(db, orgId, w);
  const survey = await repo.insertSurveyCandidates(db, orgId, w);
  return praise + survey;
}

export function toStoryView(row: repo.StoryRow) {
  return {
    id: row.id,
    conversationId: row.conversation_id,
    agentId: row.agent_id,
    agentName: row.agent_name,
    source: row.source as "praise" | "survey",
    status: row.status,
    evidence: row.evidence,
    strength: row.strength,
    title: row.title,
    story: row.story,
    collectedAt: row.collected_at,
    publishedAt: row.published_at,
  };
}

export async function listCandidates(db: Db, orgId: string, limit: number) {
  const rows = await repo.listStories(db, orgId, { status: "candidate", limit });
  return { items: rows.map(toStoryView) };
}

/** The in-app feed: published stories, newest first. Evidence stays with the curators. */
export async function feed(db: Db, orgId: string, limit: number) {
  const rows = await repo.listStories(db, orgId, { status: "published", limit });
  return { items: rows.map((r) => ({ ...toStoryView(r), evidence: [] as string[] })) };
}

async function requireCandidate(db: Db, orgId: string, id: string) {
  const row = await repo.findStory(db, orgId, id);
  if (!row) throw new AppError("WOW_STORY_NOT_FOUND", { message: "No such wow story" });
  if (row.status !== "candidate")
    throw new AppError("WOW_STORY_NOT_CANDIDATE", { message: `The story is ${row.status}` });
  return row;
}

async function customerNames(db: Db, orgId: string, conversationId: string) {
  const [names] = await repo.namesInConversation(db, orgId, conversationId);
  return names?.customer_name ? [names.customer_name] : [];
}

/**
 * What publishing would show: the curator's draft (or the evidence when there is none yet)
 * anonymised exactly as `publish` will store it.
 */
export async function previewStory(db: Db, orgId: string, id: string, draft?: string) {
  const row = await requireCandidate(db, orgId, id);
  const original = draft ?? row.evidence.join("\n\n");
  const result = anonymiseStory(original, await customerNames(db, orgId, row.conversation_id));
  return { original, anonymised: result.text, replacements: result.replacements };
}

export async function publish(
  db: Db,
  orgId: string,
  actorUserId: string | null,
  id: string,
  input: { title: string; story: string },
) {
  const row = await requireCandidate(db, orgId, id);
  const names = await customerNames(db, orgId, row.conversation_id);
  const done = await repo.publishStory(db, orgId, id, {
    title: anonymiseStory(input.title, names).text,
    story: anonymiseStory(input.story, names).text,
    publishedBy: actorUserId,
  });
  if (!done) throw new AppError("WOW_STORY_NOT_CANDIDATE", { message: "Published meanwhile" });
  return toStoryView((await repo.findStory(db, orgId, id))!);
}

export async function dismiss(db: Db, orgId: string, id: string) {
  await requireCandidate(db, orgId, id);
  if (!(await repo.dismissStory(db, orgId, id)))
    throw new AppError("WOW_STORY_NOT_CANDIDATE", { message: "Changed meanwhile" });
  return toStoryView((await repo.findStory(db, orgId, id))!);
}

/** Runs every org whose latest slot has not run yet; returns how many ran. */
export async function runDueSchedules(
  db: Db,
  now: Date,
  send: (orgId: string) => Promise<number>,
): Promise<number> {
  let ran = 0;
  for (const orgId of await repo.listOrgIds(db)) {
    const slot = lastSlotAtOrBefore(await getSchedule(db, orgId), now);
    if (now.getTime() - slot.getTime() > MAX_WINDOW_MS) continue;
    if (!(await repo.claimRun(db, orgId, slot))) continue;
    const previous = await repo.previousRunSlot(db, orgId, slot);
    const since = new Date(Math.max(previous?.getTime() ?? 0, slot.getTime() - MAX_WINDOW_MS));
    const collected = await collectCandidates(db, orgId, since, slot);
    const digestSent = await send(orgId);
    await repo.recordRun(db, orgId, slot, { collected, digestSent });
    ran += 1;
  }
  return ran;
}
