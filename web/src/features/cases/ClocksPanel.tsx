import { Paper, Table, Text, Title } from "@mantine/core";
import { ClockStateBadge } from "./CaseBadges";
import { formatInstant, type CaseClock } from "./cases.api";

function minutes(m: number): string {
  if (m < 60) return `${Math.round(m)} min`;
  return `${Math.floor(m / 60)} h ${Math.round(m % 60)} min`;
}

/** "running Fri 17:00 → Mon 09:00 (0 min counted)": a running segment says what it counted. */
function describeSegment(s: CaseClock["segments"][number]): string {
  const span = `${s.state} ${formatInstant(s.from)} → ${s.to ? formatInstant(s.to) : "now"}`;
  return s.countedMinutes === null ? span : `${span} (${minutes(s.countedMinutes)} counted)`;
}

/** Every clock of a case with its running and paused segments (replayed from the history). */
export function ClocksPanel({ clocks }: { clocks: CaseClock[] }) {
  return (
    <Paper withBorder p="md">
      <Title order={2} size="h4" mb="sm">
        Clocks
      </Title>
      <Table aria-label="Clocks">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Clock</Table.Th>
            <Table.Th scope="col">State</Table.Th>
            <Table.Th scope="col">Due</Table.Th>
            <Table.Th scope="col">Used</Table.Th>
            <Table.Th scope="col">Segments</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {clocks.map((c) => (
            <Table.Tr key={c.key}>
              <Table.Th scope="row">{c.label}</Table.Th>
              <Table.Td>
                <ClockStateBadge state={c.state} />
              </Table.Td>
              <Table.Td>{c.state === "paused" ? "paused" : formatInstant(c.dueAt)}</Table.Td>
              <Table.Td>
                {minutes(c.elapsedMinutes)}
                {c.targetMinutes !== null
                  ? ` of ${minutes(c.targetMinutes)} business time`
                  : " calendar time"}
              </Table.Td>
              <Table.Td>
                <Text size="xs">{c.segments.map(describeSegment).join("; ")}</Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Paper>
  );
}
