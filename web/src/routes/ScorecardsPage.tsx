import { Badge, Button, Group, Stack, Table, VisuallyHidden } from "@mantine/core";
import { useState } from "react";
import { PageHeader } from "../components/PageHeader";
import { ErrorState, LoadingState } from "../components/QueryState";
import { useScorecards } from "../features/qa/qa.api";
import { ScorecardEditor } from "../features/qa/ScorecardEditor";

/** Scorecards: the published versions, and a builder for the next version. */
export default function ScorecardsPage() {
  const cards = useScorecards();
  const [editing, setEditing] = useState<string | null>(null);
  if (cards.isPending) return <LoadingState label="Loading scorecards…" />;
  if (cards.isError) return <ErrorState error={cards.error} onRetry={() => void cards.refetch()} />;
  const card = cards.data.items.find((c) => c.id === editing);
  return (
    <>
      <PageHeader
        title="Scorecards"
        description="Publishing a version re-scores every stored conversation"
      />
      <Stack gap="md">
        <Table aria-label="Scorecards">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Scorecard</Table.Th>
              <Table.Th>Channels</Table.Th>
              <Table.Th>Version</Table.Th>
              <Table.Th>Criteria</Table.Th>
              <Table.Th>
                <VisuallyHidden>Actions</VisuallyHidden>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {cards.data.items.map((c) => (
              <Table.Tr key={c.id}>
                <Table.Td>{c.name}</Table.Td>
                <Table.Td>{c.channels.join(", ")}</Table.Td>
                <Table.Td>
                  <Group gap={4}>
                    v{c.version} <Badge size="sm">{c.status}</Badge>
                    {c.draft && (
                      <Badge size="sm" color="yellow">
                        draft v{c.draft.version}
                      </Badge>
                    )}
                  </Group>
                </Table.Td>
                <Table.Td>{c.criteria.length}</Table.Td>
                <Table.Td>
                  <Button
                    size="xs"
                    variant="default"
                    onClick={() => setEditing(c.id)}
                    aria-label={`Edit ${c.name}`}
                  >
                    Edit
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        {card && <ScorecardEditor key={card.id} card={card} />}
      </Stack>
    </>
  );
}
