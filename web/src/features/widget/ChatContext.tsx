import { Anchor, Badge, Group, List, Paper, Stack, Table, Text, Title } from "@mantine/core";
import { Link } from "react-router";
import { formatDateTime } from "../../lib/format";
import { REASON_LABELS, type InboxChat } from "./widget.api";

const ROLE_LABELS: Record<string, string> = {
  customer: "Customer",
  bot: "Bot",
  agent: "Agent",
  system: "Notice",
};

/** Why the chat came to a person, and what the engine detected in it. */
export function HandoffSummary({ chat, intent }: Pick<InboxChat, "chat" | "intent">) {
  return (
    <Paper withBorder p="md">
      <Title order={2} size="h4" mb="xs">
        Why it was handed off
      </Title>
      <Group gap="xs" mb="sm">
        <Badge color="orange" variant="light">
          {REASON_LABELS[chat.reason ?? ""] ?? "Unknown"}
        </Badge>
        {chat.reasonSignals.map((s) => (
          <Badge key={s} color="red" variant="light">
            {s.replace(/_/g, " ")}
          </Badge>
        ))}
        <Text size="sm">at {formatDateTime(chat.handedOffAt)}</Text>
      </Group>
      <Title order={3} size="h5" mb={4}>
        Detected
      </Title>
      <Text size="sm">
        Topic: {intent.topic ?? "none found in the knowledge base"} · Sentiment: {intent.sentiment}{" "}
        · Trajectory: {intent.trajectory} · Predicted satisfaction:{" "}
        {intent.predictedSatisfaction.toFixed(1)} / 5
      </Text>
      {intent.signals.length > 0 && (
        <List size="sm" mt={4} aria-label="Signals">
          {intent.signals.map((s) => (
            <List.Item key={s.name}>
              <strong>{s.name.replace(/_/g, " ")}</strong>
              {s.evidence.length > 0 && `: “${s.evidence.join("”, “")}”`}
            </List.Item>
          ))}
        </List>
      )}
    </Paper>
  );
}

/** The whole conversation so far, bot turns and notices included. */
export function Transcript({ messages }: Pick<InboxChat, "messages">) {
  return (
    <Paper withBorder p="md">
      <Title order={2} size="h4" mb="xs">
        Transcript
      </Title>
      <Stack gap="xs" component="ol" style={{ listStyle: "none", padding: 0, margin: 0 }}>
        {messages.map((m) => (
          <li key={m.seq}>
            <Text size="xs" fw={700}>
              {ROLE_LABELS[m.role] ?? m.role} · {formatDateTime(m.at)}
            </Text>
            <Text size="sm" style={{ whiteSpace: "pre-wrap" }}>
              {m.text}
            </Text>
            {m.citation && <Text size="xs">Cited: {m.citation.title}</Text>}
          </li>
        ))}
      </Stack>
    </Paper>
  );
}

/** Each customer question the bot handled, the articles it considered and their scores. */
export function BotAttempts({ botTried }: Pick<InboxChat, "botTried">) {
  return (
    <Paper withBorder p="md">
      <Title order={2} size="h4" mb="xs">
        What the bot tried
      </Title>
      {botTried.length === 0 ? (
        <Text size="sm">The bot did not answer anything in this chat.</Text>
      ) : (
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Question</Table.Th>
              <Table.Th scope="col">Answered</Table.Th>
              <Table.Th scope="col">Articles (score)</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {botTried.map((t) => (
              <Table.Tr key={t.seq}>
                <Table.Td>{t.question}</Table.Td>
                <Table.Td>{t.answered ? "Yes" : "No"}</Table.Td>
                <Table.Td>
                  {t.attempts.length === 0
                    ? "No article matched"
                    : t.attempts.map((a) => `${a.title} (${a.score.toFixed(2)})`).join("; ")}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Paper>
  );
}

/** The customer's other conversations and open cases. */
export function CustomerHistory({ history }: Pick<InboxChat, "history">) {
  const empty = history.conversations.length === 0 && history.openCases.length === 0;
  return (
    <Paper withBorder p="md">
      <Title order={2} size="h4" mb="xs">
        Customer history
      </Title>
      {empty && <Text size="sm">No earlier conversations and no open cases.</Text>}
      {history.openCases.length > 0 && (
        <List size="sm" aria-label="Open cases">
          {history.openCases.map((c) => (
            <List.Item key={c.id}>
              <Anchor component={Link} to={`/cases/${c.id}`}>
                {c.reference}
              </Anchor>{" "}
              {c.title} ({c.status.replace(/_/g, " ")}, {c.severity})
            </List.Item>
          ))}
        </List>
      )}
      {history.conversations.length > 0 && (
        <List size="sm" mt="xs" aria-label="Earlier conversations">
          {history.conversations.map((c) => (
            <List.Item key={c.id}>
              <Anchor component={Link} to={`/conversations/${c.id}`}>
                {c.subject ?? `${c.channel} conversation`}
              </Anchor>{" "}
              {formatDateTime(c.startedAt)} ({c.status})
            </List.Item>
          ))}
        </List>
      )}
    </Paper>
  );
}
