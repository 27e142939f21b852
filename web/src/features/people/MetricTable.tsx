import { Badge, Table } from "@mantine/core";
import { formatFigure, formatInterval, type ScorecardMetric } from "./scorecards.api";

const SIGNIFICANCE: Record<ScorecardMetric["significance"], { label: string; color: string }> = {
  better: { label: "Clearly better", color: "teal" },
  worse: { label: "Clearly short", color: "red" },
  as_expected: { label: "Within range", color: "gray" },
  too_few: { label: "Too few", color: "gray" },
};

/** Every metric: observed, expected for the case mix, adjusted, its 95 % interval and n. */
export function MetricTable({ metrics, caption }: { metrics: ScorecardMetric[]; caption: string }) {
  const shown = metrics.filter((m) => m.n > 0);
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table striped>
        <Table.Caption>{caption}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Metric</Table.Th>
            <Table.Th scope="col">Observed</Table.Th>
            <Table.Th scope="col">Expected</Table.Th>
            <Table.Th scope="col">Adjusted</Table.Th>
            <Table.Th scope="col">95 % interval</Table.Th>
            <Table.Th scope="col">n</Table.Th>
            <Table.Th scope="col">Against the org</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {shown.map((m) => (
            <Table.Tr key={m.key}>
              <Table.Th scope="row">{m.label}</Table.Th>
              <Table.Td>{formatFigure(m.key, m.value)}</Table.Td>
              <Table.Td>{formatFigure(m.key, m.expected)}</Table.Td>
              <Table.Td>{formatFigure(m.key, m.adjusted)}</Table.Td>
              <Table.Td>{formatInterval(m.key, m.adjustedCi95)}</Table.Td>
              <Table.Td>{m.n}</Table.Td>
              <Table.Td>
                <Badge variant="light" color={SIGNIFICANCE[m.significance].color}>
                  {SIGNIFICANCE[m.significance].label}
                </Badge>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
