import { Alert, Button, Group, Stack, Text, TextInput } from "@mantine/core";
import { useState } from "react";
import { useCreateCoachingNote } from "./qa.api";

/** A leader turns an evaluation into a coaching note: a goal and a follow-up date. */
export function CoachingForm({ evaluationId }: { evaluationId: string }) {
  const create = useCreateCoachingNote();
  const [open, setOpen] = useState(false);
  const [goal, setGoal] = useState("");
  const [followUpOn, setFollowUpOn] = useState("");
  if (create.isSuccess)
    return (
      <Text size="sm" mt="xs" role="status">
        Coaching note saved.
      </Text>
    );
  if (!open)
    return (
      <Button size="xs" variant="default" mt="xs" onClick={() => setOpen(true)}>
        Coaching note
      </Button>
    );
  return (
    <Stack
      gap="xs"
      mt="xs"
      component="form"
      aria-label="Coaching note"
      onSubmit={(e) => {
        e.preventDefault();
        create.mutate({ evaluationId, goal, ...(followUpOn ? { followUpOn } : {}) });
      }}
    >
      <TextInput
        label="Goal"
        value={goal}
        onChange={(e) => setGoal(e.currentTarget.value)}
        required
      />
      <TextInput
        label="Follow-up date"
        type="date"
        value={followUpOn}
        onChange={(e) => setFollowUpOn(e.currentTarget.value)}
      />
      {create.isError && <Alert color="red">{create.error.message}</Alert>}
      <Group>
        <Button type="submit" size="xs" loading={create.isPending}>
          Save coaching note
        </Button>
      </Group>
    </Stack>
  );
}
