import type { Db } from "../../db/client.ts";
import { findOrgSettings, setOrgSetting } from "../orgs/index.ts";
import { CulturePrivacySchema, type CulturePrivacy } from "./culture.schemas.ts";
import * as repo from "./culture.repo.ts";

const PRIVACY_KEY = "culturePrivacy";

export const DEFAULT_PRIVACY: Readonly<CulturePrivacy> = Object.freeze({
  minGroupSize: 5,
  showAgentNames: false,
  showEvidence: true,
});

export async function getPrivacy(db: Db, orgId: string): Promise<CulturePrivacy> {
  const parsed = CulturePrivacySchema.safeParse((await findOrgSettings(db, orgId))?.[PRIVACY_KEY]);
  return parsed.success ? parsed.data : { ...DEFAULT_PRIVACY };
}

export async function setPrivacy(db: Db, orgId: string, privacy: CulturePrivacy) {
  await setOrgSetting(db, orgId, PRIVACY_KEY, privacy);
  return getPrivacy(db, orgId);
}

interface Evidence {
  source: "note" | "channel";
  /** The conversation of a note; null for a channel message. */
  conversationId: string | null;
  ts: string;
  /** The conversation's channel for a note; `source:#channel` for a channel message. */
  channel: string;
  authorName: string | null;
  spans: string[];
  text: string | null;
}

interface Cell {
  week: string;
  teamId: string | null;
  teamName: string;
  teamSize: number;
  suppressed: boolean;
  /** Marked messages in all: notes and channel messages. */
  incidents: number | null;
  notes: number | null;
  channelMessages: number | null;
  evidence: Evidence[];
}

interface Incident extends Omit<Evidence, "authorName" | "text"> {
  week: string;
  teamId: string | null;
  teamName: string | null;
  authorName: string | null;
  text: string;
}

const EVIDENCE_PER_CELL = 10;

function spansOf(row: repo.IncidentRow): string[] {
  const signal = row.result?.signals?.find((s) => s.name === "disrespect");
  return (signal?.evidence ?? []).map((e) => e.text).slice(0, 5);
}

/** Notes and channel messages in one shape, newest first. */
async function findAllIncidents(db: Db, orgId: string, since: Date): Promise<Incident[]> {
  const [notes, channels] = await Promise.all([
    repo.findIncidents(db, orgId, since),
    repo.findChannelIncidents(db, orgId, since),
  ]);
  const all: Incident[] = [
    ...notes.map((r) => ({
      source: "note" as const,
      conversationId: r.conversation_id,
      ts: r.ts,
      week: r.week,
      channel: r.channel,
      authorName: r.author_name,
      teamId: r.team_id,
      teamName: r.team_name,
      spans: spansOf(r),
      text: r.text,
    })),
    ...channels.map((r) => ({
      source: "channel" as const,
      conversationId: null,
      ts: r.ts,
      week: r.week,
      channel: `${r.source}:${r.channel}`,
      authorName: r.author_name,
      teamId: r.team_id,
      teamName: r.team_name,
      spans: r.spans,
      text: r.text,
    })),
  ];
  return all.sort((a, b) => b.ts.localeCompare(a.ts));
}

function hidden(c: Cell): Cell {
  return { ...c, incidents: null, notes: null, channelMessages: null, evidence: [] };
}

/**
 * Disrespect toward customers in internal notes and internal chat channels, per team and ISO
 * week, with the privacy rules applied: suppressed cells carry no count and no evidence.
 */
export async function disrespectByTeamWeek(db: Db, orgId: string, weeks: number, now = new Date()) {
  const privacy = await getPrivacy(db, orgId);
  const since = new Date(now.getTime() - weeks * 7 * 86_400_000);
  const [incidents, sizes] = await Promise.all([
    findAllIncidents(db, orgId, since),
    repo.teamSizes(db, orgId),
  ]);
  const sizeOf = new Map(sizes.map((s) => [s.team_id ?? "", s.n]));
  const orgSize = sizes.reduce((sum, s) => sum + s.n, 0);
  const cells = new Map<string, Cell>();
  for (const row of incidents) {
    const key = `${row.week}|${row.teamId ?? ""}`;
    const teamSize = sizeOf.get(row.teamId ?? "") ?? 0;
    let cell = cells.get(key);
    if (!cell) {
      cell = {
        week: row.week,
        teamId: row.teamId,
        teamName: row.teamName ?? "No team",
        teamSize,
        suppressed: teamSize < privacy.minGroupSize,
        incidents: 0,
        notes: 0,
        channelMessages: 0,
        evidence: [],
      };
      cells.set(key, cell);
    }
    cell.incidents! += 1;
    if (row.source === "note") cell.notes! += 1;
    else cell.channelMessages! += 1;
    if (!cell.suppressed && cell.evidence.length < EVIDENCE_PER_CELL)
      cell.evidence.push({
        source: row.source,
        conversationId: row.conversationId,
        ts: row.ts,
        channel: row.channel,
        authorName: privacy.showAgentNames ? row.authorName : null,
        spans: row.spans,
        text: privacy.showEvidence ? row.text.slice(0, 500) : null,
      });
  }
  const totals = new Map<string, { notes: number; incidents: number }>();
  for (const c of cells.values()) {
    const t = totals.get(c.week) ?? { notes: 0, incidents: 0 };
    totals.set(c.week, { notes: t.notes + c.notes!, incidents: t.incidents + c.incidents! });
  }
  const orgShown = orgSize >= privacy.minGroupSize;
  return {
    privacy,
    weeks: [...totals]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([week, t]) => ({
        week,
        notes: orgShown ? t.notes : null,
        incidents: orgShown ? t.incidents : null,
      })),
    cells: [...cells.values()]
      .map((c) => (c.suppressed ? hidden(c) : c))
      .sort((a, b) => b.week.localeCompare(a.week) || a.teamName.localeCompare(b.teamName)),
  };
}
