import { Alert, Button, Group, Paper, Select, Stack, Textarea, Title } from "@mantine/core";
import { useState, type FormEvent } from "react";
import { ErrorState, LoadingState } from "../../components/QueryState";
import { AssistPanel } from "../assist/AssistPanel";
import { useSession } from "../auth/use-session";
import { useUsers } from "../people/people.api";
import { BotAttempts, CustomerHistory, HandoffSummary, Transcript } from "./ChatContext";
import {
  useAssignChat,
  useCloseChat,
  useInboxChat,
  useReplyToChat,
  useTakeChat,
  type InboxChat,
} from "./widget.api";

function AssignControl({ id }: { id: string }) {
  const users = useUsers();
  const assign = useAssignChat(id);
  const [userId, setUserId] = useState<string | null>(null);
  return (
    <Group align="flex-end" gap="xs">
      <Select
        label="Assign to"
        placeholder="Choose a person"
        data={(users.data ?? []).map((u) => ({ value: u.id, label: u.name }))}
        value={userId}
        onChange={setUserId}
        w={220}
      />
      <Button
        variant="default"
        disabled={!userId}
        loading={assign.isPending}
        onClick={() => userId && assign.mutate(userId)}
      >
        Assign
      </Button>
    </Group>
  );
}

function ReplyForm({ id }: { id: string }) {
  const reply = useReplyToChat(id);
  const [text, setText] = useState("");
  function handleSubmit(e: FormEvent) {
    e.preventDefault();
    const value = text.trim();
    if (!value) return;
    reply.mutate(value, { onSuccess: () => setText("") });
  }
  return (
    <form onSubmit={handleSubmit}>
      <Stack gap="xs">
        <Textarea
          label="Reply to the customer"
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
          maxLength={2000}
          autosize
          minRows={2}
        />
        {reply.isError && <Alert color="red">{reply.error.message}</Alert>}
        <Group>
          <Button type="submit" loading={reply.isPending}>
            Send reply
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function Actions({ data }: { data: InboxChat }) {
  const session = useSession();
  const take = useTakeChat(data.chat.id);
  const close = useCloseChat(data.chat.id);
  const mine = data.chat.assignee?.id === session.user.id;
  const lead = session.role === "admin" || session.role === "leader";
  if (data.chat.status === "closed") return null;
  return (
    <Group align="flex-end">
      {!mine && (
        <Button onClick={() => take.mutate(undefined)} loading={take.isPending}>
          Take conversation
        </Button>
      )}
      {lead && <AssignControl id={data.chat.id} />}
      <Button variant="default" onClick={() => close.mutate(undefined)} loading={close.isPending}>
        End chat
      </Button>
    </Group>
  );
}

/** What the live assist panel reads: the customer's and the agents' words (the bot's are not coached). */
function assistMessages(data: InboxChat) {
  return data.messages.flatMap((m) =>
    m.role === "customer" || m.role === "agent" ? [{ role: m.role, text: m.text, ts: m.at }] : [],
  );
}

/** One handed-off chat with everything the person taking over needs; live assist keeps helping. */
export function InboxChatPanel({ id }: { id: string }) {
  const chat = useInboxChat(id);
  if (chat.isPending) return <LoadingState label="Loading the chat…" />;
  if (chat.isError) return <ErrorState error={chat.error} onRetry={() => void chat.refetch()} />;
  const data = chat.data;
  return (
    <Stack gap="md" aria-label="Chat context">
      <Paper withBorder p="md">
        <Title order={2} size="h4" mb="xs">
          {data.chat.assignee ? `With ${data.chat.assignee.name}` : "Waiting for a person"}
          {data.chat.team ? ` · ${data.chat.team.name}` : ""}
        </Title>
        <Actions data={data} />
      </Paper>
      <HandoffSummary chat={data.chat} intent={data.intent} />
      <Transcript messages={data.messages} />
      {data.chat.status !== "closed" && <ReplyForm id={data.chat.id} />}
      <AssistPanel
        conversationRef={data.chat.conversationId ?? data.chat.id}
        conversationId={data.chat.conversationId ?? undefined}
        customerExternalId={data.chat.customerExternalId}
        messages={assistMessages(data)}
        showTranscript={false}
      />
      <BotAttempts botTried={data.botTried} />
      <CustomerHistory history={data.history} />
    </Stack>
  );
}
