import { Table, Text } from "@mantine/core";
import type { SurveyOverviewReport } from "../../lib/types";
import { ReportSection } from "./ReportSection";

type Driver = SurveyOverviewReport["drivers"][number];

const percent = (x: number | null) => (x === null ? "—" : `${Math.round(x * 100)}%`);

function DriverTable({
  caption,
  rows,
}: {
  caption: string;
  rows: (Pick<Driver, "lowShare" | "highShare" | "lowCount" | "highCount"> & { name: string })[];
}) {
  if (rows.length === 0)
    return (
      <Text size="sm" c="dimmed" mb="sm">
        {caption}: none yet.
      </Text>
    );
  return (
    <Table mb="md" aria-label={caption} verticalSpacing={2}>
      <Table.Caption>{caption}</Table.Caption>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{caption.split(" ")[0]}</Table.Th>
          <Table.Th ta="right">Of low answers</Table.Th>
          <Table.Th ta="right">Of high answers</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((r) => (
          <Table.Tr key={r.name}>
            <Table.Td>{r.name}</Table.Td>
            <Table.Td ta="right">
              {percent(r.lowShare)} ({r.lowCount})
            </Table.Td>
            <Table.Td ta="right">
              {percent(r.highShare)} ({r.highCount})
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/** The topics and comment signals whose shares differ most between low and high answers. */
export function SurveyDrivers({ report }: { report: SurveyOverviewReport }) {
  return (
    <ReportSection title="What separates detractors from promoters">
      <Text size="sm" mb="sm">
        Share of low answers (detractors, CSAT 1–2) and of high answers (promoters, CSAT 4–5) with
        each contact reason or comment signal, largest differences first.
      </Text>
      <DriverTable
        caption="Topics (contact reasons)"
        rows={report.topicDrivers.map((t) => ({ ...t, name: t.topic }))}
      />
      <DriverTable
        caption="Signals in comments"
        rows={report.drivers.map((d) => ({ ...d, name: d.signal.replaceAll("_", " ") }))}
      />
    </ReportSection>
  );
}
