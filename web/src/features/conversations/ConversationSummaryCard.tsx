import { Group, Paper, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import type { ReactNode } from "react";
import { CHANNEL_LABELS, ChannelBadge } from "../../components/ChannelBadge";
import { StatusBadge } from "../../components/StatusBadge";
import { formatDateTime, formatDuration } from "../../lib/format";
import type { ConversationSummary } from "../../lib/types";
import { conversationTitle } from "../../lib/conversation-title";

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Stack gap={2}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text size="sm" component="div">
        {children}
      </Text>
    </Stack>
  );
}

export function ConversationSummaryCard({
  conversation: c,
}: {
  conversation: ConversationSummary;
}) {
  return (
    <Paper withBorder p="md" mb="md">
      <Group gap="sm" mb="sm" wrap="wrap">
        <ChannelBadge channel={c.channel} />
        <StatusBadge status={c.status} />
        <Title order={1} size="h3" style={{ flex: "1 1 300px", overflowWrap: "anywhere" }}>
          {conversationTitle(c, `${CHANNEL_LABELS[c.channel]} conversation`)}
        </Title>
      </Group>
      <SimpleGrid cols={{ base: 2, sm: 3, lg: 6 }} spacing="md">
        <Field label="Customer">{c.customer?.name ?? "Unknown"}</Field>
        <Field label="Agent">{c.agent?.name ?? "Unassigned"}</Field>
        <Field label="Team">{c.team?.name ?? "—"}</Field>
        <Field label="Started">{formatDateTime(c.startedAt)}</Field>
        <Field label="Ended">{c.endedAt ? formatDateTime(c.endedAt) : "Ongoing"}</Field>
        <Field label="Duration">{formatDuration(c.startedAt, c.endedAt)}</Field>
      </SimpleGrid>
    </Paper>
  );
}
