import { LineChart } from "@mantine/charts";
import {
  Anchor,
  Alert,
  Badge,
  Button,
  Card,
  Group,
  List,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  Title,
} from "@mantine/core";
import { useState } from "react";
import { Link } from "react-router";
import { ErrorState } from "../../components/QueryState";
import {
  ALERT_LABELS,
  SIGNAL_LABELS,
  useAssist,
  useDecideSuggestion,
  useJoinRequests,
  type AssistMessage,
  type AssistResult,
} from "./assist.api";

export interface AssistPanelProps {
  /** The live call id, or the conversation id for chats: where verdicts and join requests belong. */
  conversationRef: string;
  messages: AssistMessage[];
  customerExternalId?: string | undefined;
  /** The stored conversation, when known (links verdicts to outcomes). */
  conversationId?: string | undefined;
  /** Hide the transcript when the host page shows its own (the inbox). */
  showTranscript?: boolean;
}

function Transcript({ messages, result }: { messages: AssistMessage[]; result?: AssistResult }) {
  return (
    <Paper withBorder p="sm" aria-label="Transcript" component="section">
      <Title order={2} size="h4" mb="xs">
        Transcript
      </Title>
      <Stack gap={6} aria-live="polite">
        {messages.map((m, i) => {
          const point = result?.timeline[i];
          return (
            <Group key={i} gap="xs" wrap="nowrap" align="flex-start">
              <Badge variant="light" color={m.role === "agent" ? "indigo" : "orange"} w={90}>
                {m.role}
              </Badge>
              <Text size="sm" style={{ flex: 1 }}>
                {m.text}
              </Text>
              {point?.emotion && (
                <Text size="xs" c="dimmed">
                  {point.emotion} {Math.round(point.intensity * 100)}%
                </Text>
              )}
            </Group>
          );
        })}
      </Stack>
    </Paper>
  );
}

function Timeline({ result }: { result: AssistResult }) {
  const data = result.timeline.map((p) => ({
    message: p.messageIndex + 1,
    [p.role === "agent" ? "agent" : "customer"]: p.sentiment,
  }));
  if (data.length < 2) return null;
  return (
    <LineChart
      h={160}
      data={data}
      dataKey="message"
      connectNulls
      series={[
        { name: "customer", label: "Customer", color: "orange.8" },
        { name: "agent", label: "Agent", color: "indigo.6", strokeDasharray: "4 3" },
      ]}
      yAxisProps={{ domain: [-1, 1], width: 32 }}
      referenceLines={[{ y: 0, color: "gray.5" }]}
      role="img"
      aria-label="Sentiment per utterance, from −1 to +1, in transcript order"
    />
  );
}

function Actions({ result, props }: { result: AssistResult; props: AssistPanelProps }) {
  const decide = useDecideSuggestion();
  const [decided, setDecided] = useState<Record<string, string>>({});
  if (result.actions.length === 0) return <Text size="sm">No action suggested yet.</Text>;
  return (
    <Stack gap="xs">
      {result.actions.map((a) => (
        <Card key={a.id} withBorder padding="xs" aria-label={`Action: ${a.title}`}>
          <Group justify="space-between" wrap="nowrap" align="flex-start">
            <Stack gap={2}>
              <Text fw={600} size="sm">
                {a.kind === "offer" ? "Offer: " : ""}
                {a.title}
              </Text>
              <Text size="xs">Why: {a.reason}</Text>
            </Stack>
            {decided[a.id] ? (
              <Badge color={decided[a.id] === "used" ? "teal" : "gray"}>{decided[a.id]}</Badge>
            ) : (
              <Group gap={4} wrap="nowrap">
                {(["used", "dismissed"] as const).map((decision) => (
                  <Button
                    key={decision}
                    size="compact-xs"
                    variant={decision === "used" ? "filled" : "default"}
                    aria-label={`${decision === "used" ? "Used" : "Dismiss"}: ${a.title}`}
                    onClick={() =>
                      decide.mutate(
                        {
                          ruleId: a.id,
                          conversationRef: props.conversationRef,
                          decision,
                          ...(props.conversationId ? { conversationId: props.conversationId } : {}),
                          ...(props.customerExternalId
                            ? { customerExternalId: props.customerExternalId }
                            : {}),
                        },
                        { onSuccess: () => setDecided((d) => ({ ...d, [a.id]: decision })) },
                      )
                    }
                  >
                    {decision === "used" ? "Used" : "Dismiss"}
                  </Button>
                ))}
              </Group>
            )}
          </Group>
        </Card>
      ))}
    </Stack>
  );
}

/** Colleagues' curated conversations on the criteria the alerts and nudges are about. */
function Examples({ result }: { result: AssistResult }) {
  if (result.examples.length === 0) return null;
  return (
    <Paper withBorder p="sm" component="section" aria-label="Best practices">
      <Title order={2} size="h4" mb="xs">
        How colleagues handled this
      </Title>
      <Stack gap="xs">
        {result.examples.map((e) => (
          <Card key={e.id} withBorder padding="xs" aria-label={`Best practice: ${e.criterionName}`}>
            <Text size="sm" fw={600}>
              {e.criterionName}
            </Text>
            {e.note && <Text size="sm">{e.note}</Text>}
            <Text size="xs" c="dimmed" lineClamp={3}>
              “{e.excerpt}”
            </Text>
            <Anchor
              component={Link}
              to={`/best-practices?criterion=${encodeURIComponent(e.criterionKey)}`}
            >
              <Text span size="xs">
                More on {e.criterionName.toLowerCase()}
              </Text>
            </Anchor>
          </Card>
        ))}
      </Stack>
    </Paper>
  );
}

/**
 * The agent's live assist panel for one conversation: alerts with evidence, framing nudges,
 * knowledge cards with the matching passage, next best actions with their reasons (used / dismiss),
 * the sentiment timeline and supervisors' requests to join. Embeddable (the chat inbox uses it).
 */
export function AssistPanel(props: AssistPanelProps) {
  const { messages, conversationRef, customerExternalId, showTranscript = true } = props;
  const assist = useAssist(conversationRef, messages, customerExternalId);
  const joins = useJoinRequests(conversationRef);
  const result = assist.data;
  return (
    <Stack gap="md">
      {joins.data?.items[0] && (
        <Alert color="grape" title="A supervisor asked to join" role="status">
          {joins.data.items[0].requestedByName} asked to join this conversation
          {joins.data.items[0].note ? `: ${joins.data.items[0].note}` : "."}
        </Alert>
      )}
      {assist.error && <ErrorState error={assist.error} title="Assist is unavailable" />}
      <SimpleGrid cols={{ base: 1, md: showTranscript ? 2 : 1 }}>
        {showTranscript && <Transcript messages={messages} result={result} />}
        <Stack gap="md">
          <Paper withBorder p="sm" component="section" aria-label="Alerts">
            <Title order={2} size="h4" mb="xs">
              Alerts
            </Title>
            {!result || result.alerts.length === 0 ? (
              <Text size="sm">No alerts.</Text>
            ) : (
              <List spacing={4} size="sm">
                {result.alerts.map((a) => (
                  <List.Item key={a.name}>
                    <Text span fw={600} c="red.8">
                      {ALERT_LABELS[a.name]}
                    </Text>
                    : {a.evidence.map((e) => `“${e.text}”`).join(", ")}
                  </List.Item>
                ))}
              </List>
            )}
          </Paper>
          <Paper withBorder p="sm" component="section" aria-label="Framing nudges">
            <Title order={2} size="h4" mb="xs">
              Framing nudges
            </Title>
            {!result || result.nudges.length === 0 ? (
              <Text size="sm">Your wording looks good.</Text>
            ) : (
              <Stack gap="xs">
                {result.nudges.map((n) => (
                  <Card key={`${n.signal}-${n.messageIndex}`} withBorder padding="xs">
                    <Text size="sm" fw={600}>
                      {SIGNAL_LABELS[n.signal]} in “{n.evidence}”
                    </Text>
                    <Text size="sm">Try: {n.suggestion}</Text>
                    <Text size="xs" c="dimmed">
                      Why: {n.principle}
                    </Text>
                  </Card>
                ))}
              </Stack>
            )}
          </Paper>
          {result && <Examples result={result} />}
          <Paper withBorder p="sm" component="section" aria-label="Knowledge">
            <Title order={2} size="h4" mb="xs">
              Knowledge
            </Title>
            {!result || result.knowledge.length === 0 ? (
              <Text size="sm">No matching article.</Text>
            ) : (
              <Stack gap="xs">
                {result.knowledge.map((k) => (
                  <Card
                    key={k.articleId}
                    withBorder
                    padding="xs"
                    aria-label={`Article: ${k.title}`}
                  >
                    <Group justify="space-between">
                      <Text size="sm" fw={600}>
                        {k.title}
                      </Text>
                      <Badge variant="light">{Math.round(k.score * 100)}% match</Badge>
                    </Group>
                    <Text size="sm">{k.snippet}</Text>
                  </Card>
                ))}
              </Stack>
            )}
          </Paper>
          <Paper withBorder p="sm" component="section" aria-label="Next best actions">
            <Title order={2} size="h4" mb="xs">
              Next best actions
            </Title>
            {result ? <Actions result={result} props={props} /> : <Text size="sm">…</Text>}
          </Paper>
          {result && <Timeline result={result} />}
        </Stack>
      </SimpleGrid>
    </Stack>
  );
}
