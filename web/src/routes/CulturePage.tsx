import { BarChart } from "@mantine/charts";
import {
  Anchor,
  Badge,
  Button,
  Checkbox,
  Group,
  NumberInput,
  Paper,
  Stack,
  Table,
  Text,
  Title,
} from "@mantine/core";
import { useState, type FormEvent } from "react";
import { Link } from "react-router";
import { PageHeader } from "../components/PageHeader";
import { EmptyMessage, ErrorState, LoadingState } from "../components/QueryState";
import { useSession } from "../features/auth/use-session";
import {
  useCultureView,
  useSetCulturePrivacy,
  type CulturePrivacy,
} from "../features/culture/culture.api";
import { errorMessage } from "../lib/api";
import { formatDay } from "../lib/format";

function PrivacyForm({ current }: { current: CulturePrivacy }) {
  const save = useSetCulturePrivacy();
  const [rules, setRules] = useState(current);
  function handleSubmit(event: FormEvent) {
    event.preventDefault();
    save.mutate(rules);
  }
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="privacy-title">
      <Title order={2} size="h4" id="privacy-title" mb="sm">
        Privacy rules
      </Title>
      <form onSubmit={handleSubmit}>
        <Group align="flex-end">
          <NumberInput
            label="Minimum team size to show"
            min={1}
            max={100}
            value={rules.minGroupSize}
            onChange={(v) => setRules({ ...rules, minGroupSize: typeof v === "number" ? v : 1 })}
          />
          <Checkbox
            label="Show authors' names"
            checked={rules.showAgentNames}
            onChange={(e) => setRules({ ...rules, showAgentNames: e.currentTarget.checked })}
          />
          <Checkbox
            label="Show note text"
            checked={rules.showEvidence}
            onChange={(e) => setRules({ ...rules, showEvidence: e.currentTarget.checked })}
          />
          <Button type="submit" loading={save.isPending}>
            Save rules
          </Button>
        </Group>
        {save.isError && (
          <Text c="red.8" size="sm" role="alert">
            {errorMessage(save.error)}
          </Text>
        )}
      </form>
    </Paper>
  );
}

export default function CulturePage() {
  const session = useSession();
  const view = useCultureView(12);
  if (view.isPending) return <LoadingState label="Loading the culture view…" />;
  if (view.isError) return <ErrorState error={view.error} />;
  const { privacy, weeks, cells } = view.data;
  return (
    <>
      <PageHeader
        title="Culture"
        description={`Disrespect toward customers in internal notes and internal chat channels, per team and week. Teams under ${privacy.minGroupSize} agents are hidden; the server applies these rules.`}
      />
      <Stack gap="md">
        <Paper
          withBorder
          p="md"
          component="section"
          aria-label="Disrespectful messages per week chart"
        >
          <Title order={2} size="h4" mb="sm">
            Marked messages per week (whole organization)
          </Title>
          {weeks.length === 0 ? (
            <EmptyMessage title="No disrespectful notes or channel messages in the last 12 weeks" />
          ) : (
            <BarChart
              h={220}
              data={weeks.map((w) => ({
                week: formatDay(w.week),
                notes: w.notes ?? 0,
                channels: (w.incidents ?? 0) - (w.notes ?? 0),
              }))}
              dataKey="week"
              type="stacked"
              withLegend
              series={[
                { name: "notes", label: "Internal notes", color: "red.8" },
                { name: "channels", label: "Chat channels", color: "orange.8" },
              ]}
            />
          )}
        </Paper>
        <Paper withBorder p="md" component="section" aria-labelledby="cells-title">
          <Title order={2} size="h4" id="cells-title" mb="sm">
            By team and week, with the evidence
          </Title>
          <Table.ScrollContainer minWidth={600}>
            <Table>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Week of</Table.Th>
                  <Table.Th>Team</Table.Th>
                  <Table.Th>Marked (notes / channels)</Table.Th>
                  <Table.Th>Evidence</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {cells.map((c) => (
                  <Table.Tr key={`${c.week}-${c.teamId ?? "none"}`}>
                    <Table.Td>{formatDay(c.week)}</Table.Td>
                    <Table.Td>{c.teamName}</Table.Td>
                    <Table.Td>
                      {c.suppressed ? (
                        <Badge color="gray">hidden (under {privacy.minGroupSize} agents)</Badge>
                      ) : (
                        `${c.incidents} (${c.notes} / ${c.channelMessages})`
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Stack gap={2}>
                        {c.evidence.map((e, i) => (
                          <Text size="sm" key={i}>
                            {e.text ?? e.spans.join(", ")}
                            {e.authorName ? ` (${e.authorName})` : ""}{" "}
                            {e.conversationId ? (
                              <Anchor
                                component={Link}
                                to={`/conversations/${e.conversationId}`}
                                inherit
                              >
                                conversation
                              </Anchor>
                            ) : (
                              <Text span size="xs" c="dimmed">
                                in {e.channel}
                              </Text>
                            )}
                          </Text>
                        ))}
                      </Stack>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
        {session.role === "admin" && <PrivacyForm current={privacy} />}
      </Stack>
    </>
  );
}
