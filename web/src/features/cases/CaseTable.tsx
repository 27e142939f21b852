import { Anchor, Table, Text } from "@mantine/core";
import { Link } from "react-router";
import { CaseStatusBadge, LevelBadge, SeverityBadge } from "./CaseBadges";
import { formatInstant, type Case } from "./cases.api";

export function CaseTable({ items, caption }: { items: Case[]; caption: string }) {
  return (
    <Table.ScrollContainer minWidth={800}>
      <Table striped highlightOnHover aria-label={caption}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Case</Table.Th>
            <Table.Th scope="col">Status</Table.Th>
            <Table.Th scope="col">Severity</Table.Th>
            <Table.Th scope="col">Level</Table.Th>
            <Table.Th scope="col">Response due</Table.Th>
            <Table.Th scope="col">Resolution due</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((c) => (
            <Table.Tr key={c.id}>
              <Table.Td>
                <Anchor component={Link} to={`/cases/${c.id}`}>
                  {c.title}
                </Anchor>
                <Text size="xs" c="dimmed">
                  {c.reference} · opened {formatInstant(c.openedAt)}
                  {c.sla.breachedAt ? " · breached" : ""}
                </Text>
              </Table.Td>
              <Table.Td>
                <CaseStatusBadge status={c.status} />
              </Table.Td>
              <Table.Td>
                <SeverityBadge severity={c.severity} />
              </Table.Td>
              <Table.Td>
                <LevelBadge level={c.escalationLevel} />
              </Table.Td>
              <Table.Td>
                {c.sla.nextResponseDueAt
                  ? `${formatInstant(c.sla.nextResponseDueAt)} (next)`
                  : c.sla.firstRespondedAt
                    ? "Answered"
                    : formatInstant(c.sla.firstResponseDueAt)}
              </Table.Td>
              <Table.Td>{formatInstant(c.sla.resolutionDueAt)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
