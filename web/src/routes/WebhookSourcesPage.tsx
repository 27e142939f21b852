import { Badge, Button, Code, Group, Paper, Table, Text } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { ConfirmModal } from "../components/ConfirmModal";
import { useConfirmMutation } from "../components/use-confirm-mutation";
import { PageHeader } from "../components/PageHeader";
import { EmptyMessage, ErrorState, LoadingState } from "../components/QueryState";
import {
  useDeleteWebhookSource,
  useSetWebhookSourceEnabled,
  useWebhookSources,
} from "../features/channels/channels.api";
import { CreateWebhookSourceModal } from "../features/channels/CreateWebhookSourceModal";
import { formatDateTime } from "../lib/format";
import type { WebhookSource } from "../lib/types";

export default function WebhookSourcesPage() {
  const sources = useWebhookSources();
  const toDelete = useConfirmMutation<WebhookSource>(useDeleteWebhookSource());
  const setEnabled = useSetWebhookSourceEnabled();
  const [createOpened, { open: openCreate, close: closeCreate }] = useDisclosure(false);

  function renderBody() {
    if (sources.isPending) return <LoadingState label="Loading webhook sources…" />;
    if (sources.isError) {
      return <ErrorState error={sources.error} onRetry={() => void sources.refetch()} />;
    }
    if (sources.data.length === 0) {
      return (
        <EmptyMessage title="No webhook sources">
          Add one for each chat or social platform that posts conversations to Rapport.
        </EmptyMessage>
      );
    }
    return (
      <Table.ScrollContainer minWidth={760}>
        <Table verticalSpacing="sm" aria-label="Webhook sources">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Name</Table.Th>
              <Table.Th>Source</Table.Th>
              <Table.Th>Delivery URL</Table.Th>
              <Table.Th>Created</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {sources.data.map((s) => (
              <Table.Tr key={s.id}>
                <Table.Td>
                  <Text size="sm" fw={500}>
                    {s.name}
                  </Text>
                  {!s.enabled && (
                    <Badge color="gray" size="xs">
                      Disabled
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td>
                  <Code>{s.source}</Code>
                </Table.Td>
                <Table.Td>
                  <Code style={{ overflowWrap: "anywhere" }}>
                    {window.location.origin}
                    {s.url}
                  </Code>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{formatDateTime(s.createdAt)}</Text>
                </Table.Td>
                <Table.Td>
                  <Group gap="xs" justify="flex-end" wrap="nowrap">
                    <Button
                      size="xs"
                      variant="subtle"
                      loading={setEnabled.isPending && setEnabled.variables?.id === s.id}
                      onClick={() => setEnabled.mutate({ id: s.id, enabled: !s.enabled })}
                      aria-label={`${s.enabled ? "Pause" : "Resume"} webhook source ${s.name}`}
                      title={
                        s.enabled
                          ? "Refuse deliveries until resumed; the URL and secret stay"
                          : "Accept deliveries again"
                      }
                    >
                      {s.enabled ? "Pause" : "Resume"}
                    </Button>
                    <Button
                      size="xs"
                      variant="subtle"
                      color="red"
                      onClick={() => toDelete.ask(s)}
                      aria-label={`Delete webhook source ${s.name}`}
                    >
                      Delete
                    </Button>
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    );
  }

  return (
    <>
      <PageHeader
        title="Webhook sources"
        description="Chat and social platforms that post signed deliveries to Rapport. Each has its own URL, mapping and signing secret."
        actions={<Button onClick={openCreate}>Add webhook source</Button>}
      />
      <Paper withBorder>{renderBody()}</Paper>
      <CreateWebhookSourceModal opened={createOpened} onClose={closeCreate} />
      <ConfirmModal
        {...toDelete.modalProps}
        title="Delete webhook source"
        confirmLabel="Delete source"
      >
        Delete <b>{toDelete.target?.name}</b>? Deliveries to its URL are refused from now on.
        Conversations already received stay.
      </ConfirmModal>
    </>
  );
}
