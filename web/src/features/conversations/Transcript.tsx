import { Stack } from "@mantine/core";
import { EmptyMessage } from "../../components/QueryState";
import type { Message } from "../../lib/types";
import { MessageBubble } from "./MessageBubble";

interface Props {
  messages: Message[];
  customerName: string | null;
  showSentimentCues: boolean;
}

function spansDays(messages: Message[]): boolean {
  const first = messages[0];
  const last = messages.at(-1);
  if (!first || !last) return false;
  return new Date(first.ts).toDateString() !== new Date(last.ts).toDateString();
}

export function Transcript({ messages, customerName, showSentimentCues }: Props) {
  if (messages.length === 0) {
    return (
      <EmptyMessage title="No messages">This conversation has no transcript yet.</EmptyMessage>
    );
  }
  const sorted = [...messages].sort((a, b) => a.seq - b.seq);
  const withDate = spansDays(sorted);
  return (
    <Stack
      component="ol"
      aria-label="Transcript"
      gap="sm"
      p={0}
      m={0}
      style={{ listStyle: "none" }}
    >
      {sorted.map((m) => (
        <MessageBubble
          key={m.id}
          message={m}
          customerName={customerName}
          withDate={withDate}
          showSentimentCues={showSentimentCues}
        />
      ))}
    </Stack>
  );
}
