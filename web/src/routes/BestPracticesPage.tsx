import { BarChart } from "@mantine/charts";
import {
  Anchor,
  Badge,
  Button,
  Group,
  Paper,
  Select,
  Stack,
  Table,
  Text,
  Title,
} from "@mantine/core";
import { useState } from "react";
import { useSearchParams } from "react-router";
import { Link } from "react-router";
import { PageHeader } from "../components/PageHeader";
import { EmptyMessage, ErrorState, LoadingState } from "../components/QueryState";
import { hasRole } from "../features/auth/permissions";
import { useSession } from "../features/auth/use-session";
import {
  useAddBestPractice,
  useBestPracticeCandidates,
  useBestPractices,
} from "../features/recognition/recognition.api";

function Candidates({ criterion, name }: { criterion: string; name: string }) {
  const candidates = useBestPracticeCandidates(criterion, true);
  const add = useAddBestPractice();
  if (candidates.isPending) return <LoadingState label="Finding exemplary conversations…" />;
  if (candidates.isError) return <ErrorState error={candidates.error} />;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="bp-candidates-title">
      <Title order={2} size="h4" id="bp-candidates-title" mb="sm">
        Exemplary conversations for “{name}”
      </Title>
      {candidates.data.items.length === 0 ? (
        <EmptyMessage title="None yet: high QA and a satisfied customer are both needed" />
      ) : (
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Conversation</Table.Th>
              <Table.Th>QA</Table.Th>
              <Table.Th>Satisfaction</Table.Th>
              <Table.Th>Praise</Table.Th>
              <Table.Th>Library</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {candidates.data.items.map((c) => (
              <Table.Tr key={c.conversationId}>
                <Table.Td>
                  <Anchor component={Link} to={`/conversations/${c.conversationId}`}>
                    {c.agentName ?? "Conversation"}
                  </Anchor>
                </Table.Td>
                <Table.Td>{c.qaScore}</Table.Td>
                <Table.Td>{c.csat ?? c.satisfaction?.toFixed(1) ?? "–"}</Table.Td>
                <Table.Td>{c.praised ? "yes" : ""}</Table.Td>
                <Table.Td>
                  {c.curated ? (
                    <Badge color="green">in library</Badge>
                  ) : (
                    <Button
                      size="compact-xs"
                      loading={add.isPending}
                      onClick={() =>
                        add.mutate({
                          conversationId: c.conversationId,
                          criterionKey: criterion,
                          note: "",
                        })
                      }
                    >
                      Add to library
                    </Button>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Paper>
  );
}

export default function BestPracticesPage() {
  const session = useSession();
  // Assist links here with the criterion it cited.
  const [params] = useSearchParams();
  const [criterion, setCriterion] = useState<string | null>(params.get("criterion"));
  const library = useBestPractices(criterion);
  if (library.isPending) return <LoadingState label="Loading the library…" />;
  if (library.isError) return <ErrorState error={library.error} />;
  const { items, criteria } = library.data;
  const name = criteria.find((c) => c.key === criterion)?.name ?? criterion ?? "";
  return (
    <>
      <PageHeader
        title="Best practices"
        description="Exemplary conversations per scorecard criterion: high QA, a satisfied customer, praise."
      />
      <Stack gap="md">
        <Paper withBorder p="md" component="section" aria-label="Library items per criterion chart">
          <Title order={2} size="h4" mb="sm">
            Library items per criterion
          </Title>
          <BarChart
            h={200}
            data={criteria.map((c) => ({ criterion: c.name, items: c.count }))}
            dataKey="criterion"
            series={[{ name: "items", color: "teal.7" }]}
          />
        </Paper>
        <Group>
          <Select
            label="Criterion"
            placeholder="All criteria"
            data={criteria.map((c) => ({ value: c.key, label: c.name }))}
            value={criterion}
            onChange={setCriterion}
            clearable
          />
        </Group>
        {items.length === 0 ? (
          <EmptyMessage title="Nothing in the library for this criterion yet" />
        ) : (
          <Stack gap="sm" component="ul" style={{ listStyle: "none", padding: 0 }}>
            {items.map((b) => (
              <Paper withBorder p="sm" key={b.id} component="li">
                <Group gap="xs" mb={4}>
                  <Badge variant="light">{b.criterionName}</Badge>
                  <Text size="sm">
                    QA {b.qaScore ?? "–"} · satisfaction {b.satisfaction?.toFixed(1) ?? "–"}
                  </Text>
                  {b.praised && <Badge color="yellow">praised</Badge>}
                </Group>
                {b.note && (
                  <Text size="sm" fw={600}>
                    {b.note}
                  </Text>
                )}
                <Text size="sm">{b.excerpt}</Text>
                <Anchor component={Link} to={`/conversations/${b.conversationId}`}>
                  Read the conversation ({b.agentName ?? b.channel})
                </Anchor>
              </Paper>
            ))}
          </Stack>
        )}
        {criterion && hasRole(session.role, ["admin", "leader", "qa"]) && (
          <Candidates criterion={criterion} name={name} />
        )}
      </Stack>
    </>
  );
}
