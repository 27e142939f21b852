import {
  Alert,
  Anchor,
  Badge,
  Button,
  Checkbox,
  Group,
  NativeSelect,
  Paper,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { useState } from "react";
import { Link } from "react-router";
import { LoadMore } from "../../components/LoadMore";
import { EmptyMessage, ErrorState, LoadingState } from "../../components/QueryState";
import { hasRole } from "../auth/permissions";
import { useSession } from "../auth/use-session";
import { useUsers } from "../people/people.api";
import { CAN_RESOLVE_DISPUTES } from "./permissions";
import {
  useCalibration,
  useCalibrations,
  useCreateCalibration,
  useReviewQueue,
  useScorecards,
} from "./qa.api";
import { ReviewForm } from "./ReviewForm";

const fmt = (x: number | null) => (x === null ? "—" : x.toFixed(2));

function CreateCalibration() {
  const users = useUsers();
  const cards = useScorecards();
  const queue = useReviewQueue();
  const create = useCreateCalibration();
  const [name, setName] = useState("Weekly calibration");
  const [reviewers, setReviewers] = useState<string[]>([]);
  const chat = cards.data?.items.find((c) => c.channels.includes("chat"));
  const [scorecardId, setScorecardId] = useState<string>("");
  const card = cards.data?.items.find((c) => c.id === (scorecardId || chat?.id));
  const conversations = (queue.data?.pages[0]?.items ?? [])
    .filter((i) => card?.channels.includes(i.channel))
    .slice(0, 3)
    .map((i) => i.conversationId);
  const eligible = (users.data ?? []).filter((u) => ["admin", "leader", "qa"].includes(u.role));
  return (
    <Paper
      withBorder
      p="sm"
      component="form"
      aria-label="New calibration session"
      onSubmit={(e) => {
        e.preventDefault();
        if (card)
          create.mutate({
            name,
            scorecardId: card.id,
            conversationIds: conversations,
            reviewerUserIds: reviewers,
          });
      }}
    >
      <Stack gap="xs">
        <Title order={3} size="h5">
          New calibration session
        </Title>
        <TextInput
          label="Session name"
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
        />
        <NativeSelect
          label="Scorecard"
          value={card?.id ?? ""}
          onChange={(e) => setScorecardId(e.currentTarget.value)}
          data={(cards.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))}
        />
        <Text size="sm">{conversations.length} conversations from the review queue</Text>
        <Checkbox.Group label="Reviewers" value={reviewers} onChange={setReviewers}>
          <Group mt={4}>
            {eligible.map((u) => (
              <Checkbox key={u.id} value={u.id} label={u.name} />
            ))}
          </Group>
        </Checkbox.Group>
        {create.isError && <Alert color="red">{create.error.message}</Alert>}
        <Group>
          <Button
            type="submit"
            size="xs"
            loading={create.isPending}
            disabled={conversations.length === 0}
          >
            Start calibration
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

function SessionDetail({ id }: { id: string }) {
  const session = useCalibration(id);
  const cards = useScorecards();
  const me = useSession();
  if (session.isPending || cards.isPending) return <LoadingState label="Loading the session…" />;
  if (session.isError) return <ErrorState error={session.error} />;
  const s = session.data;
  const card = cards.data?.items.find((c) => c.id === s.scorecardId);
  const mine = new Set(
    s.evaluations.filter((e) => e.reviewerUserId === me.user.id).map((e) => e.conversationId),
  );
  const reviewer = s.reviewerUserIds.includes(me.user.id);
  return (
    <Stack gap="sm" aria-label={`Calibration ${s.name}`} component="section">
      <Title order={3} size="h5">
        {s.name}
      </Title>
      {reviewer &&
        card &&
        s.conversationIds
          .filter((c) => !mine.has(c))
          .map((c) => (
            <Paper withBorder p="sm" key={c}>
              <Anchor component={Link} to={`/conversations/${c}`} size="sm">
                Read the conversation
              </Anchor>
              <ReviewForm
                conversationId={c}
                card={card}
                auto={undefined}
                calibrationId={s.id}
                onDone={() => undefined}
              />
            </Paper>
          ))}
      {!s.revealed && (
        <Text size="sm" c="dimmed">
          Blind: the other reviewers' answers and the agreement appear once you have submitted.
        </Text>
      )}
      {s.agreement && (
        <Table aria-label="Agreement per criterion">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Criterion</Table.Th>
              <Table.Th>Reviewers' alpha</Table.Th>
              <Table.Th>Automatic rule vs reviewers</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {s.agreement.criteria.map((c) => (
              <Table.Tr key={c.key}>
                <Table.Td>{card?.criteria.find((x) => x.key === c.key)?.name ?? c.key}</Table.Td>
                <Table.Td>{fmt(c.alpha)}</Table.Td>
                <Table.Td>{fmt(c.autoAlpha)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {s.agreement && (
        <Text size="sm">
          Agreement per reviewer:{" "}
          {s.agreement.reviewers.map((r) => `${Math.round((r.agreement ?? 0) * 100)}%`).join(", ")}
        </Text>
      )}
    </Stack>
  );
}

export function CalibrationView() {
  const me = useSession();
  const [awaitingMe, setAwaitingMe] = useState(false);
  const list = useCalibrations(awaitingMe);
  const [open, setOpen] = useState<string | null>(null);
  if (list.isPending) return <LoadingState label="Loading calibration sessions…" />;
  if (list.isError) return <ErrorState error={list.error} />;
  const sessions = list.data.pages.flatMap((p) => p.items);
  return (
    <Stack gap="md">
      {hasRole(me.role, CAN_RESOLVE_DISPUTES) && <CreateCalibration />}
      <Checkbox
        label="Only sessions awaiting my answers"
        checked={awaitingMe}
        onChange={(e) => setAwaitingMe(e.currentTarget.checked)}
      />
      {sessions.length === 0 && (
        <EmptyMessage
          title={awaitingMe ? "No session awaits your answers" : "No calibration sessions yet"}
        />
      )}
      <Stack
        gap="xs"
        component="ul"
        p={0}
        style={{ listStyle: "none" }}
        aria-label="Calibration sessions"
      >
        {sessions.map((s) => (
          <li key={s.id}>
            <Group gap="xs">
              <Button variant="subtle" size="xs" onClick={() => setOpen(s.id)}>
                {s.name}
              </Button>
              <Text size="xs" c="dimmed">
                {new Date(s.createdAt).toLocaleDateString()}
                {s.dueAt && ` · due ${new Date(s.dueAt).toLocaleDateString()}`}
              </Text>
              {s.awaitingMe && <Badge color="yellow">Awaiting your answers</Badge>}
              {s.complete && <Badge color="teal">Complete</Badge>}
            </Group>
          </li>
        ))}
      </Stack>
      <LoadMore query={list} label="More sessions" />
      {open && <SessionDetail id={open} />}
    </Stack>
  );
}
