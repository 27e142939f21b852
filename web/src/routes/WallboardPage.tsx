import { Anchor, Badge, Button, Group, Progress, Table, Text } from "@mantine/core";
import { useState } from "react";
import { Link } from "react-router";
import { PageHeader } from "../components/PageHeader";
import { EmptyMessage, ErrorState, LoadingState } from "../components/QueryState";
import { ALERT_LABELS, useRequestJoin, useWallboard } from "../features/assist/assist.api";

/** Supervisor wallboard: live conversations ranked by risk, alerts routed to team leads. */
export default function WallboardPage() {
  const board = useWallboard();
  const join = useRequestJoin();
  const [asked, setAsked] = useState<Record<string, boolean>>({});
  if (board.isPending) return <LoadingState />;
  if (board.error) return <ErrorState error={board.error} onRetry={() => void board.refetch()} />;
  return (
    <>
      <PageHeader
        title="Wallboard"
        description="Live conversations, highest risk first. Refreshes every 5 seconds."
      />
      {board.data.items.length === 0 ? (
        <EmptyMessage title="No live conversations">
          Calls and chats show here as they happen.
        </EmptyMessage>
      ) : (
        <Table striped aria-label="Live conversations by risk">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Conversation</Table.Th>
              <Table.Th>Agent</Table.Th>
              <Table.Th>Risk</Table.Th>
              <Table.Th>Alerts</Table.Th>
              <Table.Th>Routed to</Table.Th>
              <Table.Th>Join</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {board.data.items.map((row) => (
              <Table.Tr key={row.conversationId}>
                <Table.Td>
                  <Anchor component={Link} to={`/assist/${encodeURIComponent(row.ref)}`}>
                    {row.customerName ?? row.ref}
                  </Anchor>
                  <Text size="xs" c="dimmed">
                    {row.channel} · {row.ref}
                  </Text>
                </Table.Td>
                <Table.Td>{row.agentName ?? "—"}</Table.Td>
                <Table.Td miw={120}>
                  <Progress
                    value={row.risk * 100}
                    color={row.risk >= 0.6 ? "red" : row.risk >= 0.3 ? "orange" : "teal"}
                    aria-label={`Risk ${Math.round(row.risk * 100)}%`}
                  />
                  <Text size="xs">{Math.round(row.risk * 100)}%</Text>
                </Table.Td>
                <Table.Td>
                  <Group gap={4}>
                    {row.alerts.map((a) => (
                      <Badge
                        key={a.name}
                        color="red"
                        variant="light"
                        title={a.evidence.map((e) => e.text).join(", ")}
                      >
                        {ALERT_LABELS[a.name]}
                      </Badge>
                    ))}
                  </Group>
                </Table.Td>
                <Table.Td>
                  {row.routedToYou && <Badge color="grape">You</Badge>} {row.routedTo.join(", ")}
                </Table.Td>
                <Table.Td>
                  <Button
                    size="compact-sm"
                    variant="default"
                    disabled={asked[row.ref]}
                    aria-label={`${asked[row.ref] ? "Requested" : "Request"} to join ${row.customerName ?? row.ref}`}
                    onClick={() =>
                      join.mutate(row.ref, {
                        onSuccess: () => setAsked((a) => ({ ...a, [row.ref]: true })),
                      })
                    }
                  >
                    {asked[row.ref] ? "Requested" : "Request to join"}
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </>
  );
}
