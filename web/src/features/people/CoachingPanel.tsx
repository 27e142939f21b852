import {
  Anchor,
  Button,
  Group,
  List,
  Paper,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from "@mantine/core";
import { useState } from "react";
import { Link } from "react-router";
import { CoachingCard } from "./CoachingCard";
import {
  formatFigure,
  formatInterval,
  useCoachingSessions,
  useCreateCoaching,
  useDraftAgenda,
  type CoachingAgenda,
} from "./scorecards.api";
import { conversationTitle } from "../../lib/conversation-title";

type Example = CoachingAgenda["items"][number]["best"][number];

function Examples({ title, items }: { title: string; items: Example[] }) {
  return (
    <div>
      <Text size="sm" fw={600}>
        {title}
      </Text>
      <List size="sm">
        {items.map((x) => (
          <List.Item key={x.conversationId}>
            <Anchor component={Link} to={`/conversations/${x.conversationId}`}>
              {`${conversationTitle(x, "Conversation")} (${x.startedAt.slice(0, 10)}, ${x.value.toFixed(2)})`}
            </Anchor>
          </List.Item>
        ))}
      </List>
    </div>
  );
}

/** Draft a session from an agent's scorecard gaps, record it, and see past sessions' measured effect. */
export function CoachingPanel({ agents }: { agents: { id: string; name: string }[] }) {
  const [agentId, setAgentId] = useState<string | null>(agents[0]?.id ?? null);
  const draft = useDraftAgenda();
  const create = useCreateCoaching();
  const sessions = useCoachingSessions({ agentId: agentId ?? undefined });
  const [notes, setNotes] = useState("");
  const [commitment, setCommitment] = useState("");
  const [followUpOn, setFollowUpOn] = useState("");
  const agenda = draft.data;
  const handleSave = () => {
    if (!agentId || !agenda) return;
    create.mutate({
      agentId,
      metric: agenda.items[0]?.key ?? "qa_auto",
      notes,
      commitments: commitment ? [commitment] : [],
      followUpOn: followUpOn || null,
      qaCoachingNoteIds: agenda.qaCoachingNotes.slice(0, 5).map((n) => n.id),
      agenda: agenda.items as unknown as Record<string, unknown>[],
    });
  };
  return (
    <Paper withBorder p="md">
      <Stack>
        <Title order={2} size="h4">
          Coaching
        </Title>
        <Group align="end">
          <Select
            label="Agent to coach"
            value={agentId}
            onChange={(v) => {
              setAgentId(v);
              draft.reset();
            }}
            data={agents.map((a) => ({ value: a.id, label: a.name }))}
          />
          <Button onClick={() => agentId && draft.mutate(agentId)} loading={draft.isPending}>
            Draft coaching session
          </Button>
        </Group>
        {agenda && (
          <Stack gap="sm" aria-label="Drafted agenda" component="section">
            <Title order={3} size="h5">
              Agenda from the scorecard gaps
            </Title>
            {agenda.items.length === 0 && (
              <Text size="sm">No metric falls short of the org: nothing to fix.</Text>
            )}
            {agenda.items.map((item) => (
              <Paper key={item.key} withBorder p="sm">
                <Text fw={600}>
                  {item.label}: adjusted {formatFigure(item.key, item.adjusted)} vs org{" "}
                  {formatFigure(item.key, item.orgMean)} (95 %{" "}
                  {formatInterval(item.key, item.adjustedCi95)}, n {item.n})
                </Text>
                <Group align="start" grow>
                  <Examples title="Best examples" items={item.best} />
                  <Examples title="Worst examples" items={item.worst} />
                </Group>
              </Paper>
            ))}
            {agenda.qaCoachingNotes.length > 0 && (
              <Text size="sm">
                Follows up on {agenda.qaCoachingNotes.length} QA coaching note(s):{" "}
                {agenda.qaCoachingNotes.map((n) => n.goal).join("; ")}
              </Text>
            )}
            <Textarea
              label="Notes"
              value={notes}
              onChange={(e) => setNotes(e.currentTarget.value)}
            />
            <TextInput
              label="Commitment"
              value={commitment}
              onChange={(e) => setCommitment(e.currentTarget.value)}
            />
            <TextInput
              label="Follow-up on"
              type="date"
              value={followUpOn}
              onChange={(e) => setFollowUpOn(e.currentTarget.value)}
            />
            <Button
              onClick={handleSave}
              loading={create.isPending}
              disabled={agenda.items.length === 0}
            >
              Save coaching session
            </Button>
            {create.isSuccess && <Text role="status">Coaching session saved.</Text>}
          </Stack>
        )}
        <Title order={3} size="h5">
          Sessions and their measured effect
        </Title>
        {(sessions.data?.items ?? []).map((s) => (
          <CoachingCard key={s.id} session={s} />
        ))}
        {sessions.data?.items.length === 0 && <Text size="sm">No sessions yet.</Text>}
      </Stack>
    </Paper>
  );
}
