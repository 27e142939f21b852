import { Alert, Button, Group, NativeSelect, Stack, Text, Textarea } from "@mantine/core";
import { useState } from "react";
import type { QaEvaluation, QaScorecard } from "../../lib/types";
import { type HumanAnswer, useSubmitReview } from "./qa.api";

export interface ReviewMessage {
  id: string;
  seq: number;
  role: string;
  text: string;
}

interface Props {
  conversationId: string;
  /** The transcript, to comment on a specific message (not offered in calibration). */
  messages?: ReviewMessage[];
  card: QaScorecard;
  auto: QaEvaluation | undefined;
  calibrationId?: string;
  onDone: () => void;
}

const PASS_FAIL = [
  { value: "", label: "Choose…" },
  { value: "pass", label: "Pass" },
  { value: "fail", label: "Fail" },
  { value: "na", label: "N/A" },
];
const FIVE_POINT = [
  { value: "", label: "Choose…" },
  ...[1, 2, 3, 4, 5].map((n) => ({ value: String(n), label: String(n) })),
  { value: "na", label: "N/A" },
];

/**
 * A reviewer's answers, starting from the automatic ones: changing one records a correction (the
 * automatic answer is kept beside it). Blank criteria keep the automatic answer.
 */
export function ReviewForm({ conversationId, messages, card, auto, calibrationId, onDone }: Props) {
  const submit = useSubmitReview();
  const [commentOn, setCommentOn] = useState("");
  const [comment, setComment] = useState("");
  const initial = Object.fromEntries(
    card.criteria.map((c) => {
      const a = auto?.criteria.find((x) => x.key === c.key);
      return [c.key, calibrationId || !a || a.answer === "pending" ? "" : a.answer];
    }),
  );
  const [answers, setAnswers] = useState<Record<string, string>>(initial);
  const handleSubmit = () => {
    const body: HumanAnswer[] = card.criteria.flatMap((c): HumanAnswer[] => {
      const v = answers[c.key] ?? "";
      if (v === "") return [];
      if (c.scale === "five_point" && v !== "na") return [{ key: c.key, value: Number(v) }];
      return [{ key: c.key, answer: v as "pass" | "fail" | "na" }];
    });
    submit.mutate(
      {
        conversationId,
        scorecardId: card.id,
        answers: body,
        ...(calibrationId ? { calibrationId } : {}),
        ...(commentOn && comment.trim()
          ? { comments: [{ messageId: commentOn, text: comment.trim() }] }
          : {}),
      },
      { onSuccess: onDone },
    );
  };
  return (
    <Stack
      gap="xs"
      mb="md"
      component="form"
      aria-label="Review"
      onSubmit={(e) => {
        e.preventDefault();
        handleSubmit();
      }}
    >
      <Text size="sm" c="dimmed">
        {card.name} v{card.version}
      </Text>
      {card.criteria.map((c) => (
        <NativeSelect
          key={c.key}
          label={c.name}
          size="xs"
          required={!c.auto}
          data={c.scale === "five_point" ? FIVE_POINT : PASS_FAIL}
          value={answers[c.key] ?? ""}
          onChange={(e) => {
            // Read the value now: React clears currentTarget before the state updater runs.
            const value = e.currentTarget.value;
            setAnswers((a) => ({ ...a, [c.key]: value }));
          }}
        />
      ))}
      {messages && messages.length > 0 && (
        <>
          <NativeSelect
            label="Comment on message"
            size="xs"
            value={commentOn}
            onChange={(e) => setCommentOn(e.currentTarget.value)}
            data={[
              { value: "", label: "No comment" },
              ...messages.map((m) => ({
                value: m.id,
                label: `#${m.seq + 1} ${m.role}: ${m.text.slice(0, 50)}`,
              })),
            ]}
          />
          {commentOn && (
            <Textarea
              label="Comment"
              size="xs"
              value={comment}
              onChange={(e) => setComment(e.currentTarget.value)}
            />
          )}
        </>
      )}
      {submit.isError && <Alert color="red">{submit.error.message}</Alert>}
      <Group>
        <Button type="submit" size="xs" loading={submit.isPending}>
          Submit review
        </Button>
        <Button variant="default" size="xs" onClick={onDone}>
          Cancel
        </Button>
      </Group>
    </Stack>
  );
}
