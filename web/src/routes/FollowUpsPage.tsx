import {
  Anchor,
  Badge,
  Button,
  Checkbox,
  Modal,
  Paper,
  SegmentedControl,
  Select,
  Stack,
  Table,
  Text,
  Textarea,
} from "@mantine/core";
import { useState, type FormEvent } from "react";
import { Link, useNavigate } from "react-router";
import { PageHeader } from "../components/PageHeader";
import { EmptyMessage, ErrorState, LoadingState } from "../components/QueryState";
import { CAN_CLOSE_FOLLOW_UPS, hasRole } from "../features/auth/permissions";
import { useSession } from "../features/auth/use-session";
import {
  useCloseFollowUp,
  useFollowUps,
  useOpenCaseFromFollowUp,
} from "../features/surveys/surveys.api";
import { errorMessage } from "../lib/api";
import { formatShortDateTime } from "../lib/format";
import type { CloseFollowUpBody, FollowUp } from "../lib/types";
import { LoadMore } from "../components/LoadMore";

const ACTIONS = [
  { value: "called_back", label: "Called back" },
  { value: "fixed", label: "Fixed" },
  { value: "refunded", label: "Refunded" },
  { value: "explained", label: "Explained" },
  { value: "other", label: "Other" },
];

function CloseModal({ target, onClose }: { target: FollowUp | null; onClose: () => void }) {
  const close = useCloseFollowUp();
  const [action, setAction] = useState<string>("called_back");
  const [outcome, setOutcome] = useState("");
  const [notify, setNotify] = useState(true);

  function handleSubmit(event: FormEvent) {
    event.preventDefault();
    if (!target || !outcome.trim()) return;
    close.mutate(
      {
        id: target.id,
        action: action as CloseFollowUpBody["action"],
        outcome: outcome.trim(),
        notifyCustomer: notify,
      },
      {
        onSuccess: () => {
          setOutcome("");
          onClose();
        },
      },
    );
  }
  return (
    <Modal opened={target !== null} onClose={onClose} title="Close follow-up">
      <form onSubmit={handleSubmit}>
        <Stack gap="sm">
          {target?.comment && <Text size="sm">The customer said: “{target.comment}”</Text>}
          <Select
            label="What was done"
            data={ACTIONS}
            value={action}
            onChange={(v) => setAction(v ?? "other")}
            allowDeselect={false}
          />
          <Textarea
            label="Outcome"
            value={outcome}
            onChange={(e) => setOutcome(e.currentTarget.value)}
            maxLength={2000}
            autosize
            minRows={3}
            required
          />
          <Checkbox
            label="Tell the customer what we did (email)"
            checked={notify}
            onChange={(e) => setNotify(e.currentTarget.checked)}
          />
          {close.isError && (
            <Text c="red.8" size="sm" role="alert">
              {errorMessage(close.error)}
            </Text>
          )}
          <Button type="submit" loading={close.isPending} disabled={!outcome.trim()}>
            Close follow-up
          </Button>
        </Stack>
      </form>
    </Modal>
  );
}

function statusOf(f: FollowUp, now: number) {
  if (f.status === "closed")
    return (
      <Badge color="green" variant="light">
        closed
      </Badge>
    );
  const late = Date.parse(f.dueAt) < now;
  const label = ["open", late && "overdue", f.escalated && "escalated"].filter(Boolean).join(" · ");
  return (
    <Badge color={late || f.escalated ? "red" : "blue"} variant="light">
      {label}
    </Badge>
  );
}

type Shown = "open" | "closed" | "all";
const SHOWN: { value: Shown; label: string }[] = [
  { value: "open", label: "Open" },
  { value: "closed", label: "Closed" },
  { value: "all", label: "All" },
];

/** "Open case": a call back was not enough; the complaint gets a case with SLA clocks. */
function OpenCaseButton({ followUp }: { followUp: FollowUp }) {
  const open = useOpenCaseFromFollowUp();
  const navigate = useNavigate();
  return (
    <Button
      size="xs"
      variant="subtle"
      loading={open.isPending}
      onClick={() =>
        open.mutate(followUp.id, { onSuccess: (c) => void navigate(`/cases/${c.id}`) })
      }
      aria-label={`Open case for ${followUp.surveyName} answer ${followUp.score ?? ""}`}
    >
      Open case
    </Button>
  );
}

export default function FollowUpsPage() {
  const session = useSession();
  const canClose = hasRole(session.role, CAN_CLOSE_FOLLOW_UPS);
  const [shown, setShown] = useState<Shown>("open");
  const followUps = useFollowUps(shown === "all" ? undefined : shown);
  const [target, setTarget] = useState<FollowUp | null>(null);
  const now = Date.now();

  function renderBody() {
    if (followUps.isPending) return <LoadingState label="Loading follow-ups…" />;
    if (followUps.isError)
      return <ErrorState error={followUps.error} onRetry={() => void followUps.refetch()} />;
    if (followUps.data.length === 0)
      return (
        <EmptyMessage title={shown === "open" ? "No open follow-ups" : "No follow-ups"}>
          Low survey answers open one here.
        </EmptyMessage>
      );
    return (
      <>
        <Table aria-label="Follow-ups" verticalSpacing="xs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Status</Table.Th>
              <Table.Th>Answer</Table.Th>
              <Table.Th>Owner</Table.Th>
              <Table.Th>Due</Table.Th>
              <Table.Th>Done</Table.Th>
              <Table.Th>Customer told</Table.Th>
              <Table.Th>Action</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {followUps.data.map((f) => (
              <Table.Tr key={f.id}>
                <Table.Td>{statusOf(f, now)}</Table.Td>
                <Table.Td>
                  <Anchor component={Link} to={`/conversations/${f.conversationId}`}>
                    {f.surveyName}: {f.score ?? "—"}
                  </Anchor>
                  {f.comment && (
                    <Text size="xs" c="dimmed" lineClamp={2}>
                      “{f.comment}”
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>{f.ownerName ?? f.teamName ?? "Unassigned"}</Table.Td>
                <Table.Td>{formatShortDateTime(f.dueAt)}</Table.Td>
                <Table.Td>
                  {f.status === "closed"
                    ? `${ACTIONS.find((a) => a.value === f.action)?.label ?? f.action}: ${f.outcome ?? ""}`
                    : "—"}
                </Table.Td>
                <Table.Td>
                  {f.customerNotifiedAt
                    ? `Notified ${formatShortDateTime(f.customerNotifiedAt)}`
                    : f.notifyCustomer
                      ? "Sending…"
                      : "—"}
                </Table.Td>
                <Table.Td>
                  {f.status === "open" && canClose && (
                    <Button
                      size="xs"
                      variant="default"
                      onClick={() => setTarget(f)}
                      aria-label={`Close follow-up for ${f.surveyName} answer ${f.score ?? ""}`}
                    >
                      Close
                    </Button>
                  )}
                  {canClose && <OpenCaseButton followUp={f} />}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        <LoadMore query={followUps} label="Load more follow-ups" />
      </>
    );
  }

  return (
    <>
      <PageHeader
        title="Follow-ups"
        description="Every low answer gets a call back, a fix or an explanation, and the customer hears what we did."
      />
      <SegmentedControl<Shown>
        aria-label="Show follow-ups"
        value={shown}
        onChange={setShown}
        data={SHOWN}
        mb="sm"
      />
      <Paper withBorder>{renderBody()}</Paper>
      <CloseModal target={target} onClose={() => setTarget(null)} />
    </>
  );
}
