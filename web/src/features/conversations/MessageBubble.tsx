import { Badge, Box, Button, Code, Collapse, Group, Paper, Text, Tooltip } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { formatDateTime, formatOffset, formatTime } from "../../lib/format";
import type { Message, MessageAnalysis, MessageRole } from "../../lib/types";
import { SENTIMENT_COLORS, formatSentimentScore } from "./AnalysisBadges";
import { HighlightedText } from "./HighlightedText";

interface RoleStyle {
  label: string;
  align: "flex-start" | "flex-end" | "stretch";
  bg: string;
  border?: string;
}

// Customer on the left, the company's side (agent, bot) on the right, internal notes full width and yellow:
// a reviewer must never mistake a note for something the customer saw.
const ROLE_STYLES: Record<MessageRole, RoleStyle> = {
  customer: {
    label: "Customer",
    align: "flex-start",
    bg: "var(--mantine-color-gray-0)",
    border: "1px solid var(--mantine-color-gray-3)",
  },
  agent: { label: "Agent", align: "flex-end", bg: "var(--mantine-color-indigo-0)" },
  bot: {
    label: "Bot",
    align: "flex-end",
    bg: "var(--mantine-color-grape-0)",
    border: "1px dashed var(--mantine-color-grape-4)",
  },
  internal: {
    label: "Internal note",
    align: "stretch",
    bg: "var(--mantine-color-yellow-0)",
    border: "1px solid var(--mantine-color-yellow-5)",
  },
};

interface Props {
  message: Message;
  customerName: string | null;
  /** Show the full date with the time when the conversation spans several days. */
  withDate: boolean;
  showSentimentCues: boolean;
}

function strongestEmotion(emotions: Record<string, number>): [string, number] | null {
  let best: [string, number] | null = null;
  for (const [name, value] of Object.entries(emotions)) {
    if (value >= 0.3 && (!best || value > best[1])) best = [name, value];
  }
  return best;
}

/** A dot and a signed score; the tooltip says what else the engine read in the message. */
function SentimentIndicator({ analysis }: { analysis: MessageAnalysis }) {
  const { score, label } = analysis.sentiment;
  if (score === undefined || label === undefined) return null;
  const emotion = strongestEmotion(analysis.emotions);
  const tip = [
    `Sentiment ${formatSentimentScore(score)} (${label})`,
    `Politeness ${formatSentimentScore(analysis.politeness)}`,
    emotion ? `Strongest emotion: ${emotion[0]} ${emotion[1].toFixed(2)}` : null,
  ]
    .filter(Boolean)
    .join(" · ");
  return (
    <Tooltip label={tip} multiline maw={280} withArrow>
      <Badge
        variant="dot"
        color={SENTIMENT_COLORS[label] ?? "gray"}
        size="xs"
        radius="sm"
        tt="none"
        aria-label={tip}
        styles={{ label: { fontVariantNumeric: "tabular-nums" } }}
      >
        {formatSentimentScore(score)}
      </Badge>
    </Tooltip>
  );
}

export function MessageBubble({ message, customerName, withDate, showSentimentCues }: Props) {
  const style = ROLE_STYLES[message.role] ?? ROLE_STYLES.customer;
  const [originalOpened, { toggle: toggleOriginal }] = useDisclosure(false);
  const who =
    message.role === "customer"
      ? (customerName ?? "Customer")
      : message.role === "agent" || message.role === "internal"
        ? (message.agent?.name ?? style.label)
        : style.label;
  const hasOffset = message.startOffset !== null;
  const originalId = `original-${message.id}`;
  const hasFooter = message.redactions > 0 || message.rawText !== null;

  return (
    <Box
      component="li"
      id={`message-${message.seq}`}
      style={{
        display: "flex",
        justifyContent: style.align === "stretch" ? "center" : style.align,
        scrollMarginTop: 72,
      }}
      aria-label={`${style.label} message`}
    >
      <Paper
        p="sm"
        radius="lg"
        maw={style.align === "stretch" ? "100%" : { base: "92%", sm: "80%" }}
        w={style.align === "stretch" ? "100%" : undefined}
        style={{ background: style.bg, border: style.border ?? "none" }}
      >
        <Group
          gap={4}
          justify="space-between"
          wrap="wrap"
          mb={4}
          style={{ columnGap: "var(--mantine-spacing-md)" }}
        >
          <Group gap={6} wrap="nowrap">
            <Text size="xs" fw={600}>
              {who}
            </Text>
            {who !== style.label && (
              <Text size="xs" c="dimmed">
                · {style.label}
              </Text>
            )}
            {message.analysis && <SentimentIndicator analysis={message.analysis} />}
          </Group>
          <Group gap={6} wrap="nowrap">
            {hasOffset && (
              <Text size="xs" c="dimmed" ff="monospace" title="Offset from the start of the call">
                {formatOffset(message.startOffset ?? 0)}
                {message.endOffset !== null && `–${formatOffset(message.endOffset)}`}
              </Text>
            )}
            <Text
              component="time"
              size="xs"
              c="dimmed"
              dateTime={message.ts}
              title={formatDateTime(message.ts)}
            >
              {withDate ? formatDateTime(message.ts) : formatTime(message.ts)}
            </Text>
          </Group>
        </Group>
        {message.textRemovedAt ? (
          <Text size="sm" fs="italic" c="dimmed">
            Text deleted on {formatDateTime(message.textRemovedAt)} under the organization&apos;s
            retention period; its analysis is kept.
          </Text>
        ) : (
          <HighlightedText
            text={message.text}
            analysis={message.analysis}
            showSentimentCues={showSentimentCues}
          />
        )}
        {hasFooter && (
          <Group gap="xs" mt={6} wrap="wrap">
            {message.redactions > 0 && (
              <Tooltip label="Personal data (cards, bank details, IDs, emails, phone numbers) was replaced before storage">
                <Badge variant="outline" color="gray" size="sm" radius="sm" tt="none" fw={500}>
                  {message.redactions === 1
                    ? "1 item redacted"
                    : `${message.redactions} items redacted`}
                </Badge>
              </Tooltip>
            )}
            {message.rawText !== null && (
              <Button
                variant="subtle"
                size="compact-xs"
                onClick={toggleOriginal}
                aria-expanded={originalOpened}
                aria-controls={originalId}
              >
                {originalOpened ? "Hide original" : "Show original"}
              </Button>
            )}
          </Group>
        )}
        {message.rawText !== null && (
          <Collapse expanded={originalOpened} id={originalId}>
            <Text size="xs" c="dimmed" mt="xs" mb={4}>
              The message as received (redacted), with quoted history and signature. Only the text
              above was analysed.
            </Text>
            <Code
              block
              style={{
                whiteSpace: "pre-wrap",
                overflowWrap: "anywhere",
                maxHeight: 360,
                overflow: "auto",
              }}
            >
              {message.rawText}
            </Code>
          </Collapse>
        )}
      </Paper>
    </Box>
  );
}
