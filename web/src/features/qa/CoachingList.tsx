import { Stack, Text } from "@mantine/core";
import { EmptyMessage, ErrorState, LoadingState } from "../../components/QueryState";
import { useCoachingNotes } from "./qa.api";

/** Coaching notes: an agent's own, or every note for leaders. */
export function CoachingList() {
  const notes = useCoachingNotes();
  if (notes.isPending) return <LoadingState label="Loading coaching notes…" />;
  if (notes.isError) return <ErrorState error={notes.error} />;
  if (notes.data.items.length === 0) return <EmptyMessage title="No coaching notes yet" />;
  return (
    <Stack gap="sm" component="ul" p={0} style={{ listStyle: "none" }} aria-label="Coaching notes">
      {notes.data.items.map((n) => (
        <li key={n.id}>
          <Text size="sm" fw={600}>
            {n.goal}
          </Text>
          {n.note && <Text size="sm">{n.note}</Text>}
          <Text size="xs" c="dimmed">
            {n.followUpOn ? `Follow up on ${n.followUpOn}` : "No follow-up date"}
          </Text>
        </li>
      ))}
    </Stack>
  );
}
