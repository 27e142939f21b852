import { Anchor, Paper, SegmentedControl, SimpleGrid, Table, Title } from "@mantine/core";
import { useState } from "react";
import { Link } from "react-router";
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import { PageHeader } from "../components/PageHeader";
import { ErrorState, LoadingState } from "../components/QueryState";
import { formatInstant, useCompliance, useOperationsReport } from "../features/cases/cases.api";

function Chart({
  title,
  data,
  bars,
}: {
  title: string;
  data: object[];
  bars: { key: string; name: string; color: string }[];
}) {
  return (
    <Paper withBorder p="md">
      <Title order={2} size="h4" mb="sm">
        {title}
      </Title>
      <div
        role="img"
        aria-label={`${title}: ${JSON.stringify(data).slice(0, 300)}`}
        style={{ height: 240 }}
      >
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={data}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="label" fontSize={11} />
            <YAxis allowDecimals={false} fontSize={11} />
            <Tooltip />
            <Legend />
            {bars.map((b) => (
              <Bar key={b.key} dataKey={b.key} name={b.name} fill={b.color} />
            ))}
          </BarChart>
        </ResponsiveContainer>
      </div>
    </Paper>
  );
}

export default function CaseReportsPage() {
  const [by, setBy] = useState("team");
  const compliance = useCompliance(by);
  const ops = useOperationsReport();
  if (compliance.isPending || ops.isPending) return <LoadingState label="Loading case reports…" />;
  if (compliance.isError) return <ErrorState error={compliance.error} />;
  if (ops.isError) return <ErrorState error={ops.error} />;
  return (
    <>
      <PageHeader
        title="Case reports"
        description="SLA compliance, response and resolution times, backlog, breaches and authority."
      />
      <SegmentedControl
        aria-label="Compliance by"
        mb="sm"
        value={by}
        onChange={setBy}
        data={[
          { value: "team", label: "By team" },
          { value: "channel", label: "By channel" },
          { value: "category", label: "By category" },
        ]}
      />
      <SimpleGrid cols={{ base: 1, lg: 2 }}>
        <Chart
          title="SLA compliance (%)"
          data={compliance.data.items}
          bars={[
            { key: "firstResponseCompliance", name: "First response met", color: "#1c7ed6" },
            { key: "resolutionCompliance", name: "Resolution met", color: "#2f9e44" },
          ]}
        />
        <Chart
          title="Backlog ageing"
          data={ops.data.backlog}
          bars={[
            { key: "cases", name: "Open cases", color: "#1c7ed6" },
            { key: "breached", name: "Breached", color: "#c92a2a" },
          ]}
        />
        <Chart
          title="Time to first response"
          data={ops.data.timeToFirstResponse}
          bars={[{ key: "cases", name: "Cases", color: "#5f3dc4" }]}
        />
        <Chart
          title="Time to resolution"
          data={ops.data.timeToResolution}
          bars={[{ key: "cases", name: "Cases", color: "#e8590c" }]}
        />
      </SimpleGrid>
      <Paper withBorder p="md" mt="md">
        <Title order={2} size="h4" mb="sm">
          Recent breaches
        </Title>
        <Table aria-label="Recent breaches">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Case</Table.Th>
              <Table.Th scope="col">Severity</Table.Th>
              <Table.Th scope="col">Breached</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {ops.data.breaches.slice(0, 15).map((b) => (
              <Table.Tr key={b.id}>
                <Table.Td>
                  <Anchor component={Link} to={`/cases/${b.id}`}>
                    {b.reference} {b.title}
                  </Anchor>
                </Table.Td>
                <Table.Td>{b.severity}</Table.Td>
                <Table.Td>{formatInstant(b.breachedAt)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Paper>
      <Paper withBorder p="md" mt="md">
        <Title order={2} size="h4" mb="sm">
          Authority use
        </Title>
        <Table aria-label="Authority use">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Option</Table.Th>
              <Table.Th scope="col">How</Table.Th>
              <Table.Th scope="col">Uses</Table.Th>
              <Table.Th scope="col">Amount</Table.Th>
              <Table.Th scope="col">Reopened</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {ops.data.authority.map((a) => (
              <Table.Tr key={`${a.option}-${a.approved}`}>
                <Table.Td>{a.option}</Table.Td>
                <Table.Td>{a.approved.replaceAll("_", " ")}</Table.Td>
                <Table.Td>{a.uses}</Table.Td>
                <Table.Td>{a.amount}</Table.Td>
                <Table.Td>{a.reopenRate === null ? "—" : `${a.reopenRate} %`}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Paper>
    </>
  );
}
