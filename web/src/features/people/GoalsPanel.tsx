import {
  Button,
  Group,
  NumberInput,
  Paper,
  Progress,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { useState } from "react";
import {
  formatFigure,
  formatInterval,
  useCreateGoal,
  useGoals,
  usePeopleSettings,
  type Goal,
} from "./scorecards.api";

const STATUS: Record<Goal["status"], string> = {
  met_confidently: "Met (whole interval)",
  met: "Met",
  on_track: "On track",
  behind: "Behind",
  no_data: "No data yet",
};

export function GoalsTable({ goals, names }: { goals: Goal[]; names: Map<string, string> }) {
  if (goals.length === 0) return <Text size="sm">No goals yet.</Text>;
  return (
    <Table.ScrollContainer minWidth={600}>
      <Table>
        <Table.Caption>Goals with progress measured from the scorecards</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">For</Table.Th>
            <Table.Th scope="col">Metric</Table.Th>
            <Table.Th scope="col">Target</Table.Th>
            <Table.Th scope="col">Now (95 %)</Table.Th>
            <Table.Th scope="col">Progress</Table.Th>
            <Table.Th scope="col">Due</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {goals.map((g) => (
            <Table.Tr key={g.id}>
              <Table.Td>
                {g.scope === "org" ? "Organization" : (names.get(g.subjectId ?? "") ?? g.scope)}
              </Table.Td>
              <Table.Td>{g.label}</Table.Td>
              <Table.Td>{formatFigure(g.metric, g.target)}</Table.Td>
              <Table.Td>
                {formatFigure(g.metric, g.current.value)} (
                {formatInterval(g.metric, g.current.ci95)}, n {g.current.n})
              </Table.Td>
              <Table.Td>
                <Progress
                  value={(g.progress ?? 0) * 100}
                  aria-label={`Progress ${Math.round((g.progress ?? 0) * 100)} %`}
                />
                <Text size="xs">{STATUS[g.status]}</Text>
              </Table.Td>
              <Table.Td>{g.dueOn}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** Goals of a team and its agents, and a form to set one. */
export function GoalsPanel({
  teamId,
  agents,
}: {
  teamId: string;
  agents: { id: string; name: string }[];
}) {
  const goals = useGoals({ teamId });
  const settings = usePeopleSettings();
  const create = useCreateGoal();
  const [subject, setSubject] = useState<string | null>(`team:${teamId}`);
  const [metric, setMetric] = useState<string | null>("qa_auto");
  const [target, setTarget] = useState<string | number>(80);
  const [dueOn, setDueOn] = useState(
    new Date(Date.now() + 60 * 86_400_000).toISOString().slice(0, 10),
  );
  const names = new Map(agents.map((a) => [a.id, a.name]));
  names.set(teamId, "This team");
  const handleSubmit = (e: React.FormEvent) => {
    e.preventDefault();
    if (!subject || !metric) return;
    const [scope, id] = subject.split(":") as ["agent" | "team" | "org", string];
    create.mutate({
      scope,
      subjectId: scope === "org" ? null : id,
      metric,
      target: Number(target),
      dueOn,
    });
  };
  return (
    <Paper withBorder p="md">
      <Stack>
        <Title order={2} size="h4">
          Goals
        </Title>
        <form onSubmit={handleSubmit} aria-label="Set a goal">
          <Group align="end" wrap="wrap">
            <Select
              label="Goal for"
              value={subject}
              onChange={setSubject}
              data={[
                { value: `team:${teamId}`, label: "This team" },
                { value: "org:", label: "Organization" },
                ...agents.map((a) => ({ value: `agent:${a.id}`, label: a.name })),
              ]}
            />
            <Select
              label="Metric"
              value={metric}
              onChange={setMetric}
              data={(settings.data?.metrics ?? []).map((m) => ({ value: m.key, label: m.label }))}
            />
            <NumberInput label="Target" value={target} onChange={setTarget} decimalScale={3} />
            <TextInput
              label="Due on"
              type="date"
              value={dueOn}
              onChange={(e) => setDueOn(e.currentTarget.value)}
            />
            <Button type="submit" loading={create.isPending}>
              Set goal
            </Button>
          </Group>
          {create.isError && (
            <Text c="red.8" size="sm" role="alert">
              {create.error.message}
            </Text>
          )}
        </form>
        <GoalsTable goals={goals.data?.items ?? []} names={names} />
      </Stack>
    </Paper>
  );
}
