import {
  Anchor,
  Badge,
  Button,
  Group,
  Paper,
  Select,
  Stack,
  Switch,
  Table,
  Text,
  Title,
} from "@mantine/core";
import { useState } from "react";
import { errorMessage } from "../../lib/api";
import { formatShortDateTime } from "../../lib/format";
import type { ConversationStatus, SurveyInvitation } from "../../lib/types";
import { hasRole } from "../auth/permissions";
import { useSession } from "../auth/use-session";
import {
  useInvitations,
  useSendSurvey,
  useSetConversationStatus,
  useSetExclusion,
  useSurveys,
} from "./surveys.api";

const CAN_HANDLE: readonly string[] = ["admin", "leader", "qa", "agent"];

const REASONS: Record<string, string> = {
  excluded: "excluded from surveys",
  no_contact: "no way to reach the customer",
  open_follow_up: "the customer has an open follow-up",
  open_case: "the customer has an open complaint",
  cooldown: "surveyed recently (contact-pressure budget)",
  survey_interval: "this survey's own interval",
  sampled_out: "not sampled",
};

function statusLabel(i: SurveyInvitation): string {
  if (i.status === "suppressed") return `Suppressed: ${REASONS[i.reason ?? ""] ?? i.reason}`;
  if (i.status === "sent") return `Sent ${formatShortDateTime(i.sentAt)}`;
  return i.sendAt && Date.parse(i.sendAt) > Date.now()
    ? `Queued until ${formatShortDateTime(i.sendAt)} (quiet hours)`
    : "Queued";
}

/**
 * Surveys on the conversation page: resolve the conversation (which triggers the survey), send or
 * re-request a survey by hand, exclude it from surveys, and see every invitation and answer.
 */
export function ConversationSurveyPanel(props: {
  conversationId: string;
  status: ConversationStatus;
}) {
  const { conversationId, status } = props;
  const session = useSession();
  const canHandle = CAN_HANDLE.includes(session.role);
  const surveys = useSurveys();
  const [surveyId, setSurveyId] = useState<string | null>(null);
  const setStatus = useSetConversationStatus(conversationId);
  const send = useSendSurvey(conversationId);
  const exclude = useSetExclusion(conversationId);
  const resolved = status === "resolved" || status === "closed";
  const invitations = useInvitations(conversationId, resolved);
  const items = invitations.data?.items ?? [];
  const excluded = invitations.data?.excluded ?? false;
  const error = setStatus.error ?? send.error ?? exclude.error;

  return (
    <Paper withBorder p="md" mb="md" component="section" aria-labelledby="surveys-heading">
      <Stack gap="sm">
        <Group justify="space-between" wrap="wrap">
          <Title order={2} size="h4" id="surveys-heading">
            Surveys
          </Title>
          {canHandle && (
            <Group gap="sm" wrap="wrap">
              {resolved ? (
                <Button
                  size="xs"
                  variant="default"
                  loading={setStatus.isPending}
                  onClick={() => setStatus.mutate("open")}
                >
                  Reopen
                </Button>
              ) : (
                <Button
                  size="xs"
                  loading={setStatus.isPending}
                  onClick={() => setStatus.mutate("resolved")}
                >
                  Resolve
                </Button>
              )}
              <Switch
                label="Exclude from surveys"
                checked={excluded}
                disabled={exclude.isPending || invitations.isPending}
                onChange={(e) => exclude.mutate(e.currentTarget.checked)}
              />
            </Group>
          )}
        </Group>
        {canHandle && hasRole(session.role, ["admin", "leader", "qa", "agent"]) && (
          <Group gap="sm" align="flex-end" wrap="wrap">
            <Select
              label="Survey to send"
              placeholder="Choose a survey"
              data={(surveys.data ?? []).map((s) => ({ value: s.id, label: s.name }))}
              value={surveyId}
              onChange={setSurveyId}
              w={260}
              size="xs"
            />
            <Button
              size="xs"
              variant="default"
              disabled={!surveyId || excluded}
              loading={send.isPending}
              onClick={() => surveyId && send.mutate(surveyId)}
            >
              Send survey
            </Button>
          </Group>
        )}
        {error && (
          <Text c="red.8" size="sm" role="alert">
            {errorMessage(error)}
          </Text>
        )}
        {items.length === 0 ? (
          <Text size="sm" c="dimmed">
            {resolved
              ? "No survey invitation for this conversation yet."
              : "Surveys are sent when the conversation is resolved."}
          </Text>
        ) : (
          <Table aria-label="Survey invitations" verticalSpacing={4}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Survey</Table.Th>
                <Table.Th>Invitation</Table.Th>
                <Table.Th>Answer</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((i) => (
                <Table.Tr key={i.id}>
                  <Table.Td>{i.surveyName}</Table.Td>
                  <Table.Td>
                    <Group gap={6}>
                      <Badge variant="light" color={i.status === "suppressed" ? "gray" : "blue"}>
                        {i.status}
                      </Badge>
                      <Text size="sm">{statusLabel(i)}</Text>
                      {i.url && (
                        <Anchor href={i.url} target="_blank" rel="noreferrer" size="sm">
                          Respondent page
                        </Anchor>
                      )}
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    {i.response ? (
                      <Text size="sm">
                        {i.response.score ?? "—"}
                        {i.response.comment ? ` · “${i.response.comment}”` : ""}
                      </Text>
                    ) : (
                      <Text size="sm" c="dimmed">
                        No answer yet
                      </Text>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Stack>
    </Paper>
  );
}
