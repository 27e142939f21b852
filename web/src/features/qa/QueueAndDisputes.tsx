import {
  Alert,
  Anchor,
  Badge,
  Button,
  Checkbox,
  Group,
  NativeSelect,
  Stack,
  Table,
  Text,
  TextInput,
} from "@mantine/core";
import { useState } from "react";
import { Link } from "react-router";
import { CHANNEL_LABELS } from "../../components/ChannelBadge";
import { EmptyMessage, ErrorState, LoadingState } from "../../components/QueryState";
import { formatShortDateTime } from "../../lib/format";
import type { Channel, QaDispute } from "../../lib/types";
import { hasRole } from "../auth/permissions";
import { useSession } from "../auth/use-session";
import { ContactReasonSelect } from "../insights/ContactReasonSelect";
import { CAN_ASSIGN_REVIEWS, CAN_RESOLVE_DISPUTES } from "./permissions";
import { useDisputes, useResolveDispute, useReviewQueue } from "./qa.api";
import { useAgents } from "../people/people.api";
import { BulkHandOut } from "./BulkHandOut";
import { ClaimCell } from "./ClaimCell";
import { ClaimLapseSetting } from "./ClaimLapseSetting";
import { LoadMore } from "../../components/LoadMore";
import { conversationTitle } from "../../lib/conversation-title";

/** Why the assignment rules queued a conversation, as reviewers read it. */
export const REVIEW_REASONS: Record<string, string> = {
  low_satisfaction: "Predicted satisfaction ≤ 2",
  complaint: "Complaint",
  low_confidence: "Low automatic confidence",
  disagreement: "Automatic score and satisfaction disagree",
  disputed_agent: "Agent with accepted disputes",
  random_weekly: "Random weekly sample",
};

const ORDERS: Record<"newest" | "score", string> = {
  newest: "Newest first",
  score: "Lowest automatic score first",
};

const SHOW: Record<string, string> = {
  "": "Everyone's",
  me: "Claimed by me",
  unclaimed: "Not claimed",
};

export function ReviewQueue() {
  const session = useSession();
  const [reason, setReason] = useState<string | null>(null);
  const [contactReason, setContactReason] = useState<string | null>(null);
  const [agentId, setAgentId] = useState<string | null>(null);
  const [assignee, setAssignee] = useState<"me" | "unclaimed" | null>(null);
  const [sort, setSort] = useState<"newest" | "score">("newest");
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const canHandOut = hasRole(session.role, CAN_ASSIGN_REVIEWS);
  // Leaders and QA analysts with a team see their team's queue, so offer their team's agents.
  const scoped = session.role === "leader" || session.role === "qa";
  const agents = useAgents(scoped ? (session.teamId ?? null) : null);
  const queue = useReviewQueue({ reason, contactReasonId: contactReason, agentId, assignee, sort });
  if (queue.isPending) return <LoadingState label="Loading the review queue…" />;
  if (queue.isError) return <ErrorState error={queue.error} onRetry={() => void queue.refetch()} />;
  const waiting = queue.data.pages[0]?.waiting ?? [];
  const total = waiting.reduce((sum, w) => sum + w.count, 0);
  const narrowed = contactReason !== null || agentId !== null || assignee !== null;
  if (total === 0 && !narrowed)
    return (
      <EmptyMessage title="Nothing to review">The assignment rules found nothing new.</EmptyMessage>
    );
  const items = queue.data.pages.flatMap((p) => p.items);
  const shown = reason === null ? total : (waiting.find((w) => w.reason === reason)?.count ?? 0);
  // Only what is on the page can be handed out: a selection hidden by a filter is left out.
  const picked = items.filter((i) => selected.has(i.id));
  const allPicked = items.length > 0 && picked.length === items.length;
  const handleSelect = (id: string, on: boolean) =>
    setSelected((prev) => {
      const next = new Set(prev);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  return (
    <Stack gap="sm">
      <Group align="flex-end" gap="sm" wrap="wrap">
        <NativeSelect
          label="Why"
          value={reason ?? ""}
          onChange={(e) => setReason(e.currentTarget.value || null)}
          data={[
            { value: "", label: `Every reason (${total})` },
            ...waiting.map((w) => ({
              value: w.reason,
              label: `${REVIEW_REASONS[w.reason] ?? w.reason} (${w.count})`,
            })),
          ]}
          w={320}
        />
        <ContactReasonSelect value={contactReason} onChange={setContactReason} />
        <NativeSelect
          label="Agent"
          value={agentId ?? ""}
          onChange={(e) => setAgentId(e.currentTarget.value || null)}
          data={[
            { value: "", label: "Every agent" },
            ...(agents.data ?? []).map((a) => ({ value: a.id, label: a.name })),
          ]}
          w={200}
        />
        <NativeSelect
          label="Claimed"
          value={assignee ?? ""}
          onChange={(e) => setAssignee((e.currentTarget.value || null) as typeof assignee)}
          data={Object.entries(SHOW).map(([value, label]) => ({ value, label }))}
          w={170}
        />
        <NativeSelect
          label="Order"
          value={sort}
          onChange={(e) => setSort(e.currentTarget.value as typeof sort)}
          data={Object.entries(ORDERS).map(([value, label]) => ({ value, label }))}
          w={270}
        />
        <Text size="sm" c="dimmed" role="status" ml="auto">
          {queue.isPlaceholderData
            ? "Loading…"
            : `Showing ${items.length} of ${shown} waiting for review`}
        </Text>
      </Group>
      <ClaimLapseSetting />
      {canHandOut && <BulkHandOut selected={picked} onDone={() => setSelected(new Set())} />}
      {/* Busy while a changed filter's rows load (the previous rows stay on screen meanwhile). */}
      <Table aria-label="Review queue" aria-busy={queue.isPlaceholderData} striped>
        <Table.Thead>
          <Table.Tr>
            {canHandOut && (
              <Table.Th w={32}>
                <Checkbox
                  aria-label="Select all on page"
                  checked={allPicked}
                  indeterminate={picked.length > 0 && !allPicked}
                  onChange={(e) =>
                    setSelected(new Set(e.currentTarget.checked ? items.map((i) => i.id) : []))
                  }
                />
              </Table.Th>
            )}
            <Table.Th>Conversation</Table.Th>
            <Table.Th>Why</Table.Th>
            <Table.Th>Agent</Table.Th>
            <Table.Th>Automatic score</Table.Th>
            <Table.Th>Reviewer</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((item) => (
            <Table.Tr key={item.id}>
              {canHandOut && (
                <Table.Td>
                  <Checkbox
                    aria-label={`Select ${conversationTitle(item, "this conversation")}`}
                    checked={selected.has(item.id)}
                    onChange={(e) => handleSelect(item.id, e.currentTarget.checked)}
                  />
                </Table.Td>
              )}
              <Table.Td maw={420}>
                <Anchor
                  component={Link}
                  to={`/conversations/${item.conversationId}`}
                  size="sm"
                  lineClamp={1}
                >
                  {conversationTitle(item, "(no messages)")}
                </Anchor>
                <Text size="xs" c="dimmed">
                  {CHANNEL_LABELS[item.channel as Channel] ?? item.channel} ·{" "}
                  {formatShortDateTime(item.startedAt)}
                </Text>
              </Table.Td>
              <Table.Td>{REVIEW_REASONS[item.reason] ?? item.reason}</Table.Td>
              <Table.Td>{item.agent?.name ?? "—"}</Table.Td>
              <Table.Td>{item.autoScore ?? "—"}</Table.Td>
              <Table.Td>
                <ClaimCell item={item} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {items.length === 0 && (
        <Text size="sm" c="dimmed">
          Nothing waits for review with these filters.
        </Text>
      )}
      <LoadMore query={queue} />
    </Stack>
  );
}

function ResolveForm({ dispute }: { dispute: QaDispute }) {
  const resolve = useResolveDispute();
  const [outcome, setOutcome] = useState("upheld");
  const [note, setNote] = useState("");
  return (
    <Group align="flex-end" gap="xs">
      <NativeSelect
        label="Outcome"
        size="xs"
        value={outcome}
        onChange={(e) => setOutcome(e.currentTarget.value)}
        data={[
          { value: "upheld", label: "Uphold the evaluation" },
          { value: "overturned", label: "Overturn" },
        ]}
      />
      <TextInput
        label="Note"
        size="xs"
        value={note}
        onChange={(e) => setNote(e.currentTarget.value)}
      />
      <Button
        size="xs"
        loading={resolve.isPending}
        onClick={() => resolve.mutate({ id: dispute.id, outcome, note })}
      >
        Resolve
      </Button>
      {resolve.isError && <Alert color="red">{resolve.error.message}</Alert>}
    </Group>
  );
}

export function DisputeList() {
  const session = useSession();
  const disputes = useDisputes();
  if (disputes.isPending) return <LoadingState label="Loading disputes…" />;
  if (disputes.isError) return <ErrorState error={disputes.error} />;
  if (disputes.data.items.length === 0) return <EmptyMessage title="No disputes" />;
  const canResolve = hasRole(session.role, CAN_RESOLVE_DISPUTES);
  return (
    <Stack gap="sm" component="ul" p={0} style={{ listStyle: "none" }} aria-label="Disputes">
      {disputes.data.items.map((d) => (
        <li key={d.id}>
          <Stack gap={4}>
            <Group gap="xs">
              <Badge color={d.status === "open" ? "yellow" : "gray"}>{d.status}</Badge>
              <Anchor component={Link} to={`/conversations/${d.conversationId}`} size="sm">
                Open the conversation
              </Anchor>
              <Text size="xs" c="dimmed">
                due {new Date(d.dueAt).toLocaleDateString()}
              </Text>
            </Group>
            <Text size="sm">“{d.reason}”</Text>
            {d.resolution && <Text size="sm">Resolution: {d.resolution}</Text>}
            {canResolve && d.status === "open" && <ResolveForm dispute={d} />}
          </Stack>
        </li>
      ))}
    </Stack>
  );
}
