import { Anchor, Group, Loader, Stack, Table, Text } from "@mantine/core";
import { Link, useNavigate } from "react-router";
import { ChannelBadge } from "../../components/ChannelBadge";
import { StatusBadge } from "../../components/StatusBadge";
import { formatDateTime, formatNumber, formatShortDateTime } from "../../lib/format";
import type { ConversationSummary } from "../../lib/types";
import { SatisfactionScore, SentimentBadge, SignalChips } from "./AnalysisBadges";
import { isNotable, sortSignals } from "./signals";
import { conversationTitle } from "../../lib/conversation-title";

function Analysing() {
  return (
    <Group gap={6} wrap="nowrap">
      <Loader size={12} type="dots" aria-hidden />
      <Text size="xs" c="dimmed">
        analysing…
      </Text>
    </Group>
  );
}

interface Props {
  items: ConversationSummary[];
}

export function ConversationTable({ items }: Props) {
  const navigate = useNavigate();

  return (
    <Table.ScrollContainer minWidth={1000}>
      <Table highlightOnHover verticalSpacing="xs" aria-label="Conversations">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Started</Table.Th>
            <Table.Th>Channel</Table.Th>
            <Table.Th miw={220}>Subject</Table.Th>
            <Table.Th>Customer · agent</Table.Th>
            <Table.Th title="Predicted customer satisfaction (1–5) and customer sentiment">
              Satisfaction
            </Table.Th>
            <Table.Th miw={200}>Signals</Table.Th>
            <Table.Th ta="right" title="Messages">
              Msgs
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((c) => {
            const to = `/conversations/${encodeURIComponent(c.id)}`;
            const title = conversationTitle(c, "(no subject)");
            const a = c.analysis;
            const signals = a ? sortSignals(a.signals.filter(isNotable), (n) => n) : [];
            return (
              <Table.Tr
                key={c.id}
                style={{ cursor: "pointer" }}
                // The subject link is the keyboard/screen-reader path; a click anywhere on the row is a shortcut.
                onClick={(e) => {
                  if ((e.target as HTMLElement).closest("a")) return;
                  void navigate(to);
                }}
              >
                <Table.Td style={{ whiteSpace: "nowrap" }}>
                  <Stack gap={4} align="flex-start">
                    <Text size="sm" title={formatDateTime(c.startedAt)}>
                      {formatShortDateTime(c.startedAt)}
                    </Text>
                    <StatusBadge status={c.status} />
                  </Stack>
                </Table.Td>
                <Table.Td>
                  <ChannelBadge channel={c.channel} />
                </Table.Td>
                <Table.Td miw={220} maw={320}>
                  <Stack gap={0}>
                    <Anchor component={Link} to={to} size="sm" fw={500} lineClamp={1}>
                      {title}
                    </Anchor>
                    {c.subject && c.preview && (
                      <Text size="xs" c="dimmed" lineClamp={1}>
                        {c.preview}
                      </Text>
                    )}
                  </Stack>
                </Table.Td>
                <Table.Td maw={200}>
                  <Text size="sm" truncate>
                    {c.customer?.name ?? "—"}
                  </Text>
                  <Text size="xs" c="dimmed" truncate title={c.team?.name ?? undefined}>
                    {c.agent?.name ?? "Unassigned"}
                    {c.team ? ` · ${c.team.name}` : ""}
                  </Text>
                </Table.Td>
                {a ? (
                  <>
                    <Table.Td>
                      <Stack gap={4} align="flex-start">
                        <SatisfactionScore
                          score={a.satisfaction}
                          confidence={a.satisfactionConfidence}
                          outcome={a.satisfactionOutcome}
                        />
                        <SentimentBadge label={a.sentiment} score={a.sentimentScore} />
                      </Stack>
                    </Table.Td>
                    <Table.Td miw={200} maw={280}>
                      <SignalChips names={signals} />
                    </Table.Td>
                  </>
                ) : (
                  <Table.Td colSpan={2}>
                    <Analysing />
                  </Table.Td>
                )}
                <Table.Td ta="right">
                  <Text size="sm">{formatNumber(c.messageCount)}</Text>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
