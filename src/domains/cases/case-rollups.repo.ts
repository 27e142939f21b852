import { sql } from "drizzle-orm";
import { queryRows, type Db } from "../../db/client.ts";

export const NO_TEAM = "00000000-0000-0000-0000-000000000000";

export interface RollupFacts {
  week: string;
  teamId: string;
  channel: string;
  category: string;
  resolved: number;
  firstResponseMet: number;
  resolutionMet: number;
  breached: number;
  firstResponseMinutes: number;
  resolutionMinutes: number;
}

/** Adds (sign 1) or takes back (sign -1) one case's facts under its key. */
export async function addRollup(db: Db, orgId: string, f: RollupFacts, sign: 1 | -1) {
  await db.execute(sql`
    insert into case_rollups (org_id, week, team_id, channel, category, resolved, first_response_met,
      resolution_met, breached, first_response_minutes, resolution_minutes)
    values (${orgId}, ${f.week}, ${f.teamId}, ${f.channel}, ${f.category}, ${sign * f.resolved},
      ${sign * f.firstResponseMet}, ${sign * f.resolutionMet}, ${sign * f.breached},
      ${sign * f.firstResponseMinutes}, ${sign * f.resolutionMinutes})
    on conflict (org_id, week, team_id, channel, category) do update set
      resolved = case_rollups.resolved + excluded.resolved,
      first_response_met = case_rollups.first_response_met + excluded.first_response_met,
      resolution_met = case_rollups.resolution_met + excluded.resolution_met,
      breached = case_rollups.breached + excluded.breached,
      first_response_minutes = case_rollups.first_response_minutes + excluded.first_response_minutes,
      resolution_minutes = case_rollups.resolution_minutes + excluded.resolution_minutes,
      updated_at = now()`);
}

export type ComplianceDimension = "team" | "channel" | "category";

/** Compliance per team, channel or category over weeks [fromWeek, toWeek]. */
export async function complianceBy(
  db: Db,
  orgId: string,
  by: ComplianceDimension,
  fromWeek: string,
  toWeek: string,
) {
  const key =
    by === "team" ? sql`r.team_id::text` : by === "channel" ? sql`r.channel` : sql`r.category`;
  const label =
    by === "team"
      ? sql`coalesce(max(t.name), 'No team')`
      : by === "channel"
        ? sql`coalesce(nullif(r.channel, ''), 'unknown')`
        : sql`coalesce(nullif(r.category, ''), 'Uncategorised')`;
  return queryRows<{
    key: string;
    label: string;
    resolved: number;
    first_response_met: number;
    resolution_met: number;
    breached: number;
    first_response_minutes: number;
    resolution_minutes: number;
  }>(
    db,
    sql`select ${key} as key, ${label} as label, sum(r.resolved)::int as resolved,
          sum(r.first_response_met)::int as first_response_met, sum(r.resolution_met)::int as resolution_met,
          sum(r.breached)::int as breached, sum(r.first_response_minutes)::float8 as first_response_minutes,
          sum(r.resolution_minutes)::float8 as resolution_minutes
        from case_rollups r
        left join teams t on t.org_id = r.org_id and t.id = r.team_id
        where r.org_id = ${orgId} and r.week >= ${fromWeek} and r.week <= ${toWeek}
        group by ${key}${by === "team" ? sql`` : sql`, ${label}`} order by 3 desc`,
  );
}
