import { Paper, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { PageHeader } from "../components/PageHeader";
import { EmptyMessage, ErrorState, LoadingState } from "../components/QueryState";
import { CoachingCard } from "../features/people/CoachingCard";
import { GoalsTable } from "../features/people/GoalsPanel";
import { EXTRA_HOME_SECTIONS } from "../features/people/home-sections";
import { MetricTable } from "../features/people/MetricTable";
import { WeeklyTrendChart } from "../features/people/ScorecardCharts";
import { useAgentHome } from "../features/people/scorecards.api";
import { PulseCard } from "../features/surveys/PulseCard";

/** The agent's own page: their scorecard, goals and coaching (never anyone else's figures). */
export default function MePage() {
  const home = useAgentHome();
  if (home.isPending) return <LoadingState label="Loading your page…" />;
  if (home.isError) return <ErrorState error={home.error} />;
  const h = home.data;
  if (!h.agent || !h.scorecard) {
    return (
      <>
        <PageHeader title="My page" />
        <PulseCard />
        <EmptyMessage title="No agent record is linked to your login">
          Ask an admin to link your login to your agent record.
        </EmptyMessage>
      </>
    );
  }
  const names = new Map([[h.agent.id, "Me"]]);
  if (h.agent.teamId) names.set(h.agent.teamId, "My team");
  return (
    <>
      <PageHeader
        title={`My page: ${h.agent.name}`}
        description="Your own scorecard, goals and coaching. Expected values account for the contacts you got."
      />
      <PulseCard />
      <Stack>
        <Paper withBorder p="md" component="section" aria-labelledby="me-scorecard">
          <Title id="me-scorecard" order={2} size="h4" mb="xs">
            My scorecard ({h.scorecard.period.from} – {h.scorecard.period.to},{" "}
            {h.scorecard.conversations} conversations)
          </Title>
          <Text size="sm" mb="xs">
            Overall: {h.scorecard.overall.points?.toFixed(1) ?? "—"} points
            {h.scorecard.overall.ci95 &&
              ` (95 % ${h.scorecard.overall.ci95[0].toFixed(1)} – ${h.scorecard.overall.ci95[1].toFixed(1)})`}
          </Text>
          <MetricTable metrics={h.scorecard.metrics} caption="My figures" />
        </Paper>
        <SimpleGrid cols={{ base: 1, lg: 2 }}>
          <WeeklyTrendChart
            trend={h.scorecard.trend}
            metrics={h.scorecard.metrics}
            metric="qa_auto"
            label="My automatic QA"
          />
          <WeeklyTrendChart
            trend={h.scorecard.trend}
            metrics={h.scorecard.metrics}
            metric="predicted_satisfaction"
            label="My predicted satisfaction"
          />
        </SimpleGrid>
        <Paper withBorder p="md" component="section" aria-labelledby="me-goals">
          <Title id="me-goals" order={2} size="h4" mb="xs">
            My goals
          </Title>
          <GoalsTable goals={h.goals} names={names} />
        </Paper>
        <Paper withBorder p="md" component="section" aria-labelledby="me-coaching">
          <Title id="me-coaching" order={2} size="h4" mb="xs">
            My coaching
          </Title>
          <Stack>
            {h.coaching.map((s) => (
              <CoachingCard key={s.id} session={s} />
            ))}
            {h.coaching.length === 0 && <Text size="sm">No coaching sessions yet.</Text>}
            {h.qaCoachingNotes.length > 0 && (
              <Text size="sm">
                QA coaching notes: {h.qaCoachingNotes.map((n) => n.goal).join("; ")}
              </Text>
            )}
          </Stack>
        </Paper>
        {EXTRA_HOME_SECTIONS.map((s) => (
          <Paper key={s.id} withBorder p="md" component="section" aria-labelledby={`me-${s.id}`}>
            <Title id={`me-${s.id}`} order={2} size="h4" mb="xs">
              {s.title}
            </Title>
            {s.render(h)}
          </Paper>
        ))}
      </Stack>
    </>
  );
}
