import {
  Badge,
  Group,
  Paper,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from "@mantine/core";
import { useState } from "react";
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { CHANNEL_LABELS } from "../components/ChannelBadge";
import { formatNumber } from "../lib/format";
import { PageHeader } from "../components/PageHeader";
import { EmptyMessage, ErrorState, LoadingState } from "../components/QueryState";
import {
  minutesLabel,
  pct,
  useKeepRate,
  useResponseTimes,
  type ResponseTimesReport,
} from "../features/insights-people/insights-people.api";

const DIMENSIONS = [
  { value: "team", label: "Team" },
  { value: "agent", label: "Agent" },
  { value: "reason", label: "Reason" },
];

function KeepRateSection() {
  const [by, setBy] = useState("team");
  const report = useKeepRate(by);
  const dimension = DIMENSIONS.find((d) => d.value === by)!.label.toLowerCase();
  return (
    <Paper withBorder p="md">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4">
          Promise keeping by {dimension}
        </Title>
        <SegmentedControl
          aria-label="Group promises by"
          value={by}
          onChange={setBy}
          data={DIMENSIONS}
        />
      </Group>
      {report.isPending ? (
        <LoadingState label="Loading keep rates…" />
      ) : report.isError ? (
        <ErrorState error={report.error} />
      ) : report.data.items.length === 0 ? (
        <EmptyMessage title="No promises yet">
          Promises appear as the engine finds them in agents&apos; messages.
        </EmptyMessage>
      ) : (
        <Stack>
          <Text size="sm">
            Overall: {pct(report.data.overall.keepRate)} kept of{" "}
            {formatNumber(report.data.overall.n)} settled promises (
            {formatNumber(report.data.overall.pending)} pending,{" "}
            {formatNumber(report.data.overall.openEnded)} open-ended).
          </Text>
          <div
            role="img"
            aria-label={`Keep rate by ${dimension}: ${report.data.items
              .slice(0, 12)
              .map((i) => `${i.label} ${pct(i.keepRate)}`)
              .join(", ")}`}
            style={{ height: 260 }}
          >
            <ResponsiveContainer width="100%" height="100%">
              <BarChart
                data={report.data.items.slice(0, 12).map((i) => ({
                  label: i.label,
                  rate: i.keepRate === null ? 0 : Math.round(i.keepRate * 100),
                }))}
              >
                <CartesianGrid strokeDasharray="3 3" />
                <XAxis dataKey="label" fontSize={11} />
                <YAxis domain={[0, 100]} unit="%" fontSize={11} />
                <Tooltip />
                <Bar dataKey="rate" name="Kept (%)" fill="#2f9e44" />
              </BarChart>
            </ResponsiveContainer>
          </div>
          <Table striped aria-label={`Promise keeping by ${dimension}`}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{DIMENSIONS.find((d) => d.value === by)!.label}</Table.Th>
                <Table.Th scope="col">Kept</Table.Th>
                <Table.Th scope="col">Broken</Table.Th>
                <Table.Th scope="col">Settled (n)</Table.Th>
                <Table.Th scope="col">Keep rate</Table.Th>
                <Table.Th scope="col">95% interval</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {report.data.items.map((i) => (
                <Table.Tr key={i.key}>
                  <Table.Th scope="row">{i.label}</Table.Th>
                  <Table.Td>{formatNumber(i.kept)}</Table.Td>
                  <Table.Td>{formatNumber(i.broken)}</Table.Td>
                  <Table.Td>{formatNumber(i.n)}</Table.Td>
                  <Table.Td>{pct(i.keepRate)}</Table.Td>
                  <Table.Td>{i.ci95 ? `${pct(i.ci95[0])} – ${pct(i.ci95[1])}` : "—"}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Stack>
      )}
    </Paper>
  );
}

function ChannelCard({ item }: { item: ResponseTimesReport["items"][number] }) {
  return (
    <Paper withBorder p="md">
      <Group justify="space-between">
        <Title order={3} size="h5">
          {CHANNEL_LABELS[item.channel]}
        </Title>
        {item.recommended && <Badge variant="light">Recommend: {item.recommended.text}</Badge>}
      </Group>
      <Text size="sm" mt="xs">
        Stated:{" "}
        {item.stated ? `“${item.stated.text}” (${minutesLabel(item.stated.minutes)})` : "none"}
      </Text>
      <Text size="sm">
        Actual first response: median {minutesLabel(item.p50Minutes)}, 90th percentile{" "}
        {minutesLabel(item.p90Minutes)} over {formatNumber(item.conversations)} conversations
        {item.withinStated !== null && `; ${pct(item.withinStated)} within the stated time`}
      </Text>
      <div
        role="img"
        aria-label={`First responses on ${item.channel}: ${item.histogram
          .map((h) => `${h.label} ${h.count}`)
          .join(", ")}`}
        style={{ height: 160 }}
      >
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={item.histogram}>
            <XAxis dataKey="label" fontSize={10} />
            <YAxis allowDecimals={false} fontSize={10} />
            <Tooltip />
            <Bar dataKey="count" name="Conversations" fill="#1c7ed6" />
          </BarChart>
        </ResponsiveContainer>
      </div>
    </Paper>
  );
}

function ResponseTimesSection() {
  const report = useResponseTimes();
  if (report.isPending) return <LoadingState label="Loading response times…" />;
  if (report.isError) return <ErrorState error={report.error} />;
  return (
    <Stack>
      <Title order={2} size="h4">
        Stated versus actual response times
      </Title>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        {report.data.items.map((item) => (
          <ChannelCard key={item.channel} item={item} />
        ))}
      </SimpleGrid>
    </Stack>
  );
}

export default function PromisesPage() {
  return (
    <Stack>
      <PageHeader
        title="Promises"
        description="Every promise agents make, tracked to kept or broken, and what we say about response times against what we deliver."
      />
      <KeepRateSection />
      <ResponseTimesSection />
    </Stack>
  );
}
