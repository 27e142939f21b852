import { Badge, Button, Code, Group, Table, Text } from "@mantine/core";
import { formatDateTime } from "../../lib/format";
import type { ApiKey } from "../../lib/types";

interface Props {
  keys: ApiKey[];
  onRevoke: (key: ApiKey) => void;
}

export function ApiKeysTable({ keys, onRevoke }: Props) {
  return (
    <Table.ScrollContainer minWidth={860}>
      <Table verticalSpacing="xs" aria-label="API keys">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Name</Table.Th>
            <Table.Th>Prefix</Table.Th>
            <Table.Th>Scopes</Table.Th>
            <Table.Th>Created</Table.Th>
            <Table.Th>Last used</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {keys.map((k) => {
            const revoked = k.revokedAt !== null;
            return (
              <Table.Tr key={k.id} c={revoked ? "dimmed" : undefined}>
                <Table.Td>
                  <Text size="sm" fw={500} td={revoked ? "line-through" : undefined}>
                    {k.name}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Code>{k.prefix}…</Code>
                </Table.Td>
                <Table.Td>
                  <Group gap={4}>
                    {k.scopes.map((s) => (
                      <Badge
                        key={s}
                        size="sm"
                        variant="light"
                        color={s === "admin" ? "red" : "indigo"}
                      >
                        {s}
                      </Badge>
                    ))}
                  </Group>
                </Table.Td>
                <Table.Td style={{ whiteSpace: "nowrap" }}>{formatDateTime(k.createdAt)}</Table.Td>
                <Table.Td style={{ whiteSpace: "nowrap" }}>
                  {k.lastUsedAt ? formatDateTime(k.lastUsedAt) : "Never"}
                </Table.Td>
                <Table.Td style={{ whiteSpace: "nowrap" }}>
                  {revoked ? (
                    <>
                      <Badge color="gray" variant="outline">
                        Revoked
                      </Badge>
                      <Text size="xs" c="dimmed">
                        {formatDateTime(k.revokedAt)}
                      </Text>
                    </>
                  ) : (
                    <Badge color="green" variant="light">
                      Active
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td ta="right">
                  {!revoked && (
                    <Button
                      size="xs"
                      variant="subtle"
                      color="red"
                      onClick={() => onRevoke(k)}
                      aria-label={`Revoke key ${k.name}`}
                    >
                      Revoke
                    </Button>
                  )}
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
