import {
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
import { IDEA_STATUSES, useComment, useIdea, usePatchIdea, type IdeaStatus } from "./ideas.api";

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
  const patch = usePatchIdea();
  const [text, setText] = useState("");
  const [status, setStatus] = useState<IdeaStatus | null>(null);
  const [reason, setReason] = useState("");
  const [fixId, setFixId] = useState("");
  const d = idea.data;

  function handleComment(event: FormEvent) {
    event.preventDefault();
    if (id && text.trim())
      comment.mutate({ id, body: text.trim() }, { onSuccess: () => setText("") });
  }
  function handleReview(event: FormEvent) {
    event.preventDefault();
    if (!id || !d) return;
    patch.mutate({
      id,
      status: status ?? d.status,
      ...(reason.trim() ? { declineReason: reason.trim() } : {}),
      ...(fixId.trim() ? { fixId: fixId.trim() } : {}),
    });
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
            <Link to={`/conversations/${d.conversationId}`}>Open the conversation</Link>
          )}
          {d.fixId && (
            <Text size="sm">
              Linked fix: {d.fixId} (its measured impact shows once insights fixes are available)
            </Text>
          )}
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
          {canReview && (
            <form onSubmit={handleReview}>
              <Stack gap="xs">
                <Select
                  label="Status"
                  data={IDEA_STATUSES}
                  value={status ?? d.status}
                  onChange={(v) => setStatus(v as IdeaStatus | null)}
                  allowDeselect={false}
                />
                {(status ?? d.status) === "declined" && (
                  <Textarea
                    label="Reason for declining"
                    value={reason}
                    onChange={(e) => setReason(e.currentTarget.value)}
                    maxLength={2000}
                  />
                )}
                <TextInput
                  label="Linked fix id"
                  value={fixId}
                  onChange={(e) => setFixId(e.currentTarget.value)}
                  placeholder={d.fixId ?? "uuid of an insights fix"}
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
          )}
        </Stack>
      )}
    </Modal>
  );
}
