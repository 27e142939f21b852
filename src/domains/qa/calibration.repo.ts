import { sql } from "drizzle-orm";
import { queryRows, type Db, uuids } from "../../db/client.ts";
import { isoMs, keysetAt, pastKeyset } from "../../lib/cursor.ts";

export interface SessionRow {
  id: string;
  name: string;
  version_id: string;
  conversation_ids: string[];
  reviewer_user_ids: string[];
  created_by: string;
  due_at: string | null;
  created_at: string;
}

const COLUMNS = sql`id, name, version_id, conversation_ids, reviewer_user_ids, created_by,
  ${isoMs(sql`due_at`)} as due_at,
  ${isoMs(sql`created_at`)} as created_at`;

export async function insertSession(
  db: Db,
  orgId: string,
  s: {
    name: string;
    versionId: string;
    conversationIds: string[];
    reviewerUserIds: string[];
    createdBy: string;
    dueAt: string | null;
  },
): Promise<string> {
  const rows = await queryRows<{ id: string }>(
    db,
    sql`insert into qa_calibration_sessions (org_id, name, version_id, conversation_ids, reviewer_user_ids,
          created_by, due_at)
        values (${orgId}, ${s.name}, ${s.versionId}, ${uuids(s.conversationIds)},
          ${uuids(s.reviewerUserIds)}, ${s.createdBy}, ${s.dueAt}::timestamptz)
        returning id`,
  );
  return rows[0]!.id;
}

export async function findSession(db: Db, orgId: string, id: string): Promise<SessionRow | null> {
  const rows = await queryRows<SessionRow>(
    db,
    sql`select ${COLUMNS} from qa_calibration_sessions where org_id = ${orgId} and id = ${id}`,
  );
  return rows[0] ?? null;
}

export type ListedSession = SessionRow & { cursor_at: string };

/**
 * One page of sessions, newest first, after the `before` row; with `awaitingUserId`, only sessions
 * that user reviews and has not answered in full.
 */
export function listSessions(
  db: Db,
  orgId: string,
  page: { limit: number; before?: { at: string; id: string }; awaitingUserId?: string },
): Promise<ListedSession[]> {
  const awaiting = page.awaitingUserId;
  return queryRows<ListedSession>(
    db,
    sql`select ${COLUMNS}, ${keysetAt(sql`created_at`)} as cursor_at
        from qa_calibration_sessions s
        where org_id = ${orgId}
          ${page.before ? sql`and ${pastKeyset(sql`created_at`, sql`id`, page.before)}` : sql``}
          ${
            awaiting
              ? sql`and ${awaiting}::uuid = any(reviewer_user_ids)
                  and (select count(*) from qa_evaluations e where e.org_id = s.org_id
                        and e.calibration_session_id = s.id and e.reviewer_user_id = ${awaiting})
                      < cardinality(conversation_ids)`
              : sql``
          }
        order by created_at desc, id desc
        limit ${page.limit}`,
  );
}

/** Which of the users are members who may review (admin, leader, qa). */
export async function findReviewers(db: Db, orgId: string, userIds: readonly string[]) {
  const rows = await queryRows<{ user_id: string }>(
    db,
    sql`select user_id from memberships where org_id = ${orgId} and role in ('admin', 'leader', 'qa')
          and user_id = any(${uuids(userIds)})`,
  );
  return new Set(rows.map((r) => r.user_id));
}

/** Submitted calibration evaluations per reviewer of the sessions `sessionIds`. */
export async function countSubmitted(db: Db, orgId: string, sessionIds: readonly string[]) {
  const rows = await queryRows<{ session_id: string; reviewer_user_id: string; n: number }>(
    db,
    sql`select calibration_session_id as session_id, reviewer_user_id, count(*)::int as n
        from qa_evaluations where org_id = ${orgId}
          and calibration_session_id = any(${uuids(sessionIds)})
        group by calibration_session_id, reviewer_user_id`,
  );
  return new Map(rows.map((r) => [`${r.session_id}:${r.reviewer_user_id}`, r.n]));
}

export async function existingConversations(db: Db, orgId: string, ids: readonly string[]) {
  const rows = await queryRows<{ id: string }>(
    db,
    sql`select id from conversations where org_id = ${orgId}
          and id = any(${uuids(ids)})`,
  );
  return new Set(rows.map((r) => r.id));
}

/** Email addresses of the session's reviewers who have not submitted every conversation yet. */
export async function findPendingReviewerEmails(db: Db, orgId: string, sessionId: string) {
  const rows = await queryRows<{ email: string }>(
    db,
    sql`select u.email from qa_calibration_sessions s
        cross join lateral unnest(s.reviewer_user_ids) as r(user_id)
        join users u on u.id = r.user_id
        where s.org_id = ${orgId} and s.id = ${sessionId}
          and (select count(*) from qa_evaluations e where e.org_id = s.org_id
                 and e.calibration_session_id = s.id and e.reviewer_user_id = r.user_id)
              < cardinality(s.conversation_ids)`,
  );
  return rows.map((r) => r.email);
}
