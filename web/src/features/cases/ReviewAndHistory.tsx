import { Alert, Button, Group, List, Paper, Stack, Text, Textarea, Title } from "@mantine/core";
import { useState } from "react";
import { errorMessage } from "../../lib/api";
import { formatInstant, useDecideApproval, useRecordReview, type CaseDetail } from "./cases.api";

/** The lessons-learned review: asked for before a severe or breached case can be closed. */
export function ReviewPanel({ detail }: { detail: CaseDetail }) {
  const record = useRecordReview(detail.case.id);
  const [whatHappened, setWhatHappened] = useState("");
  const [whatWillChange, setWhatWillChange] = useState("");
  if (detail.review) {
    return (
      <Paper withBorder p="md">
        <Title order={2} size="h4" mb="xs">
          Lessons learned
        </Title>
        <Text size="sm">
          <strong>What happened:</strong> {detail.review.whatHappened}
        </Text>
        <Text size="sm">
          <strong>What will change:</strong> {detail.review.whatWillChange}
        </Text>
      </Paper>
    );
  }
  if (!detail.reviewRequired) return null;
  return (
    <Paper withBorder p="md">
      <Title order={2} size="h4" mb="xs">
        Lessons-learned review required
      </Title>
      <Text size="sm" mb="sm">
        This case is severe or breached its clock: record what happened and what will change before
        closing it.
      </Text>
      <Stack gap="xs">
        <Textarea
          label="What happened"
          value={whatHappened}
          onChange={(e) => setWhatHappened(e.currentTarget.value)}
          maxLength={10000}
        />
        <Textarea
          label="What will change"
          value={whatWillChange}
          onChange={(e) => setWhatWillChange(e.currentTarget.value)}
          maxLength={10000}
        />
        <Group>
          <Button
            disabled={!whatHappened.trim() || !whatWillChange.trim()}
            loading={record.isPending}
            onClick={() => record.mutate({ whatHappened, whatWillChange })}
          >
            Save review
          </Button>
        </Group>
        {record.isError && (
          <Alert role="alert" color="red">
            {errorMessage(record.error)}
          </Alert>
        )}
      </Stack>
    </Paper>
  );
}

/** Open approval requests, for the people who may decide them. */
export function ApprovalsPanel({ detail, canDecide }: { detail: CaseDetail; canDecide: boolean }) {
  const decide = useDecideApproval(detail.case.id);
  const decided = new Set(
    detail.events
      .filter((e) => e.type === "approval_decided")
      .map((e) => Number(e.data.requestSeq)),
  );
  const open = detail.events.filter((e) => e.type === "approval_requested" && !decided.has(e.seq));
  if (open.length === 0) return null;
  return (
    <Paper withBorder p="md">
      <Title order={2} size="h4" mb="xs">
        Approval requests
      </Title>
      {open.map((e) => (
        <Group key={e.seq} justify="space-between" mb="xs">
          <Text size="sm">
            {String(e.data.option)} {String(e.data.amount)} — {String(e.data.reason)} (due{" "}
            {formatInstant(String(e.data.dueAt))})
          </Text>
          {canDecide && (
            <Group gap="xs">
              <Button size="xs" onClick={() => decide.mutate({ seq: e.seq, approved: true })}>
                Approve
              </Button>
              <Button
                size="xs"
                variant="default"
                onClick={() => decide.mutate({ seq: e.seq, approved: false })}
              >
                Refuse
              </Button>
            </Group>
          )}
        </Group>
      ))}
    </Paper>
  );
}

function describe(e: CaseDetail["events"][number]): string {
  const d = e.data;
  switch (e.type) {
    case "status_changed":
      return `Status ${String(d.from)} → ${String(d.to)}`;
    case "escalated":
      return `Escalated ${String(d.from)} → ${String(d.to)} (${String(d.trigger).replaceAll("_", " ")})`;
    case "sla_alert":
      return String(d.label);
    case "authority_used":
      return `${String(d.option)} ${String(d.amount)} applied (${String(d.approved).replaceAll("_", " ")}): ${String(d.reason)}`;
    case "note":
      return `Note: ${String(d.text)}`;
    case "customer_message":
      return `Customer wrote via the public page: ${String(d.text)}`;
    default:
      return e.type.replaceAll("_", " ");
  }
}

export function HistoryPanel({ detail }: { detail: CaseDetail }) {
  return (
    <Paper withBorder p="md">
      <Title order={2} size="h4" mb="xs">
        History
      </Title>
      <List size="sm" spacing={4}>
        {detail.events.map((e) => (
          <List.Item key={e.id}>
            <Text span size="sm" c="dimmed">
              {formatInstant(e.at)}
            </Text>{" "}
            {describe(e)}
          </List.Item>
        ))}
      </List>
    </Paper>
  );
}
