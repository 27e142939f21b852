import { Paper, SegmentedControl, SimpleGrid, Table, Text, Title } from "@mantine/core";
import { useState } from "react";
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
import { REASON_LABELS, useHandoffReport } from "../features/widget/widget.api";

function Figure({ label, value }: { label: string; value: string }) {
  return (
    <Paper withBorder p="md">
      <Text size="sm">{label}</Text>
      <Text size="xl" fw={700}>
        {value}
      </Text>
    </Paper>
  );
}

const seconds = (s: number | null) =>
  s === null ? "–" : s < 90 ? `${Math.round(s)} s` : `${Math.round(s / 60)} min`;

/** The report's table has room to say what an alert is; the inbox's badges keep the short name. */
const REPORT_LABELS: Record<string, string> = {
  alert: "Alert: churn threat, vulnerability or strong complaint",
};

/** Handoff quality for leaders: did customers repeat themselves, how long until a person replied. */
export default function HandoffReportPage() {
  const [days, setDays] = useState("30");
  const report = useHandoffReport(Number(days));
  if (report.isPending) return <LoadingState label="Loading the handoff report…" />;
  if (report.isError) return <ErrorState error={report.error} />;
  const r = report.data;
  const daily = r.daily.map((d) => ({
    date: d.date.slice(5),
    Handoffs: d.handoffs,
    "Customer repeated": d.repeated,
  }));
  return (
    <>
      <PageHeader
        title="Handoff quality"
        description="When the bot hands a chat to a person: did the customer have to repeat themselves, and how long did they wait?"
        actions={
          <SegmentedControl
            aria-label="Period"
            data={[
              { value: "7", label: "7 days" },
              { value: "30", label: "30 days" },
              { value: "90", label: "90 days" },
            ]}
            value={days}
            onChange={setDays}
          />
        }
      />
      <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }} mb="md">
        <Figure label="Handoffs" value={String(r.handoffs)} />
        <Figure
          label="Customer repeated themselves"
          value={
            r.repeatRate === null
              ? "–"
              : `${Math.round(r.repeatRate * 100)}% (${r.repeated} of ${r.judged})`
          }
        />
        <Figure
          label="Median time to first human reply"
          value={seconds(r.medianFirstReplySeconds)}
        />
        <Figure label="Still waiting for a reply" value={String(r.unanswered)} />
      </SimpleGrid>
      <Paper withBorder p="md" mb="md">
        <Title order={2} size="h4" mb="sm">
          Handoffs per day
        </Title>
        <div
          role="img"
          aria-label={`Handoffs per day and how many customers repeated themselves: ${r.daily
            .map((d) => `${d.date} ${d.handoffs} handoffs, ${d.repeated} repeated`)
            .join("; ")
            .slice(0, 400)}`}
          style={{ height: 240 }}
        >
          <ResponsiveContainer width="100%" height="100%">
            <BarChart data={daily}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis dataKey="date" fontSize={11} />
              <YAxis allowDecimals={false} fontSize={11} />
              <Tooltip />
              <Legend />
              <Bar dataKey="Handoffs" fill="#1c7ed6" />
              <Bar dataKey="Customer repeated" fill="#e8590c" />
            </BarChart>
          </ResponsiveContainer>
        </div>
      </Paper>
      <Paper withBorder p="md">
        <Title order={2} size="h4" mb="sm">
          Why chats were handed off
        </Title>
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Reason</Table.Th>
              <Table.Th scope="col">Chats</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {r.byReason.map((b) => (
              <Table.Tr key={b.reason}>
                <Table.Td>
                  {REPORT_LABELS[b.reason] ?? REASON_LABELS[b.reason] ?? b.reason}
                </Table.Td>
                <Table.Td>{b.count}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Paper>
    </>
  );
}
