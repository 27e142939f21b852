import { Box, Group, Paper, Text } from "@mantine/core";
import { formatDateTime, formatOffset, formatTime } from "../../lib/format";
import type { Message, MessageRole } from "../../lib/types";

interface RoleStyle {
  label: string;
  align: "flex-start" | "flex-end" | "stretch";
  bg: string;
  border?: string;
}

// Customer on the left, the company's side (agent, bot) on the right, internal notes full width and yellow:
// a reviewer must never mistake a note for something the customer saw.
const ROLE_STYLES: Record<MessageRole, RoleStyle> = {
  customer: { label: "Customer", align: "flex-start", bg: "var(--mantine-color-gray-1)" },
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
}

export function MessageBubble({ message, customerName, withDate }: Props) {
  const style = ROLE_STYLES[message.role] ?? ROLE_STYLES.customer;
  const who =
    message.role === "customer"
      ? (customerName ?? "Customer")
      : message.role === "agent" || message.role === "internal"
        ? (message.agent?.name ?? style.label)
        : style.label;
  const hasOffset = message.startOffset !== null;

  return (
    <Box
      component="li"
      style={{
        display: "flex",
        justifyContent: style.align === "stretch" ? "center" : style.align,
      }}
      aria-label={`${style.label} message`}
    >
      <Paper
        p="sm"
        radius="lg"
        maw={style.align === "stretch" ? "100%" : { base: "92%", sm: "78%" }}
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
        <Text size="sm" style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere" }}>
          {message.text}
        </Text>
      </Paper>
    </Box>
  );
}
