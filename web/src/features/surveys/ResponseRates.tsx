import { BarChart } from "@mantine/charts";
import { SegmentedControl, Table, Text } from "@mantine/core";
import { useState } from "react";
import type { SurveyOverviewReport } from "../../lib/types";
import { formatNumber } from "../../lib/format";
import { ReportSection } from "./ReportSection";

type Rates = SurveyOverviewReport["responseRate"];
type Dimension = "channel" | "team" | "reason";

const DIMENSIONS: { value: Dimension; label: string; none: string }[] = [
  { value: "channel", label: "Channel", none: "—" },
  { value: "team", label: "Team", none: "No team" },
  { value: "reason", label: "Contact reason", none: "No reason yet" },
];

/** One row per value of the chosen dimension: who answers, and who does not. */
function rowsOf(rates: Rates, by: Dimension) {
  const none = DIMENSIONS.find((d) => d.value === by)!.none;
  const rows =
    by === "channel"
      ? rates.byChannel.map((r) => ({ ...r, key: r.channel }))
      : by === "team"
        ? rates.byTeam.map((r) => ({ ...r, key: r.team ?? none }))
        : rates.byReason.map((r) => ({ ...r, key: r.reason ?? none }));
  return rows.map((r) => ({ ...r, percent: Math.round((r.rate ?? 0) * 100) }));
}

/** Response rate by channel, team or contact reason (who is missing from the answers). */
export function ResponseRates({ rates }: { rates: Rates }) {
  const [by, setBy] = useState<Dimension>("channel");
  const label = DIMENSIONS.find((d) => d.value === by)!.label;
  const rows = rowsOf(rates, by);
  return (
    <ReportSection title="Response rate">
      <SegmentedControl
        size="xs"
        mb="sm"
        value={by}
        onChange={(v) => setBy(v as Dimension)}
        data={DIMENSIONS.map(({ value, label }) => ({ value, label }))}
        aria-label="Response rate by"
      />
      <BarChart
        h={200}
        data={rows}
        dataKey="key"
        series={[{ name: "percent", label: "Responses (%)", color: "teal.8" }]}
        yAxisProps={{ domain: [0, 100] }}
        valueFormatter={(v) => `${v} %`}
        aria-label={`Response rate by ${label.toLowerCase()}, in percent`}
        role="img"
      />
      <Table mt="sm" aria-label={`Response rate by ${label.toLowerCase()}`} verticalSpacing={2}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{label}</Table.Th>
            <Table.Th ta="right">Invited</Table.Th>
            <Table.Th ta="right">Answered</Table.Th>
            <Table.Th ta="right">Rate</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((r) => (
            <Table.Tr key={r.key}>
              <Table.Td>{r.key}</Table.Td>
              <Table.Td ta="right">{formatNumber(r.invited)}</Table.Td>
              <Table.Td ta="right">{formatNumber(r.responded)}</Table.Td>
              <Table.Td ta="right">{r.percent}%</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Text size="sm" mt="xs">
        {formatNumber(rates.responded)} answers to {formatNumber(rates.invited)} invitations.
      </Text>
    </ReportSection>
  );
}
