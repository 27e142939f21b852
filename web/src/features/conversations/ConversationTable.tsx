import { Anchor, Group, Loader, Stack, Table, Text } from "@mantine/core";
import { Link, useNavigate } from "react-router";
import { ChannelBadge } from "../../components/ChannelBadge";
import { StatusBadge } from "../../components/StatusBadge";
import { formatDateTime, formatNumber, formatShortDateTime } from "../../lib/format";
import type { ConversationSummary } from "../../lib/types";
import { SatisfactionScore, SentimentBadge, SignalChips } from "./AnalysisBadges";
import { isNotable, sortSignals } from "./signals";

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
  /** Query string to carry into the detail page so "Back to list" returns to the same filtered page. */
  listSearch: string;
}

export function ConversationTable({ items, listSearch }: Props) {
  const navigate = useNavigate();

  return (
    <Table.ScrollContainer minWidth={1100}>
      <Table highlightOnHover verticalSpacing="xs" aria-label="Conversations">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Started</Table.Th>
            <Table.Th>Channel</Table.Th>
            <Table.Th miw={240}>Subject</Table.Th>
            <Table.Th>Customer</Table.Th>
            <Table.Th>Agent · team</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th title="Predicted customer satisfaction, 1–5">Satisfaction</Table.Th>
            <Table.Th>Sentiment</Table.Th>
            <Table.Th miw={180}>Signals</Table.Th>
            <Table.Th ta="right" title="Messages">
              Msgs
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((c) => {
            const to = `/conversations/${encodeURIComponent(c.id)}`;
            const title = c.subject?.trim() || c.preview?.trim() || "(no subject)";
            const a = c.analysis;
            const signals = a ? sortSignals(a.signals.filter(isNotable), (n) => n) : [];
            return (
              <Table.Tr
                key={c.id}
                style={{ cursor: "pointer" }}
                // The subject link is the keyboard/screen-reader path; a click anywhere on the row is a shortcut.
                onClick={(e) => {
                  if ((e.target as HTMLElement).closest("a")) return;
                  void navigate(to, { state: { listSearch } });
                }}
              >
                <Table.Td style={{ whiteSpace: "nowrap" }}>
                  <Text size="sm" title={formatDateTime(c.startedAt)}>
                    {formatShortDateTime(c.startedAt)}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <ChannelBadge channel={c.channel} />
                </Table.Td>
                <Table.Td miw={240} maw={360}>
                  <Stack gap={0}>
                    <Anchor
                      component={Link}
                      to={to}
                      state={{ listSearch }}
                      size="sm"
                      fw={500}
                      lineClamp={1}
                    >
                      {title}
                    </Anchor>
                    {c.subject && c.preview && (
                      <Text size="xs" c="dimmed" lineClamp={1}>
                        {c.preview}
                      </Text>
                    )}
                  </Stack>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{c.customer?.name ?? "—"}</Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{c.agent?.name ?? "Unassigned"}</Text>
                  {c.team && (
                    <Text size="xs" c="dimmed">
                      {c.team.name}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <StatusBadge status={c.status} />
                </Table.Td>
                {a ? (
                  <>
                    <Table.Td>
                      <SatisfactionScore score={a.satisfaction} />
                    </Table.Td>
                    <Table.Td>
                      <SentimentBadge label={a.sentiment} score={a.sentimentScore} />
                    </Table.Td>
                    <Table.Td miw={180} maw={260}>
                      <SignalChips names={signals} />
                    </Table.Td>
                  </>
                ) : (
                  <Table.Td colSpan={3}>
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
