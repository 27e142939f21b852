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
  conversationId: string;
  ts: string;
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
  notes: number | null;
  evidence: Evidence[];
}

const EVIDENCE_PER_CELL = 10;

function spansOf(row: repo.IncidentRow): string[] {
  const signal = row.result?.signals?.find((s) => s.name === "disrespect");
  return (signal?.evidence ?? []).map((e) => e.text).slice(0, 5);
}

/**
 * Disrespect toward customers in internal notes, per team and ISO week, with the privacy rules
 * applied: suppressed cells carry no count and no evidence.
 */
export async function disrespectByTeamWeek(db: Db, orgId: string, weeks: number, now = new Date()) {
  const privacy = await getPrivacy(db, orgId);
  const since = new Date(now.getTime() - weeks * 7 * 86_400_000);
  const [incidents, sizes] = await Promise.all([
    repo.findIncidents(db, orgId, since),
    repo.teamSizes(db, orgId),
  ]);
  const sizeOf = new Map(sizes.map((s) => [s.team_id ?? "", s.n]));
  const orgSize = sizes.reduce((sum, s) => sum + s.n, 0);
  const cells = new Map<string, Cell>();
  for (const row of incidents) {
    const key = `${row.week}|${row.team_id ?? ""}`;
    const teamSize = sizeOf.get(row.team_id ?? "") ?? 0;
    let cell = cells.get(key);
    if (!cell) {
      cell = {
        week: row.week,
        teamId: row.team_id,
        teamName: row.team_name ?? "No team",
        teamSize,
        suppressed: teamSize < privacy.minGroupSize,
        notes: 0,
        evidence: [],
      };
      cells.set(key, cell);
    }
    cell.notes = (cell.notes ?? 0) + 1;
    if (!cell.suppressed && cell.evidence.length < EVIDENCE_PER_CELL)
      cell.evidence.push({
        conversationId: row.conversation_id,
        ts: row.ts,
        channel: row.channel,
        authorName: privacy.showAgentNames ? row.author_name : null,
        spans: spansOf(row),
        text: privacy.showEvidence ? row.text.slice(0, 500) : null,
      });
  }
  const totals = new Map<string, number>();
  for (const c of cells.values()) totals.set(c.week, (totals.get(c.week) ?? 0) + (c.notes ?? 0));
  const orgShown = orgSize >= privacy.minGroupSize;
  return {
    privacy,
    weeks: [...totals]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([week, notes]) => ({ week, notes: orgShown ? notes : null })),
    cells: [...cells.values()]
      .map((c) => (c.suppressed ? { ...c, notes: null, evidence: [] } : c))
      .sort((a, b) => b.week.localeCompare(a.week) || a.teamName.localeCompare(b.teamName)),
  };
}
