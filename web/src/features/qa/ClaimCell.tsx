import { Button, Group, Stack, Text } from "@mantine/core";
import { formatShortDateTime } from "../../lib/format";
import type { QaReviewQueue } from "../../lib/types";
import { conversationTitle } from "../../lib/conversation-title";
import { hasRole } from "../auth/permissions";
import { useSession } from "../auth/use-session";
import { CAN_ASSIGN_REVIEWS } from "./permissions";
import { useClaimReview } from "./qa.api";
import { ReviewerSelect } from "./ReviewerSelect";

export type QueueItem = QaReviewQueue["items"][number];

/**
 * Who reviews the conversation. Leaders and admins choose the reviewer (themselves included) from
 * those who may review its team; QA analysts get a Claim button, or the reviewer with Release.
 */
export function ClaimCell({ item }: { item: QueueItem }) {
  const session = useSession();
  return hasRole(session.role, CAN_ASSIGN_REVIEWS) ? (
    <AssignCell item={item} />
  ) : (
    <ClaimButtons item={item} />
  );
}

function AssignCell({ item }: { item: QueueItem }) {
  return (
    <Stack gap={2} align="flex-start">
      <ReviewerSelect
        assignment={item}
        label={`Reviewer of ${conversationTitle(item, "this conversation")}`}
      />
      <HeldSince item={item} error={null} />
    </Stack>
  );
}

function ClaimButtons({ item }: { item: QueueItem }) {
  const session = useSession();
  const claim = useClaimReview();
  const title = conversationTitle(item, "this conversation");
  const mine = item.assignee?.id === session.user.id;
  const act = (release: boolean) => claim.mutate({ id: item.id, release });
  return (
    <Stack gap={2} align="flex-start">
      {item.assignee === null ? (
        <Button
          size="compact-xs"
          variant="light"
          loading={claim.isPending}
          onClick={() => act(false)}
          aria-label={`Claim ${title}`}
        >
          Claim
        </Button>
      ) : (
        <Group gap={6} wrap="nowrap">
          <Text size="sm">{mine ? "You" : (item.assignee.name ?? "A former member")}</Text>
          {mine && (
            <Button
              size="compact-xs"
              variant="subtle"
              loading={claim.isPending}
              onClick={() => act(true)}
              aria-label={`Release ${title}`}
            >
              Release
            </Button>
          )}
        </Group>
      )}
      <HeldSince item={item} error={claim.error} />
    </Stack>
  );
}

/**
 * Since when the reviewer holds it, until when when their claim lapses (a claim they took
 * themselves goes back to the queue after the organization's hours), and why the last change failed.
 */
function HeldSince({ item, error }: { item: QueueItem; error: Error | null }) {
  return (
    <>
      {item.claimedAt && (
        <Text size="xs" c="dimmed">
          since {formatShortDateTime(item.claimedAt)}
          {item.claimLapsesAt && ` · until ${formatShortDateTime(item.claimLapsesAt)}`}
        </Text>
      )}
      {error && (
        <Text size="xs" c="red.8" role="alert">
          {error.message}
        </Text>
      )}
    </>
  );
}
