import {
  Alert,
  Badge,
  Blockquote,
  Button,
  Group,
  Paper,
  Stack,
  Text,
  Textarea,
  Title,
} from "@mantine/core";
import { useState } from "react";
import { ErrorState, LoadingState } from "../../components/QueryState";
import { formatShortDateTime } from "../../lib/format";
import type { QaEvaluation, QaEvaluationList, QaScorecard } from "../../lib/types";
import { hasRole } from "../auth/permissions";
import { useSession } from "../auth/use-session";
import { CAN_ASSIGN_REVIEWS, CAN_REVIEW } from "./permissions";
import { ReviewerSelect } from "./ReviewerSelect";
import { CoachingForm } from "./CoachingForm";
import { ReviewForm, type ReviewMessage } from "./ReviewForm";
import {
  useAcknowledge,
  useClaimReview,
  useConversationQa,
  useDispute,
  useScorecards,
} from "./qa.api";
import { REVIEW_REASONS } from "./QueueAndDisputes";

export const ANSWER_COLORS: Record<string, string> = {
  pass: "teal",
  fail: "red",
  na: "gray",
  pending: "yellow",
};
export const ANSWER_LABELS: Record<string, string> = {
  pass: "Pass",
  fail: "Fail",
  na: "N/A",
  pending: "Pending",
};

function criterionName(cards: QaScorecard[], scorecardId: string, key: string): string {
  const card = cards.find((c) => c.id === scorecardId);
  return card?.criteria.find((c) => c.key === key)?.name ?? key;
}

function EvaluationCard({
  evaluation,
  cards,
  seqOf,
}: {
  evaluation: QaEvaluation;
  cards: QaScorecard[];
  seqOf: Map<string, number>;
}) {
  const session = useSession();
  const acknowledge = useAcknowledge();
  const dispute = useDispute();
  const [reason, setReason] = useState("");
  const [disputing, setDisputing] = useState(false);
  const kind = evaluation.kind === "auto" ? "Automatic QA" : "Review";
  const isAgent = session.role === "agent";
  return (
    <Paper withBorder p="sm" aria-label={`${kind} evaluation`} component="section">
      <Group justify="space-between" mb="xs">
        <Title order={3} size="h5">
          {kind} · v{evaluation.version}
        </Title>
        <Badge variant="light" size="lg">
          {evaluation.score === null ? "No score" : `Score ${evaluation.score}`}
        </Badge>
      </Group>
      <Stack gap={6} component="ul" p={0} m={0} style={{ listStyle: "none" }}>
        {evaluation.criteria.map((c) => (
          <li key={c.key}>
            <Group gap="xs" wrap="nowrap" justify="space-between">
              <Text size="sm">{criterionName(cards, evaluation.scorecardId, c.key)}</Text>
              <Group gap={4} wrap="nowrap">
                {c.original && (
                  <Badge variant="outline" color="gray" size="sm">
                    was {ANSWER_LABELS[c.original.answer]}
                  </Badge>
                )}
                <Badge color={ANSWER_COLORS[c.answer]} size="sm">
                  {ANSWER_LABELS[c.answer]}
                </Badge>
              </Group>
            </Group>
            {c.confidence !== undefined && c.answer !== "na" && (
              <Text size="xs" c="dimmed">
                Confidence {Math.round(c.confidence * 100)}%
              </Text>
            )}
            {c.evidence.slice(0, 2).map((e) => (
              <Blockquote
                key={`${e.messageId}:${e.start}`}
                p={4}
                ml={4}
                fz="xs"
                aria-label="Evidence"
              >
                “{e.text}”
                {seqOf.has(e.messageId) && (
                  <Text span fz="xs" c="dimmed">
                    {" "}
                    (message #{seqOf.get(e.messageId)! + 1})
                  </Text>
                )}
              </Blockquote>
            ))}
          </li>
        ))}
      </Stack>
      {evaluation.comments.length > 0 && (
        <Stack gap={2} mt="xs">
          {evaluation.comments.map((c) => (
            <Text size="xs" key={c.messageId}>
              Comment on message #{(seqOf.get(c.messageId) ?? 0) + 1}: {c.text}
            </Text>
          ))}
        </Stack>
      )}
      {hasRole(session.role, CAN_REVIEW) && evaluation.kind === "human" && (
        <CoachingForm evaluationId={evaluation.id} />
      )}
      {evaluation.acknowledgedAt && (
        <Text size="xs" c="dimmed" mt="xs">
          Acknowledged by the agent
        </Text>
      )}
      {isAgent && (
        <Group mt="sm">
          {!evaluation.acknowledgedAt && (
            <Button
              size="xs"
              onClick={() => acknowledge.mutate(evaluation.id)}
              loading={acknowledge.isPending}
            >
              Acknowledge
            </Button>
          )}
          <Button size="xs" variant="default" onClick={() => setDisputing((d) => !d)}>
            Dispute
          </Button>
        </Group>
      )}
      {disputing && (
        <Stack gap="xs" mt="sm">
          <Textarea
            label="Why do you dispute this evaluation?"
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            minRows={2}
          />
          {dispute.isError && <Alert color="red">{dispute.error.message}</Alert>}
          {dispute.isSuccess ? (
            <Text size="sm" role="status">
              Dispute sent to your team leader.
            </Text>
          ) : (
            <Button
              size="xs"
              onClick={() => dispute.mutate({ id: evaluation.id, reason, criterionKeys: [] })}
              loading={dispute.isPending}
            >
              Send dispute
            </Button>
          )}
        </Stack>
      )}
    </Paper>
  );
}

/** Why the conversation waits in the review queue and who claimed it. */
function QueuedLine({ queued }: { queued: NonNullable<QaEvaluationList["queued"]> }) {
  const session = useSession();
  const who = queued.assignee
    ? queued.assignee.id === session.user.id
      ? "you"
      : (queued.assignee.name ?? "a former member")
    : null;
  return (
    <Stack gap={4} mb="sm">
      <Text size="sm" c="dimmed">
        In the review queue: {REVIEW_REASONS[queued.reason] ?? queued.reason}
        {" · "}
        {who && queued.claimedAt
          ? `claimed by ${who} since ${formatShortDateTime(queued.claimedAt)}${
              queued.claimLapsesAt ? ` until ${formatShortDateTime(queued.claimLapsesAt)}` : ""
            }`
          : "not claimed yet"}
      </Text>
      {hasRole(session.role, CAN_ASSIGN_REVIEWS) && (
        <Group gap="xs" align="center">
          <Text size="sm" aria-hidden>
            Reviewer
          </Text>
          <ReviewerSelect assignment={queued} label="Reviewer of this conversation" />
        </Group>
      )}
    </Stack>
  );
}

/** Automatic and human QA of a conversation, with evidence; reviewers review from here. */
export function QaPanel({
  conversationId,
  channel,
  messages,
}: {
  conversationId: string;
  channel: string;
  messages: ReviewMessage[];
}) {
  const session = useSession();
  const qa = useConversationQa(conversationId);
  const cards = useScorecards();
  const [reviewing, setReviewing] = useState(false);
  const claim = useClaimReview();
  if (qa.isPending || cards.isPending) return <LoadingState label="Loading QA…" />;
  if (qa.isError) return <ErrorState error={qa.error} onRetry={() => void qa.refetch()} />;
  if (cards.isError) return <ErrorState error={cards.error} />;
  const card = cards.data.items.find((c) => c.channels.includes(channel));
  const auto = qa.data.items.find((e) => e.kind === "auto" && e.scorecardId === card?.id);
  const queued = qa.data.queued;
  return (
    <Paper withBorder p="md">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4">
          Quality
        </Title>
        {hasRole(session.role, CAN_REVIEW) && card && !reviewing && (
          <Button
            size="xs"
            onClick={() => {
              // Starting a review of a queued conversation nobody holds claims it for the reviewer.
              if (queued && queued.assignee === null)
                claim.mutate({ id: queued.id, release: false });
              setReviewing(true);
            }}
          >
            Review
          </Button>
        )}
      </Group>
      {queued && <QueuedLine queued={queued} />}
      {reviewing && card && (
        <ReviewForm
          conversationId={conversationId}
          messages={messages}
          card={card}
          auto={auto}
          onDone={() => setReviewing(false)}
        />
      )}
      <Stack gap="sm">
        {qa.data.items.length === 0 && (
          <Text size="sm" c="dimmed">
            Automatic QA has not run yet.
          </Text>
        )}
        {qa.data.items.map((e) => (
          <EvaluationCard
            key={e.id}
            evaluation={e}
            cards={cards.data.items}
            seqOf={new Map(messages.map((m) => [m.id, m.seq]))}
          />
        ))}
      </Stack>
    </Paper>
  );
}
