import { Button, Paper, Select, Stack, Text, Textarea, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { api, errorMessage } from "../../lib/api";
import type { components } from "../../lib/api-types/index.gen.ts";
import { formatShortDateTime } from "../../lib/format";
import { useColleagues, useGiveKudos } from "./recognition.api";
import { conversationTitle } from "../../lib/conversation-title";

type ConversationSummary = components["schemas"]["ConversationSummary"];

function useRecentConversations() {
  return useQuery({
    queryKey: ["conversations", "recent-for-kudos"],
    queryFn: ({ signal }) =>
      api
        .get<{ items: ConversationSummary[] }>("/conversations", { limit: 30 }, signal)
        .then((d) => d.items),
  });
}

/** Kudos to a colleague, about one conversation (the server refuses oneself and other orgs). */
export function KudosForm() {
  const colleagues = useColleagues();
  const conversations = useRecentConversations();
  const give = useGiveKudos();
  const [to, setTo] = useState<string | null>(null);
  const [conversation, setConversation] = useState<string | null>(null);
  const [message, setMessage] = useState("");

  function handleSubmit(event: FormEvent) {
    event.preventDefault();
    if (!to || !conversation || !message.trim()) return;
    give.mutate(
      { toUserId: to, conversationId: conversation, message: message.trim() },
      { onSuccess: () => setMessage("") },
    );
  }

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="give-kudos-title">
      <Title order={2} size="h4" id="give-kudos-title" mb="sm">
        Give kudos
      </Title>
      <form onSubmit={handleSubmit}>
        <Stack gap="sm">
          <Select
            label="Colleague"
            placeholder="Who did great?"
            data={(colleagues.data ?? []).map((c) => ({ value: c.userId, label: c.name }))}
            value={to}
            onChange={setTo}
            searchable
            required
          />
          <Select
            label="Conversation"
            placeholder="Which conversation?"
            data={(conversations.data ?? []).map((c) => ({
              value: c.id,
              label: `${conversationTitle(c, c.customer?.name ?? c.channel, 60)} · ${formatShortDateTime(c.startedAt)}`,
            }))}
            value={conversation}
            onChange={setConversation}
            searchable
            required
          />
          <Textarea
            label="Message"
            value={message}
            onChange={(e) => setMessage(e.currentTarget.value)}
            maxLength={1000}
            autosize
            minRows={2}
            required
          />
          {give.isError && (
            <Text c="red.8" size="sm" role="alert">
              {errorMessage(give.error)}
            </Text>
          )}
          {give.isSuccess && (
            <Text c="green" size="sm" role="status">
              Kudos sent to {give.data.toName}.
            </Text>
          )}
          <Button
            type="submit"
            loading={give.isPending}
            disabled={!to || !conversation || !message.trim()}
          >
            Send kudos
          </Button>
        </Stack>
      </form>
    </Paper>
  );
}
