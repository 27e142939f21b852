import { Badge, Group, Paper, Select, SimpleGrid, Stack, Table, Text, Title } from "@mantine/core";
import { useState } from "react";
import { PageHeader } from "../components/PageHeader";
import { ErrorState, LoadingState } from "../components/QueryState";
import { CoachingPanel } from "../features/people/CoachingPanel";
import { GoalsPanel } from "../features/people/GoalsPanel";
import { MetricTable } from "../features/people/MetricTable";
import { useSession } from "../features/auth/use-session";
import { useTeams } from "../features/people/people.api";
import { AgentsIntervalChart, WeeklyTrendChart } from "../features/people/ScorecardCharts";
import {
  formatFigure,
  formatInterval,
  useAlerts,
  usePeopleSettings,
  useTeamScorecards,
  type TeamScorecards,
} from "../features/people/scorecards.api";

function AgentsTable({ data }: { data: TeamScorecards }) {
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table striped>
        <Table.Caption>
          Overall points (0–100) from adjusted values; ranks are ranges the 95 % intervals support
        </Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Agent</Table.Th>
            <Table.Th scope="col">Conversations</Table.Th>
            <Table.Th scope="col">Overall points</Table.Th>
            <Table.Th scope="col">95 % interval</Table.Th>
            <Table.Th scope="col">Rank range</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {data.agents.map((a) => (
            <Table.Tr key={a.agentId}>
              <Table.Th scope="row">{a.name}</Table.Th>
              <Table.Td>{a.conversations}</Table.Td>
              <Table.Td>{a.overall.points?.toFixed(1) ?? "—"}</Table.Td>
              <Table.Td>
                {a.overall.ci95
                  ? `${a.overall.ci95[0].toFixed(1)} – ${a.overall.ci95[1].toFixed(1)}`
                  : "—"}
              </Table.Td>
              <Table.Td>
                {a.overall.rank
                  ? a.overall.rank.best === a.overall.rank.worst
                    ? a.overall.rank.best
                    : `${a.overall.rank.best}–${a.overall.rank.worst}`
                  : "—"}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function AlertsPanel({ teamId }: { teamId: string }) {
  const alerts = useAlerts(teamId);
  if (!alerts.data) return null;
  return (
    <Paper withBorder p="md">
      <Title order={2} size="h4">
        Early alerts
      </Title>
      <Text size="sm" c="dimmed">
        {alerts.data.criterion.test}
      </Text>
      {alerts.data.items.length === 0 && <Text size="sm">No significant drops.</Text>}
      {alerts.data.items.map((a) => (
        <Text key={`${a.agentId}-${a.metric}`} size="sm">
          <Badge color="red" variant="light" mr="xs">
            p = {a.comparison.pWorse.toFixed(4)}
          </Badge>
          {a.name}: {a.label} changed by {formatFigure(a.metric, a.comparison.difference)} (95 %{" "}
          {formatInterval(a.metric, a.comparison.ci95)}); {a.examples.length} conversations to coach
          on
        </Text>
      ))}
    </Paper>
  );
}

export default function PeoplePage() {
  const session = useSession();
  const teams = useTeams();
  const settings = usePeopleSettings();
  const [teamId, setTeamId] = useState<string | null>(null);
  const [metric, setMetric] = useState<string | null>("qa_auto");
  // A member of a team opens on it; others on the first team by name.
  const own = teams.data?.find((t) => t.id === session.teamId)?.id;
  const selected = teamId ?? own ?? teams.data?.[0]?.id ?? null;
  const cards = useTeamScorecards(selected);
  if (teams.isPending) return <LoadingState label="Loading teams…" />;
  if (teams.isError) return <ErrorState error={teams.error} />;
  const metricLabel = settings.data?.metrics.find((m) => m.key === metric)?.label ?? metric ?? "";
  return (
    <>
      <PageHeader
        title="People"
        description="Fair scorecards: each figure observed, expected for the person's case mix, adjusted, with n and a 95 % interval."
      />
      <Group mb="md">
        <Select
          label="Team"
          value={selected}
          onChange={setTeamId}
          data={(teams.data ?? []).map((t) => ({ value: t.id, label: t.name }))}
        />
        <Select
          label="Metric for the charts"
          value={metric}
          onChange={setMetric}
          data={(settings.data?.metrics ?? []).map((m) => ({ value: m.key, label: m.label }))}
        />
      </Group>
      {cards.isPending && <LoadingState label="Loading scorecards…" />}
      {cards.isError && <ErrorState error={cards.error} />}
      {cards.data && selected && (
        <Stack>
          <Paper withBorder p="md">
            <Title order={2} size="h4" mb="xs">
              {cards.data.name}: team scorecard ({cards.data.period.from} – {cards.data.period.to},{" "}
              {cards.data.team.conversations} conversations)
            </Title>
            <MetricTable metrics={cards.data.team.metrics} caption="The team's figures" />
          </Paper>
          <Paper withBorder p="md">
            <Title order={2} size="h4" mb="xs">
              Agents
            </Title>
            <AgentsTable data={cards.data} />
          </Paper>
          <SimpleGrid cols={{ base: 1, lg: 2 }}>
            <AgentsIntervalChart
              data={cards.data.agents}
              metric={metric ?? "qa_auto"}
              label={metricLabel}
            />
            <WeeklyTrendChart
              trend={cards.data.trend}
              metrics={cards.data.team.metrics}
              metric={metric ?? "qa_auto"}
              label={metricLabel}
            />
          </SimpleGrid>
          <AlertsPanel teamId={selected} />
          <GoalsPanel
            teamId={selected}
            agents={cards.data.agents.map((a) => ({ id: a.agentId, name: a.name }))}
          />
          <CoachingPanel
            key={selected}
            agents={cards.data.agents.map((a) => ({ id: a.agentId, name: a.name }))}
          />
        </Stack>
      )}
    </>
  );
}
