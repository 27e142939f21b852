import { Code, Paper, Stack, Table, Text, Title } from "@mantine/core";
import type { ConversationDetail } from "../../lib/types";

function renderValue(value: unknown) {
  if (value === null || value === undefined)
    return (
      <Text size="sm" c="dimmed">
        —
      </Text>
    );
  if (typeof value === "object") {
    return (
      <Code block style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere" }}>
        {JSON.stringify(value, null, 2)}
      </Code>
    );
  }
  return (
    <Text size="sm" style={{ overflowWrap: "anywhere" }}>
      {String(value)}
    </Text>
  );
}

export function MetadataPanel({ detail }: { detail: ConversationDetail }) {
  const c = detail.conversation;
  const rows: [string, unknown][] = [
    ["Source", c.source],
    ["External id", c.externalId],
    ["Messages", c.messageCount],
    ...Object.entries(c.metadata ?? {}),
  ];

  return (
    <Stack gap="md">
      <Paper withBorder p="md">
        <Title order={2} size="h5" mb="xs">
          Participants
        </Title>
        {detail.participants.length === 0 ? (
          <Text size="sm" c="dimmed">
            None recorded
          </Text>
        ) : (
          <Stack gap={4} component="ul" m={0} p={0} style={{ listStyle: "none" }}>
            {detail.participants.map((p, i) => (
              <Text component="li" size="sm" key={`${p.role}-${i}`}>
                {p.displayName ?? "Unnamed"}{" "}
                <Text span size="xs" c="dimmed">
                  ({p.role})
                </Text>
              </Text>
            ))}
          </Stack>
        )}
      </Paper>
      <Paper withBorder p="md">
        <Title order={2} size="h5" mb="xs">
          Details
        </Title>
        <Table verticalSpacing={4} aria-label="Conversation metadata">
          <Table.Tbody>
            {rows.map(([key, value]) => (
              <Table.Tr key={key}>
                <Table.Th w="40%" fw={500} c="dimmed" style={{ verticalAlign: "top" }}>
                  <Text size="sm">{key}</Text>
                </Table.Th>
                <Table.Td>{renderValue(value)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Paper>
    </Stack>
  );
}
