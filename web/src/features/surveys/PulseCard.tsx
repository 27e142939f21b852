import { Alert, Button, Group, Paper, Radio, Text, Textarea, Title } from "@mantine/core";
import { useState, type FormEvent } from "react";
import { errorMessage } from "../../lib/api";
import type { PulseSurvey } from "../../lib/types";
import { useAnswerPulse, usePulses } from "./pulse.api";

const SCORES = Array.from({ length: 11 }, (_, i) => String(i));

function PulseForm({ pulse }: { pulse: PulseSurvey }) {
  const answer = useAnswerPulse();
  const [score, setScore] = useState<string | null>(null);
  const [comment, setComment] = useState("");

  function handleSubmit(event: FormEvent) {
    event.preventDefault();
    if (score === null) return;
    answer.mutate({ id: pulse.id, score: Number(score), comment });
  }
  return (
    <Paper withBorder p="md" mb="md" component="section" aria-labelledby={`pulse-${pulse.id}`}>
      <Title order={2} size="h4" id={`pulse-${pulse.id}`} mb="xs">
        {pulse.name}
      </Title>
      <form onSubmit={handleSubmit}>
        <Radio.Group label={pulse.question} value={score} onChange={setScore} required>
          <Group gap="sm" mt="xs">
            {SCORES.map((s) => (
              <Radio key={s} value={s} label={s} />
            ))}
          </Group>
        </Radio.Group>
        <Textarea
          label="Anything you want to add? (optional)"
          value={comment}
          onChange={(e) => setComment(e.currentTarget.value)}
          maxLength={2000}
          autosize
          minRows={2}
          mt="sm"
        />
        {answer.isError && (
          <Alert color="red" mt="sm">
            {errorMessage(answer.error)}
          </Alert>
        )}
        <Group justify="space-between" mt="sm">
          <Text size="xs" c="dimmed">
            {pulse.anonymous
              ? "Anonymous: your answer is stored without your name, and results are shown only for groups of five or more."
              : "Your name is kept with this answer."}
          </Text>
          <Button type="submit" disabled={score === null} loading={answer.isPending}>
            Send answer
          </Button>
        </Group>
      </form>
    </Paper>
  );
}

/** Open pulse surveys the signed-in user has not answered yet, to answer in place. */
export function PulseCard() {
  const pulses = usePulses();
  const due = (pulses.data ?? []).filter((p) => p.open && p.forMe && !p.answered);
  return (
    <>
      {due.map((p) => (
        <PulseForm key={p.id} pulse={p} />
      ))}
    </>
  );
}
