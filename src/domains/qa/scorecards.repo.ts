import { sql } from "drizzle-orm";
import { queryRows, type Db } from "../../db/client.ts";
import type { Definition } from "./definition.ts";
import { STARTER_SCORECARDS } from "./starter.ts";
import { isoMs } from "../../lib/cursor.ts";

export interface VersionRow {
  id: string;
  scorecard_id: string;
  name: string;
  version: number;
  status: "draft" | "published" | "retired";
  channels: string[];
  definition: Definition;
  published_at: string | null;
  starter_key: string | null;
}

const VERSION_COLUMNS = sql`v.id, v.scorecard_id, s.name, s.starter_key, v.version, v.status, v.channels, v.definition,
  ${isoMs(sql`v.published_at`)} as published_at`;

/**
 * Creates the starter scorecards (phone, email, chat; version 1, published) an organization lacks.
 * Idempotent: the unique starter key makes a second call, or a concurrent one, add nothing.
 */
export async function insertStarterScorecards(db: Db, orgId: string): Promise<number> {
  const starters = Object.entries(STARTER_SCORECARDS).map(([key, d]) => ({
    key,
    name: d.name,
    channels: d.channels,
    definition: d,
  }));
  const rows = await queryRows<{ id: string }>(
    db,
    sql`with s as (
          select * from jsonb_to_recordset(${JSON.stringify(starters)}::jsonb)
            as r(key text, name text, channels jsonb, definition jsonb)
        ), ins as (
          insert into qa_scorecards (org_id, name, starter_key)
          select ${orgId}::uuid, s.name, s.key from s
          on conflict (org_id, starter_key) do nothing
          returning id, starter_key
        )
        insert into qa_scorecard_versions (org_id, scorecard_id, version, status, channels, definition, published_at)
        select ${orgId}::uuid, ins.id, 1, 'published',
          array(select jsonb_array_elements_text(s.channels)), s.definition, now()
        from ins join s on s.key = ins.starter_key
        returning id`,
  );
  return rows.length;
}

/** Every version that is published or a draft, with its scorecard's name, oldest scorecard first. */
export function listCurrentVersions(db: Db, orgId: string): Promise<VersionRow[]> {
  return queryRows<VersionRow>(
    db,
    sql`select ${VERSION_COLUMNS} from qa_scorecard_versions v
        join qa_scorecards s on s.org_id = v.org_id and s.id = v.scorecard_id
        where v.org_id = ${orgId} and v.status in ('published', 'draft')
        order by s.created_at, s.name, v.version`,
  );
}

export function listPublishedVersions(db: Db, orgId: string): Promise<VersionRow[]> {
  return queryRows<VersionRow>(
    db,
    sql`select ${VERSION_COLUMNS} from qa_scorecard_versions v
        join qa_scorecards s on s.org_id = v.org_id and s.id = v.scorecard_id
        where v.org_id = ${orgId} and v.status = 'published'`,
  );
}

export async function findVersion(
  db: Db,
  orgId: string,
  scorecardId: string,
  version: number | "draft" | "published",
): Promise<VersionRow | null> {
  const which =
    typeof version === "number" ? sql`v.version = ${version}` : sql`v.status = ${version}`;
  const rows = await queryRows<VersionRow>(
    db,
    sql`select ${VERSION_COLUMNS} from qa_scorecard_versions v
        join qa_scorecards s on s.org_id = v.org_id and s.id = v.scorecard_id
        where v.org_id = ${orgId} and v.scorecard_id = ${scorecardId} and ${which}
        limit 1`,
  );
  return rows[0] ?? null;
}

export async function findVersionById(
  db: Db,
  orgId: string,
  versionId: string,
): Promise<VersionRow | null> {
  const rows = await queryRows<VersionRow>(
    db,
    sql`select ${VERSION_COLUMNS} from qa_scorecard_versions v
        join qa_scorecards s on s.org_id = v.org_id and s.id = v.scorecard_id
        where v.org_id = ${orgId} and v.id = ${versionId}`,
  );
  return rows[0] ?? null;
}

export async function insertScorecard(db: Db, orgId: string, d: Definition): Promise<string> {
  const rows = await queryRows<{ id: string }>(
    db,
    sql`with s as (insert into qa_scorecards (org_id, name) values (${orgId}, ${d.name}) returning id)
        insert into qa_scorecard_versions (org_id, scorecard_id, version, status, channels, definition)
        select ${orgId}::uuid, s.id, 1, 'draft', array(select jsonb_array_elements_text(${JSON.stringify(d.channels)}::jsonb)), ${JSON.stringify(d)}::jsonb
        from s returning scorecard_id as id`,
  );
  return rows[0]!.id;
}

/** Writes the draft (creating it with the next version number when there is none). */
export async function upsertDraft(
  db: Db,
  orgId: string,
  scorecardId: string,
  d: Definition,
): Promise<void> {
  const channels = sql`array(select jsonb_array_elements_text(${JSON.stringify(d.channels)}::jsonb))`;
  const updated = await queryRows<{ id: string }>(
    db,
    sql`update qa_scorecard_versions set definition = ${JSON.stringify(d)}::jsonb, channels = ${channels},
          updated_at = now()
        where org_id = ${orgId} and scorecard_id = ${scorecardId} and status = 'draft' returning id`,
  );
  if (updated.length === 0) {
    await db.execute(
      sql`insert into qa_scorecard_versions (org_id, scorecard_id, version, status, channels, definition)
          select ${orgId}::uuid, ${scorecardId}::uuid, coalesce(max(version), 0) + 1, 'draft', ${channels},
            ${JSON.stringify(d)}::jsonb
          from qa_scorecard_versions where org_id = ${orgId} and scorecard_id = ${scorecardId}`,
    );
  }
  await db.execute(
    sql`update qa_scorecards set name = ${d.name}, updated_at = now()
        where org_id = ${orgId} and id = ${scorecardId}`,
  );
}

/** Retires the published version and publishes the draft, in the caller's transaction. */
export async function publishDraft(
  db: Db,
  orgId: string,
  scorecardId: string,
  userId: string | null,
): Promise<void> {
  await db.execute(
    sql`update qa_scorecard_versions set status = 'retired', updated_at = now()
        where org_id = ${orgId} and scorecard_id = ${scorecardId} and status = 'published'`,
  );
  await db.execute(
    sql`update qa_scorecard_versions set status = 'published', published_at = now(),
          published_by = ${userId}, updated_at = now()
        where org_id = ${orgId} and scorecard_id = ${scorecardId} and status = 'draft'`,
  );
}

export async function insertBackfill(db: Db, orgId: string, versionId: string, total: number) {
  const rows = await queryRows<{ id: string }>(
    db,
    sql`insert into qa_backfills (org_id, version_id, total) values (${orgId}, ${versionId}, ${total})
        returning id`,
  );
  return rows[0]!.id;
}

export async function updateBackfill(
  db: Db,
  orgId: string,
  id: string,
  done: number,
  finished: boolean,
): Promise<void> {
  await db.execute(
    sql`update qa_backfills set done = ${done}, updated_at = now()
          ${finished ? sql`, finished_at = now()` : sql``}
        where org_id = ${orgId} and id = ${id}`,
  );
}

export interface BackfillRow {
  id: string;
  version_id: string;
  total: number;
  done: number;
  finished_at: string | null;
}

/** The latest back-fill of each version of a scorecard. */
export function listBackfills(db: Db, orgId: string, scorecardId: string) {
  return queryRows<BackfillRow>(
    db,
    sql`select b.id, b.version_id, b.total, b.done,
          ${isoMs(sql`b.finished_at`)} as finished_at
        from qa_backfills b join qa_scorecard_versions v on v.org_id = b.org_id and v.id = b.version_id
        where b.org_id = ${orgId} and v.scorecard_id = ${scorecardId}
        order by b.created_at desc limit 5`,
  );
}
