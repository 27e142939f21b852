import { NativeSelect, Stack, Text } from "@mantine/core";
import { useSession } from "../auth/use-session";
import { useUsers } from "../people/people.api";
import { mayReview } from "./permissions";
import { useAssignReview } from "./qa.api";

/**
 * Who reviews a queued conversation, for leaders and admins to choose: "Nobody", then everyone who
 * may review its team (the chooser marked "(you)").
 */
export function ReviewerSelect({
  assignment,
  label,
}: {
  assignment: {
    id: string;
    teamId: string | null;
    assignee: { id: string; name: string | null } | null;
  };
  label: string;
}) {
  const session = useSession();
  const users = useUsers();
  const assign = useAssignReview();
  const current = assignment.assignee;
  const reviewers = (users.data ?? []).filter((u) => mayReview(u, assignment.teamId));
  const options = [
    { value: "", label: "Nobody" },
    ...reviewers.map((u) => ({
      value: u.id,
      label: u.id === session.user.id ? `${u.name} (you)` : u.name,
    })),
    // A holder no longer listed (a former member, or moved to another team) stays visible.
    ...(current && !reviewers.some((u) => u.id === current.id)
      ? [{ value: current.id, label: current.name ?? "A former member" }]
      : []),
  ];
  return (
    <Stack gap={2} align="flex-start">
      <NativeSelect
        size="xs"
        aria-label={label}
        value={current?.id ?? ""}
        disabled={assign.isPending || users.isPending}
        onChange={(e) =>
          assign.mutate({ id: assignment.id, userId: e.currentTarget.value || null })
        }
        data={options}
        w={180}
      />
      {assign.isError && (
        <Text size="xs" c="red.8" role="alert">
          {assign.error.message}
        </Text>
      )}
    </Stack>
  );
}
