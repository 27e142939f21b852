import { Button, Checkbox, Group, NativeSelect, Paper, Stack, Text } from "@mantine/core";
import { useState } from "react";
import type { QaBulkAssignResult } from "../../lib/types";
import { useSession } from "../auth/use-session";
import { useUsers } from "../people/people.api";
import type { QueueItem } from "./ClaimCell";
import { CAN_REVIEW, mayReview } from "./permissions";
import { useBulkAssignReviews } from "./qa.api";

const BACK = "queue";
const SPREAD = "spread";

/** "Handed out 2 · 1 already reviewed": what a bulk hand-out did, by outcome. */
function summarize(result: QaBulkAssignResult): string {
  const count = (o: string) => result.items.filter((i) => i.outcome === o).length;
  const parts = [
    `Handed out ${count("assigned")}`,
    count("unchanged") && `${count("unchanged")} already theirs`,
    count("reviewed") && `${count("reviewed")} already reviewed`,
    count("not_found") && `${count("not_found")} no longer in your queue`,
  ];
  return parts.filter(Boolean).join(" · ");
}

/**
 * Hands the selected queued conversations out at once (leaders and admins): to one reviewer who may
 * review every one of them, back to the queue, or spread evenly among several reviewers.
 */
export function BulkHandOut({ selected, onDone }: { selected: QueueItem[]; onDone: () => void }) {
  const session = useSession();
  const users = useUsers();
  const assign = useBulkAssignReviews();
  const [target, setTarget] = useState("");
  const [spread, setSpread] = useState<string[]>([]);
  const teams = [...new Set(selected.map((i) => i.teamId))];
  // Nothing selected yet: everyone who reviews, so the choice can come first.
  const reviewers = (users.data ?? []).filter((u) =>
    teams.length === 0 ? CAN_REVIEW.includes(u.role) : teams.some((t) => mayReview(u, t)),
  );
  const forAll = reviewers.filter((u) => teams.every((t) => mayReview(u, t)));
  const name = (u: { id: string; name: string }) =>
    u.id === session.user.id ? `${u.name} (you)` : u.name;
  const ready = selected.length > 0 && target !== "" && (target !== SPREAD || spread.length > 0);
  const handleHandOut = () => {
    const ids = selected.map((i) => i.id);
    const choice = target === SPREAD ? { spread } : { userId: target === BACK ? null : target };
    assign.mutate({ ids, ...choice }, { onSuccess: onDone });
  };
  return (
    <Paper withBorder p="xs" component="section" aria-label="Hand out selected conversations">
      <Stack gap={6}>
        <Group align="flex-end" gap="sm" wrap="wrap">
          <Text size="sm" role="status">
            {selected.length} selected
          </Text>
          <NativeSelect
            label="Hand selected to"
            size="xs"
            value={target}
            onChange={(e) => setTarget(e.currentTarget.value)}
            data={[
              { value: "", label: "Choose…" },
              ...forAll.map((u) => ({ value: u.id, label: name(u) })),
              { value: SPREAD, label: "Spread evenly among…" },
              { value: BACK, label: "Nobody (back to the queue)" },
            ]}
            w={240}
          />
          <Button size="xs" disabled={!ready} loading={assign.isPending} onClick={handleHandOut}>
            Hand out selected
          </Button>
        </Group>
        {target === SPREAD && (
          <Checkbox.Group label="Spread evenly among" value={spread} onChange={setSpread}>
            <Group mt={4} gap="sm">
              {reviewers.map((u) => (
                <Checkbox key={u.id} value={u.id} label={name(u)} size="xs" />
              ))}
            </Group>
          </Checkbox.Group>
        )}
        {assign.isSuccess && (
          <Text size="xs" c="dimmed" role="status">
            {summarize(assign.data)}
          </Text>
        )}
        {assign.isError && (
          <Text size="xs" c="red.8" role="alert">
            {assign.error.message}
          </Text>
        )}
      </Stack>
    </Paper>
  );
}
