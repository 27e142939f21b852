import {
  Badge,
  Grid,
  Group,
  Paper,
  SegmentedControl,
  Select,
  Stack,
  Text,
  UnstyledButton,
} from "@mantine/core";
import { useState } from "react";
import { PageHeader } from "../components/PageHeader";
import { EmptyMessage, ErrorState, LoadingState } from "../components/QueryState";
import { useTeams } from "../features/people/people.api";
import { InboxChatPanel } from "../features/widget/InboxChatPanel";
import { REASON_LABELS, useInbox, type InboxItem } from "../features/widget/widget.api";
import { formatShortDateTime } from "../lib/format";

const VIEWS = [
  { value: "waiting", label: "Waiting" },
  { value: "active", label: "Active" },
  { value: "closed", label: "Closed" },
];

function ChatRow({
  item,
  selected,
  onSelect,
}: {
  item: InboxItem;
  selected: boolean;
  onSelect: () => void;
}) {
  return (
    <UnstyledButton
      onClick={onSelect}
      aria-current={selected ? "true" : undefined}
      p="sm"
      style={{
        display: "block",
        width: "100%",
        borderLeft: selected ? "4px solid var(--mantine-color-blue-7)" : "4px solid transparent",
        background: selected ? "var(--mantine-color-blue-0)" : undefined,
      }}
    >
      <Group gap={6} mb={2}>
        <Badge size="sm" color="orange" variant="light">
          {REASON_LABELS[item.reason ?? ""] ?? "Handed off"}
        </Badge>
        {item.signals.map((s) => (
          <Badge key={s} size="sm" color="red" variant="light">
            {s.replace(/_/g, " ")}
          </Badge>
        ))}
      </Group>
      <Text size="sm" lineClamp={2}>
        {item.preview ?? "(no message)"}
      </Text>
      <Text size="xs">
        {formatShortDateTime(item.handedOffAt)}
        {item.team ? ` · ${item.team.name}` : " · General queue"}
        {item.assignee ? ` · ${item.assignee.name}` : ""}
      </Text>
    </UnstyledButton>
  );
}

/** The agent inbox: chats the bot handed to people, by queue, with their whole context. */
export default function InboxPage() {
  const [view, setView] = useState("waiting");
  const [queue, setQueue] = useState<string | null>("all");
  const [selected, setSelected] = useState<string | null>(null);
  const teams = useTeams();
  const inbox = useInbox(view, queue ?? "all");
  const queues = [
    { value: "all", label: "All queues" },
    { value: "mine", label: "Assigned to me" },
    { value: "general", label: "General queue" },
    ...(teams.data ?? []).map((t) => ({ value: t.id, label: t.name })),
  ];

  function renderList() {
    if (inbox.isPending) return <LoadingState label="Loading the inbox…" />;
    if (inbox.isError)
      return <ErrorState error={inbox.error} onRetry={() => void inbox.refetch()} />;
    if (inbox.data.items.length === 0)
      return (
        <EmptyMessage title="No chats here">
          Chats arrive when a website visitor asks the bot for a person, the bot cannot answer, or
          the customer is at risk.
        </EmptyMessage>
      );
    return (
      <Stack gap={0} component="nav" aria-label="Chats">
        {inbox.data.items.map((item) => (
          <ChatRow
            key={item.id}
            item={item}
            selected={item.id === selected}
            onSelect={() => setSelected(item.id)}
          />
        ))}
      </Stack>
    );
  }

  return (
    <>
      <PageHeader
        title="Inbox"
        description="Website chats handed from the bot to people, longest waiting first."
      />
      <Group mb="sm" align="flex-end">
        <SegmentedControl aria-label="Chats to show" data={VIEWS} value={view} onChange={setView} />
        <Select
          label="Queue"
          data={queues}
          value={queue}
          onChange={setQueue}
          w={240}
          allowDeselect={false}
        />
      </Group>
      <Grid>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Paper withBorder p={0}>
            {renderList()}
          </Paper>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 8 }}>
          {selected ? (
            <InboxChatPanel id={selected} />
          ) : (
            <Paper withBorder p="md">
              <Text>Choose a chat to see its transcript and context.</Text>
            </Paper>
          )}
        </Grid.Col>
      </Grid>
    </>
  );
}
