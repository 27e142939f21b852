import { Anchor, Group, Stack, Text } from "@mantine/core";
import { Link } from "react-router";
import { LoadMore } from "../../components/LoadMore";
import { EmptyMessage, ErrorState, LoadingState } from "../../components/QueryState";
import { formatDay, formatShortDateTime, todayLocal } from "../../lib/format";
import { useCoachingNotes } from "./qa.api";

/**
 * Coaching notes, newest first: an agent's own, a team's for its leaders, every note for admins. Each
 * names who was coached and by whom, and links to the evaluated conversation.
 */
export function CoachingList() {
  const notes = useCoachingNotes();
  if (notes.isPending) return <LoadingState label="Loading coaching notes…" />;
  if (notes.isError) return <ErrorState error={notes.error} onRetry={() => void notes.refetch()} />;
  const items = notes.data.pages.flatMap((p) => p.items);
  if (items.length === 0) return <EmptyMessage title="No coaching notes yet" />;
  const now = todayLocal();
  return (
    <Stack gap="xs">
      <Stack
        gap="md"
        component="ul"
        p={0}
        m={0}
        style={{ listStyle: "none" }}
        aria-label="Coaching notes"
      >
        {items.map((n) => {
          const overdue = n.followUpOn !== null && n.followUpOn < now;
          return (
            <li key={n.id}>
              <Text size="sm" fw={600}>
                {n.goal}
              </Text>
              {n.note && <Text size="sm">{n.note}</Text>}
              <Group gap="xs" wrap="wrap">
                <Text size="xs" c="dimmed">
                  {n.agent.name || "Unknown agent"}
                  {n.authorName ? ` · by ${n.authorName}` : ""} · {formatShortDateTime(n.createdAt)}
                </Text>
                <Text size="xs" c={overdue ? "red.8" : "dimmed"}>
                  {n.followUpOn
                    ? `Follow up on ${formatDay(n.followUpOn)}${overdue ? " (overdue)" : ""}`
                    : "No follow-up date"}
                </Text>
                <Anchor
                  component={Link}
                  to={`/conversations/${n.conversationId}`}
                  size="xs"
                  aria-label={`Open the conversation: ${n.goal}`}
                >
                  Open the conversation
                </Anchor>
              </Group>
            </li>
          );
        })}
      </Stack>
      <LoadMore query={notes} />
    </Stack>
  );
}
