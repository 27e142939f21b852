import {
  Anchor,
  Badge,
  Blockquote,
  Button,
  Group,
  Modal,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
} from "@mantine/core";
import { useState, type FormEvent } from "react";
import { Link } from "react-router";
import { errorMessage } from "../../lib/api";
import { useFixes } from "../insights/insights.api";
import { IdeaFixImpact } from "./IdeaFixImpact";
import {
  IDEA_STATUSES,
  useComment,
  useIdea,
  usePatchIdea,
  type IdeaDetail,
  type IdeaStatus,
} from "./ideas.api";

/** One idea: evidence, comments, and for reviewers the status (declined with a reason) and fix link. */
export function IdeaModal({
  id,
  canReview,
  onClose,
}: {
  id: string | null;
  canReview: boolean;
  onClose: () => void;
}) {
  const idea = useIdea(id);
  const comment = useComment();
  const [text, setText] = useState("");
  const d = idea.data;

  function handleComment(event: FormEvent) {
    event.preventDefault();
    if (id && text.trim())
      comment.mutate({ id, body: text.trim() }, { onSuccess: () => setText("") });
  }
  return (
    <Modal opened={id !== null} onClose={onClose} title={d?.title ?? "Idea"} size="lg">
      {d && (
        <Stack gap="sm">
          <Group gap="xs">
            <Badge>{d.status}</Badge>
            <Badge variant="light">{d.source.replace("_", " ")}</Badge>
            <Text size="sm">{d.votes} votes</Text>
          </Group>
          <Text size="sm">{d.body}</Text>
          {d.declineReason && <Text size="sm">Declined because: {d.declineReason}</Text>}
          {d.evidence.map((e, i) => (
            <Blockquote key={i} p="xs">
              {e}
            </Blockquote>
          ))}
          {d.conversationId && (
            <Anchor component={Link} to={`/conversations/${d.conversationId}`}>
              Open the conversation
            </Anchor>
          )}
          {d.fix && <IdeaFixImpact fix={d.fix} canOpen={canReview} />}
          <Stack gap={4} component="ul" style={{ listStyle: "none", padding: 0 }}>
            {d.commentList.map((c) => (
              <Text component="li" size="sm" key={c.id}>
                <strong>{c.authorName ?? "Integration"}</strong>: {c.body}
              </Text>
            ))}
          </Stack>
          <form onSubmit={handleComment}>
            <Group align="flex-end">
              <TextInput
                label="Comment"
                value={text}
                onChange={(e) => setText(e.currentTarget.value)}
                maxLength={5000}
                style={{ flex: 1 }}
              />
              <Button type="submit" loading={comment.isPending} disabled={!text.trim()}>
                Comment
              </Button>
            </Group>
          </form>
          {canReview && <ReviewForm key={d.id} idea={d} />}
        </Stack>
      )}
    </Modal>
  );
}

/** The reviewers' form: status (declined with a reason) and the fix the idea became. */
function ReviewForm({ idea }: { idea: IdeaDetail }) {
  const patch = usePatchIdea();
  const fixes = useFixes();
  const [status, setStatus] = useState<IdeaStatus | null>(null);
  const [reason, setReason] = useState("");
  const [fixId, setFixId] = useState<string | null>(null);
  const fixOptions = (fixes.data?.items ?? []).map((f) => ({
    value: f.id,
    label: `${f.title} (shipped ${f.shippedAt.slice(0, 10)})`,
  }));

  function handleReview(event: FormEvent) {
    event.preventDefault();
    patch.mutate({
      id: idea.id,
      status: status ?? idea.status,
      ...(reason.trim() ? { declineReason: reason.trim() } : {}),
      ...(fixId !== null ? { fixId } : {}),
    });
  }
  return (
    <form onSubmit={handleReview}>
      <Stack gap="xs">
        <Select
          label="Status"
          data={IDEA_STATUSES}
          value={status ?? idea.status}
          onChange={(v) => setStatus(v as IdeaStatus | null)}
          allowDeselect={false}
        />
        {(status ?? idea.status) === "declined" && (
          <Textarea
            label="Reason for declining"
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            maxLength={2000}
          />
        )}
        <Select
          label="Linked fix"
          data={fixOptions}
          value={fixId ?? idea.fixId}
          onChange={setFixId}
          placeholder={fixes.isPending ? "Loading fixes…" : "A fix from the fix registry"}
          searchable
          nothingFoundMessage="No such fix"
        />
        {patch.isError && (
          <Text c="red.8" size="sm" role="alert">
            {errorMessage(patch.error)}
          </Text>
        )}
        <Button type="submit" variant="default" loading={patch.isPending}>
          Save review
        </Button>
      </Stack>
    </form>
  );
}
