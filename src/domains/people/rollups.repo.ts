import { sql, type SQL } from "drizzle-orm";
import { queryRows, type Db } from "../../db/client.ts";
import type { RollupKey } from "./facts.repo.ts";
import { METRIC_KEYS, METRICS } from "./metrics.ts";

/**
 * A stratum's mean is trusted from this many conversations on; below it, expected falls back to the
 * coarser stratum (reason and channel), then to the org's mean.
 */
export const MIN_STRATUM_N = 5;

/** Each fact row unpivoted into (metric, y); `conversations` counts every conversation (y = 1). */
const UNPIVOT = sql.raw(
  `cross join lateral (values ('conversations', 1::float8), ${METRIC_KEYS.map(
    (k) => `('${k}', f.${METRICS[k].column})`,
  ).join(", ")}) m(metric, y)`,
);

/** Recomputes the org's stratum means from all its facts (full, coarse and whole-org levels). */
export async function refreshBaselines(db: Db, orgId: string): Promise<void> {
  await db.transaction(async (tx) => {
    await lockOrg(tx, orgId);
    await tx.execute(sql`delete from people_baselines where org_id = ${orgId}::uuid`);
    await tx.execute(sql`
      insert into people_baselines (org_id, stratum, metric, n, mean)
      select ${orgId}::uuid, s.stratum, m.metric, count(*), avg(m.y)
      from people_conversation_facts f ${UNPIVOT}
      cross join lateral (values (f.stratum), (f.coarse_stratum), ('*')) s(stratum)
      where f.org_id = ${orgId}::uuid and m.y is not null and m.metric <> 'conversations'
      group by s.stratum, m.metric`);
  });
}

/** Serialises rollup writers of one org (a delete-and-insert rebuild must not interleave). */
async function lockOrg(db: Db, orgId: string) {
  await db.execute(sql`select pg_advisory_xact_lock(hashtext(${`people:${orgId}`}))`);
}

/**
 * Rebuilds the rollup rows of these (agent, week) keys and the org rows of their weeks from the
 * facts, with each conversation's expected value read from the baselines. `all` rebuilds the org.
 */
export async function rebuildRollups(db: Db, orgId: string, keys: RollupKey[] | "all") {
  if (keys !== "all" && keys.length === 0) return;
  const org = sql`${orgId}::uuid`;
  const weeks = keys === "all" ? null : [...new Set(keys.map((k) => k.week))];
  const agentIds = keys === "all" ? null : [...new Set(keys.flatMap((k) => k.agentId ?? []))];
  const weekIn = (col: SQL) =>
    weeks
      ? sql`${col} = any(array[${sql.join(
          weeks.map((w) => sql`${w}::date`),
          sql`, `,
        )}])`
      : sql`true`;
  // The (agent, week) pairs as two array parameters: a long list of row constructors in the
  // query text overflowed PGlite's WebAssembly stack (a catch-up of 5,000 conversations aborted).
  const agentKeys = keys === "all" ? [] : keys.filter((k) => k.agentId);
  const pairs = sql`(select a, w from unnest(
    ${`{${agentKeys.map((k) => k.agentId).join(",")}}`}::uuid[],
    ${`{${agentKeys.map((k) => k.week).join(",")}}`}::date[]) as p(a, w))`;
  const pairIn = keys === "all" ? sql`true` : sql`(f.agent_id, f.week) in ${pairs}`;
  const hasAgentKeys = keys === "all" || (agentIds?.length ?? 0) > 0;
  await db.transaction(async (tx) => {
    await lockOrg(tx, orgId);
    if (keys === "all") {
      await tx.execute(sql`delete from people_rollups where org_id = ${org}`);
    } else {
      await tx.execute(sql`delete from people_rollups r where r.org_id = ${org} and (
        (r.agent_id is null and ${weekIn(sql`r.week`)}) or
        ${hasAgentKeys ? sql`(r.agent_id, r.week) in ${pairs}` : sql`false`})`);
    }
    const select = (where: SQL, agentCols: SQL, groupBy: SQL) => sql`
      insert into people_rollups (org_id, agent_id, team_id, week, metric, n, sum, sum_sq, sum_expected, sum_residual_sq)
      select ${org}, ${agentCols}, f.week, m.metric, count(*), sum(m.y), sum(m.y * m.y),
             sum(e.expected), sum((m.y - e.expected) * (m.y - e.expected))
      from people_conversation_facts f ${UNPIVOT}
      left join people_baselines b1 on b1.org_id = f.org_id and b1.stratum = f.stratum and b1.metric = m.metric
      left join people_baselines b2 on b2.org_id = f.org_id and b2.stratum = f.coarse_stratum and b2.metric = m.metric
      left join people_baselines b3 on b3.org_id = f.org_id and b3.stratum = '*' and b3.metric = m.metric
      cross join lateral (select case when m.metric = 'conversations' then 1::float8 else coalesce(
        case when b1.n >= ${MIN_STRATUM_N} then b1.mean end,
        case when b2.n >= ${MIN_STRATUM_N} then b2.mean end,
        b3.mean, m.y) end as expected) e
      where f.org_id = ${org} and m.y is not null and ${where}
      group by ${groupBy}, f.week, m.metric`;
    if (hasAgentKeys) {
      await tx.execute(
        select(
          sql`f.agent_id is not null and ${pairIn}`,
          sql`f.agent_id, f.team_id`,
          sql`f.agent_id, f.team_id`,
        ),
      );
    }
    await tx.execute(select(weekIn(sql`f.week`), sql`null::uuid, null::uuid`, sql`1`));
  });
}

export interface SumRow {
  /** The agent or team of the row (null: the org's own rows, or `groupBy: "none"`). */
  key: string | null;
  week: string | null;
  metric: string;
  n: number;
  sum: number;
  sumSq: number;
  sumExpected: number;
  sumResidualSq: number;
}

export interface SumsFilter {
  orgId: string;
  fromWeek: string;
  toWeek: string;
  /** Some agents' rows, a team's (conversations handled in it), every agent's, or the org's own. */
  subject: { agentIds: string[] } | { teamId: string } | { allAgents: true } | { org: true };
  groupBy: "agent" | "team" | "none";
  byWeek?: boolean;
}

/** Sums of the rollups per agent or team (and week), per metric. */
export async function sumRollups(db: Db, f: SumsFilter): Promise<SumRow[]> {
  const s = f.subject;
  if ("agentIds" in s && s.agentIds.length === 0) return [];
  const who =
    "agentIds" in s
      ? sql`agent_id = any(array[${sql.join(
          s.agentIds.map((id) => sql`${id}::uuid`),
          sql`, `,
        )}]::uuid[])`
      : "teamId" in s
        ? sql`team_id = ${s.teamId}::uuid and agent_id is not null`
        : "allAgents" in s
          ? sql`agent_id is not null`
          : sql`agent_id is null`;
  const key =
    f.groupBy === "agent" ? sql`agent_id` : f.groupBy === "team" ? sql`team_id` : sql`null::uuid`;
  const week = f.byWeek ? sql`to_char(week, 'YYYY-MM-DD')` : sql`null::text`;
  return queryRows<SumRow>(
    db,
    sql`select ${key} as key, ${week} as week, metric, sum(n)::int as n, sum(sum) as sum,
          sum(sum_sq) as "sumSq", sum(sum_expected) as "sumExpected",
          sum(sum_residual_sq) as "sumResidualSq"
        from people_rollups
        where org_id = ${f.orgId}::uuid and week >= ${f.fromWeek}::date and week <= ${f.toWeek}::date
          and ${who}
        group by 1, 2, metric`,
  );
}

/**
 * A team's sums in one scan: per agent (week null) and per week (key null), by grouping sets. The
 * team view needs both, and reading its rows twice was half its time.
 */
export async function sumTeamRollups(
  db: Db,
  f: { orgId: string; teamId: string; fromWeek: string; toWeek: string },
): Promise<SumRow[]> {
  return queryRows<SumRow>(
    db,
    sql`select agent_id as key, to_char(week, 'YYYY-MM-DD') as week, metric, sum(n)::int as n,
          sum(sum) as sum, sum(sum_sq) as "sumSq", sum(sum_expected) as "sumExpected",
          sum(sum_residual_sq) as "sumResidualSq"
        from people_rollups
        where org_id = ${f.orgId}::uuid and team_id = ${f.teamId}::uuid and agent_id is not null
          and week >= ${f.fromWeek}::date and week <= ${f.toWeek}::date
        group by grouping sets ((agent_id, metric), (week, metric))`,
  );
}

/** How many of these conversations' coarse strata (reason|channel) have no stratum mean. */
export async function countWithoutBaseline(db: Db, orgId: string, ids: string[]): Promise<number> {
  if (ids.length === 0) return 0;
  const rows = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from people_conversation_facts f
        where f.org_id = ${orgId}::uuid and f.conversation_id = any(array[${sql.join(
          ids.map((id) => sql`${id}::uuid`),
          sql`, `,
        )}]::uuid[])
          and not exists (select 1 from people_baselines b
                          where b.org_id = f.org_id and b.stratum = f.coarse_stratum)`,
  );
  return rows[0]?.n ?? 0;
}

export async function countBaselines(db: Db, orgId: string): Promise<number> {
  const rows = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from people_baselines where org_id = ${orgId}::uuid`,
  );
  return rows[0]?.n ?? 0;
}

/**
 * Whether the stratum means are stale: some metric now has more than twice the conversations its
 * whole-org baseline was computed from (or has none). Read from the org's rollup rows, so it costs
 * a few hundred rows, not a scan of the facts; rebasing on doubling keeps the total work linear.
 */
export async function baselinesStale(db: Db, orgId: string): Promise<boolean> {
  const rows = await queryRows<{ metric: string }>(
    db,
    sql`select r.metric from people_rollups r
        left join people_baselines b on b.org_id = r.org_id and b.stratum = '*' and b.metric = r.metric
        where r.org_id = ${orgId}::uuid and r.agent_id is null and r.metric <> 'conversations'
        group by r.metric having sum(r.n) > 2 * coalesce(max(b.n), 0) limit 1`,
  );
  return rows.length > 0;
}
