import { BarChart } from "@mantine/charts";
import {
  Badge,
  Blockquote,
  Button,
  Group,
  Modal,
  Paper,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from "@mantine/core";
import { useState, type FormEvent } from "react";
import { EmptyMessage, ErrorState, LoadingState } from "../../components/QueryState";
import { errorMessage } from "../../lib/api";
import {
  useCollectCandidates,
  useDismissStory,
  usePreviewStory,
  usePublishStory,
  useWowCandidates,
  type WowStory,
} from "./recognition.api";

/** Anonymise and publish: the preview is the server's redaction, exactly what publishing stores. */
function PublishModal({ target, onClose }: { target: WowStory | null; onClose: () => void }) {
  const preview = usePreviewStory();
  const publish = usePublishStory();
  const [title, setTitle] = useState("");
  const [story, setStory] = useState("");

  function handlePreview() {
    if (target) preview.mutate({ id: target.id, draft: story || target.evidence.join("\n\n") });
  }
  function handleSubmit(event: FormEvent) {
    event.preventDefault();
    if (!target) return;
    publish.mutate(
      { id: target.id, title: title.trim(), story: story.trim() },
      {
        onSuccess: () => {
          setTitle("");
          setStory("");
          preview.reset();
          onClose();
        },
      },
    );
  }
  return (
    <Modal opened={target !== null} onClose={onClose} title="Publish wow story" size="lg">
      <form onSubmit={handleSubmit}>
        <Stack gap="sm">
          {target?.evidence.map((e, i) => (
            <Blockquote key={i} p="xs">
              {e}
            </Blockquote>
          ))}
          <TextInput
            label="Title"
            value={title}
            onChange={(e) => setTitle(e.currentTarget.value)}
            maxLength={200}
            required
          />
          <Textarea
            label="Story"
            value={story}
            onChange={(e) => setStory(e.currentTarget.value)}
            maxLength={10000}
            autosize
            minRows={4}
            required
          />
          <Group>
            <Button variant="default" onClick={handlePreview} loading={preview.isPending}>
              Preview anonymised
            </Button>
          </Group>
          {preview.data && (
            <Paper withBorder p="sm" aria-label="Anonymised preview">
              <Text size="sm" fw={600}>
                Anonymised ({preview.data.replacements} replaced)
              </Text>
              <Text size="sm" data-testid="anonymised-preview">
                {preview.data.anonymised}
              </Text>
            </Paper>
          )}
          {(publish.isError || preview.isError) && (
            <Text c="red.8" size="sm" role="alert">
              {errorMessage(publish.error ?? preview.error)}
            </Text>
          )}
          <Button
            type="submit"
            loading={publish.isPending}
            disabled={!title.trim() || !story.trim()}
          >
            Publish
          </Button>
        </Stack>
      </form>
    </Modal>
  );
}

/** Curators' view: candidates by source (chart), each with its evidence, to publish or dismiss. */
export function CurationPanel() {
  const candidates = useWowCandidates(true);
  const collect = useCollectCandidates();
  const dismiss = useDismissStory();
  const [target, setTarget] = useState<WowStory | null>(null);
  if (candidates.isPending) return <LoadingState label="Loading candidates…" />;
  if (candidates.isError) return <ErrorState error={candidates.error} />;
  const bySource = ["praise", "survey"].map((source) => ({
    source: source === "praise" ? "Praise in conversations" : "Top survey comments",
    candidates: candidates.data.filter((c) => c.source === source).length,
  }));
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="candidates-title">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4" id="candidates-title">
          Candidates to curate
        </Title>
        <Button
          variant="default"
          size="xs"
          loading={collect.isPending}
          onClick={() => collect.mutate(7)}
        >
          Collect now (last 7 days)
        </Button>
      </Group>
      <BarChart
        h={160}
        data={bySource}
        dataKey="source"
        series={[{ name: "candidates", color: "teal.7" }]}
      />
      {candidates.data.length === 0 ? (
        <EmptyMessage title="No candidates waiting" />
      ) : (
        <Stack gap="sm" mt="md" component="ul" style={{ listStyle: "none", padding: 0 }}>
          {candidates.data.map((c) => (
            <Paper withBorder p="sm" key={c.id} component="li">
              <Group justify="space-between" align="flex-start">
                <Stack gap={4} style={{ flex: 1 }}>
                  <Group gap="xs">
                    <Badge variant="light">{c.source === "praise" ? "praise" : "survey"}</Badge>
                    {c.agentName && (
                      <Text size="sm" fw={600}>
                        {c.agentName}
                      </Text>
                    )}
                  </Group>
                  {c.evidence.map((e, i) => (
                    <Text size="sm" key={i}>
                      “{e}”
                    </Text>
                  ))}
                </Stack>
                <Group gap="xs">
                  <Button size="xs" onClick={() => setTarget(c)}>
                    Publish…
                  </Button>
                  <Button
                    size="xs"
                    variant="subtle"
                    color="gray"
                    onClick={() => dismiss.mutate(c.id)}
                  >
                    Dismiss
                  </Button>
                </Group>
              </Group>
            </Paper>
          ))}
        </Stack>
      )}
      <PublishModal target={target} onClose={() => setTarget(null)} />
    </Paper>
  );
}
