import { BarChart } from "@mantine/charts";
import {
  Button,
  Group,
  List,
  Paper,
  SimpleGrid,
  Switch,
  Table,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { useState, type FormEvent } from "react";
import { EmptyMessage, ErrorState, LoadingState } from "../../components/QueryState";
import { errorMessage } from "../../lib/api";
import { formatDateTime } from "../../lib/format";
import { useClosePulse, useCreatePulse, usePulseResults, usePulses } from "./pulse.api";

function CreatePulseForm() {
  const create = useCreatePulse();
  const [name, setName] = useState("");
  const [anonymous, setAnonymous] = useState(true);
  function handleSubmit(event: FormEvent) {
    event.preventDefault();
    if (!name.trim()) return;
    create.mutate({ name: name.trim(), anonymous }, { onSuccess: () => setName("") });
  }
  return (
    <form onSubmit={handleSubmit} aria-label="Open a pulse survey">
      <Group align="flex-end" gap="sm" mb="sm" wrap="wrap">
        <TextInput
          label="Pulse name"
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          w={260}
          error={create.isError ? errorMessage(create.error) : undefined}
        />
        <Switch
          label="Anonymous"
          checked={anonymous}
          onChange={(e) => setAnonymous(e.currentTarget.checked)}
          mb={8}
        />
        <Button type="submit" disabled={!name.trim()} loading={create.isPending}>
          Open pulse
        </Button>
      </Group>
    </form>
  );
}

function PulseResultsPanel({ id }: { id: string }) {
  const results = usePulseResults(id);
  if (results.isPending) return <LoadingState label="Loading results…" />;
  if (results.isError) return <ErrorState error={results.error} />;
  const r = results.data;
  if (r.overall.enps === null)
    return (
      <EmptyMessage title={`${r.respondents} of ${r.invited} answered`}>
        Results appear from {r.minGroup} respondents, so nobody's answer can be singled out.
      </EmptyMessage>
    );
  return (
    <SimpleGrid cols={{ base: 1, md: 2 }}>
      <div>
        <Text size="xl" fw={700}>
          eNPS {r.overall.enps > 0 ? "+" : ""}
          {r.overall.enps}
        </Text>
        <Text size="sm" c="dimmed" mb="sm">
          {r.respondents} of {r.invited} answered · {r.overall.promoters} promoters,{" "}
          {r.overall.passives} passives, {r.overall.detractors} detractors. Teams under {r.minGroup}{" "}
          respondents are merged.
        </Text>
        <BarChart
          h={220}
          data={r.groups.map((g) => ({ group: `${g.label} (${g.n})`, eNPS: g.enps ?? 0 }))}
          dataKey="group"
          series={[{ name: "eNPS", color: "teal.6" }]}
          yAxisProps={{ domain: [-100, 100] }}
        />
      </div>
      <div>
        <Title order={4} size="h6" mb="xs">
          Comments
        </Title>
        {r.comments.length === 0 ? (
          <Text size="sm" c="dimmed">
            No comments.
          </Text>
        ) : (
          <List size="sm" spacing={4}>
            {r.comments.map((c, i) => (
              <List.Item key={i}>{c}</List.Item>
            ))}
          </List>
        )}
      </div>
    </SimpleGrid>
  );
}

/** Employee pulse surveys (eNPS) on the surveys page: open, close, results by team. */
export function PulseSection({
  editable,
  canSeeResults,
}: {
  editable: boolean;
  canSeeResults: boolean;
}) {
  const pulses = usePulses();
  const close = useClosePulse();
  const [selected, setSelected] = useState<string | null>(null);
  const shown = selected ?? pulses.data?.[0]?.id ?? null;
  return (
    <Paper withBorder p="md" mb="lg" component="section" aria-labelledby="pulse-title">
      <Title order={2} size="h4" id="pulse-title" mb="xs">
        Employee pulse (eNPS)
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        One question to your people, answered on their home page. Anonymous pulses keep no names.
      </Text>
      {editable && <CreatePulseForm />}
      {pulses.isPending && <LoadingState label="Loading pulse surveys…" />}
      {pulses.isError && <ErrorState error={pulses.error} />}
      {pulses.data && pulses.data.length > 0 && (
        <Table aria-label="Pulse surveys" mb="md">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Pulse</Table.Th>
              <Table.Th>Opened</Table.Th>
              <Table.Th>Invited</Table.Th>
              <Table.Th>Status</Table.Th>
              <Table.Th>Actions</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {pulses.data.map((p) => (
              <Table.Tr key={p.id}>
                <Table.Td>{p.name}</Table.Td>
                <Table.Td>{formatDateTime(p.createdAt)}</Table.Td>
                <Table.Td>{p.invited}</Table.Td>
                <Table.Td>{p.open ? "Open" : "Closed"}</Table.Td>
                <Table.Td>
                  <Group gap="xs">
                    {canSeeResults && (
                      <Button size="xs" variant="default" onClick={() => setSelected(p.id)}>
                        Results of {p.name}
                      </Button>
                    )}
                    {editable && p.open && (
                      <Button size="xs" variant="subtle" onClick={() => close.mutate(p.id)}>
                        Close {p.name}
                      </Button>
                    )}
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {canSeeResults && shown && <PulseResultsPanel id={shown} />}
    </Paper>
  );
}
