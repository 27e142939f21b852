import { Badge, Button, Group, Paper, Stack, Table, Text, Tooltip } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { useState } from "react";
import { ConfirmModal } from "../components/ConfirmModal";
import { useConfirmMutation } from "../components/use-confirm-mutation";
import { PageHeader } from "../components/PageHeader";
import { EmptyMessage, ErrorState, LoadingState } from "../components/QueryState";
import { AddMailboxModal } from "../features/channels/AddMailboxModal";
import {
  useDeleteMailbox,
  useMailboxes,
  usePollMailbox,
  useUpdateMailbox,
} from "../features/channels/channels.api";
import { MailboxPasswordModal } from "../features/channels/MailboxPasswordModal";
import { formatDateTime } from "../lib/format";
import type { Mailbox } from "../lib/types";

function PollStatus({ mailbox: m }: { mailbox: Mailbox }) {
  return (
    <Stack gap={2}>
      <Text size="sm">{m.lastPolledAt ? formatDateTime(m.lastPolledAt) : "Never polled"}</Text>
      {m.lastError ? (
        <Text size="xs" c="red" style={{ overflowWrap: "anywhere" }}>
          {m.lastError}
        </Text>
      ) : (
        m.lastPolledAt && (
          <Text size="xs" c="dimmed">
            OK
          </Text>
        )
      )}
    </Stack>
  );
}

export default function MailboxesPage() {
  const mailboxes = useMailboxes();
  const poll = usePollMailbox();
  const toDelete = useConfirmMutation<Mailbox>(useDeleteMailbox());
  const update = useUpdateMailbox();
  const [passwordFor, setPasswordFor] = useState<Mailbox | null>(null);
  const [addOpened, { open: openAdd, close: closeAdd }] = useDisclosure(false);
  const [queued, setQueued] = useState<Record<string, string>>({});

  function handlePoll(m: Mailbox) {
    poll.mutate(m.id, {
      onSuccess: (r) =>
        setQueued((q) => ({ ...q, [m.id]: r.queued ? "Poll queued" : "Already polling" })),
      onError: () => setQueued((q) => ({ ...q, [m.id]: "Could not queue a poll" })),
    });
  }

  function renderBody() {
    if (mailboxes.isPending) return <LoadingState label="Loading mailboxes…" />;
    if (mailboxes.isError) {
      return <ErrorState error={mailboxes.error} onRetry={() => void mailboxes.refetch()} />;
    }
    if (mailboxes.data.length === 0) {
      return (
        <EmptyMessage title="No mailboxes">
          Add the IMAP mailbox your customers write to; Rapport polls it and threads replies into
          conversations.
        </EmptyMessage>
      );
    }
    return (
      <Table.ScrollContainer minWidth={760}>
        <Table verticalSpacing="sm" aria-label="Mailboxes">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Mailbox</Table.Th>
              <Table.Th>Server</Table.Th>
              <Table.Th>Last poll</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {mailboxes.data.map((m) => (
              <Table.Tr key={m.id}>
                <Table.Td>
                  <Text size="sm" fw={500}>
                    {m.name}
                  </Text>
                  {m.name !== m.address && (
                    <Text size="xs" c="dimmed">
                      {m.address}
                    </Text>
                  )}
                  {m.purpose === "escalation" && (
                    <Badge color="red" variant="light" size="xs" mt={4} mr={4}>
                      Escalations to management
                    </Badge>
                  )}
                  {!m.enabled && (
                    <Badge color="gray" size="xs" mt={4}>
                      Disabled
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td>
                  <Text size="sm" ff="monospace">
                    {m.host}:{m.port}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {m.secure ? "TLS" : "No TLS"} · {m.username} · {m.folder}
                  </Text>
                </Table.Td>
                <Table.Td maw={320}>
                  <PollStatus mailbox={m} />
                </Table.Td>
                <Table.Td>
                  <Group gap="xs" justify="flex-end" wrap="nowrap">
                    {queued[m.id] && (
                      <Text size="xs" c="dimmed" role="status">
                        {queued[m.id]}
                      </Text>
                    )}
                    <Tooltip label="Fetch new mail now instead of waiting for the next poll">
                      <Button
                        size="xs"
                        variant="light"
                        onClick={() => handlePoll(m)}
                        loading={poll.isPending && poll.variables === m.id}
                        aria-label={`Poll now, mailbox ${m.name}`}
                      >
                        Poll now
                      </Button>
                    </Tooltip>
                    <Button
                      size="xs"
                      variant="subtle"
                      loading={update.isPending && update.variables?.id === m.id}
                      onClick={() => update.mutate({ id: m.id, enabled: !m.enabled })}
                      aria-label={`${m.enabled ? "Pause" : "Resume"} mailbox ${m.name}`}
                    >
                      {m.enabled ? "Pause" : "Resume"}
                    </Button>
                    <Button
                      size="xs"
                      variant="subtle"
                      onClick={() => setPasswordFor(m)}
                      aria-label={`New password for mailbox ${m.name}`}
                    >
                      Password
                    </Button>
                    <Button
                      size="xs"
                      variant="subtle"
                      color="red"
                      onClick={() => toDelete.ask(m)}
                      aria-label={`Delete mailbox ${m.name}`}
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
        title="Mailboxes"
        description="IMAP mailboxes Rapport polls for customer email. Passwords are stored encrypted and never shown."
        actions={<Button onClick={openAdd}>Add mailbox</Button>}
      />
      <Paper withBorder>{renderBody()}</Paper>
      <AddMailboxModal opened={addOpened} onClose={closeAdd} />
      <MailboxPasswordModal mailbox={passwordFor} onClose={() => setPasswordFor(null)} />
      <ConfirmModal {...toDelete.modalProps} title="Delete mailbox" confirmLabel="Delete mailbox">
        Stop polling <b>{toDelete.target?.address}</b> and forget its credentials? Conversations
        already imported from it stay.
      </ConfirmModal>
    </>
  );
}
