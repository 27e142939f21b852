import { Anchor, Badge, Card, Group, List, Stack, Text, Title } from "@mantine/core";
import { Link } from "react-router";
import { formatFigure, formatInterval, type CoachingSession } from "./scorecards.api";

const VERDICT: Record<CoachingSession["effect"]["verdict"], { label: string; color: string }> = {
  improved: { label: "Improved", color: "teal" },
  worsened: { label: "Worsened", color: "red" },
  no_clear_change: { label: "No clear change", color: "gray" },
  too_early: { label: "Too early to measure", color: "gray" },
};

/** A coaching session with its measured effect: the coached metric before and after, with intervals. */
export function CoachingCard({
  session,
  showAgent,
}: {
  session: CoachingSession;
  showAgent?: boolean;
}) {
  const e = session.effect;
  const v = VERDICT[e.verdict];
  return (
    <Card withBorder component="article" aria-label={`Coaching session of ${session.heldOn}`}>
      <Stack gap="xs">
        <Group justify="space-between">
          <Title order={3} size="h5">
            {showAgent ? `${session.agentName} · ` : ""}
            {session.label} · held {session.heldOn}
          </Title>
          <Badge color={v.color} variant="light">
            Effect: {v.label}
          </Badge>
        </Group>
        <Text size="sm">
          Before ({e.before.from} – {e.before.to}): {formatFigure(e.metric, e.before.adjusted)} (95
          % {formatInterval(e.metric, e.before.ci95)}, n {e.before.n})
        </Text>
        <Text size="sm">
          After ({e.after.from} – {e.after.to}): {formatFigure(e.metric, e.after.adjusted)} (95 %{" "}
          {formatInterval(e.metric, e.after.ci95)}, n {e.after.n})
        </Text>
        {e.difference !== null && (
          <Text size="sm">
            Change: {formatFigure(e.metric, e.difference)} (95 %{" "}
            {formatInterval(e.metric, e.differenceCi95)})
          </Text>
        )}
        {session.notes && <Text size="sm">Notes: {session.notes}</Text>}
        {session.commitments.length > 0 && (
          <List size="sm" aria-label="Commitments">
            {session.commitments.map((c) => (
              <List.Item key={c}>{c}</List.Item>
            ))}
          </List>
        )}
        {session.followUpOn && <Text size="sm">Follow-up on {session.followUpOn}</Text>}
        {session.qaCoachingNoteIds.length > 0 && (
          <Anchor component={Link} to="/qa?tab=coaching" size="sm">
            {session.qaCoachingNoteIds.length} linked QA coaching note(s)
          </Anchor>
        )}
      </Stack>
    </Card>
  );
}
