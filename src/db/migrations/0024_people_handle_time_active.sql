-- Handle time counts each silence up to 10 minutes (src/domains/people/facts.repo.ts,
-- ACTIVE_GAP_SECONDS): the stored facts are recomputed here; the rollups follow at the daily rebase.
WITH ev AS (
  SELECT org_id, conversation_id, ts FROM messages
  UNION ALL SELECT org_id, id, started_at FROM conversations
  UNION ALL SELECT org_id, id, ended_at FROM conversations WHERE ended_at IS NOT NULL
), ht AS (
  SELECT org_id, conversation_id,
         sum(least(gap, 600)) FILTER (WHERE gap IS NOT NULL) / 60 AS minutes
  FROM (SELECT org_id, conversation_id,
               extract(epoch FROM ts - lag(ts) OVER (PARTITION BY org_id, conversation_id ORDER BY ts)) AS gap
        FROM ev) g
  GROUP BY org_id, conversation_id
)
UPDATE people_conversation_facts f SET handle_minutes = ht.minutes
FROM ht WHERE f.org_id = ht.org_id AND f.conversation_id = ht.conversation_id;
