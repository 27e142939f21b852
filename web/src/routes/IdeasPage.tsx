import { BarChart } from "@mantine/charts";
import {
  Badge,
  Button,
  Group,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from "@mantine/core";
import { useState, type FormEvent } from "react";
import { PageHeader } from "../components/PageHeader";
import { ErrorState, LoadingState } from "../components/QueryState";
import { hasRole } from "../features/auth/permissions";
import { useSession } from "../features/auth/use-session";
import { IdeaModal } from "../features/ideas/IdeaModal";
import {
  IDEA_STATUSES,
  useIdeas,
  useSubmitIdea,
  useVote,
  type Idea,
} from "../features/ideas/ideas.api";
import { errorMessage } from "../lib/api";

function SubmitIdea() {
  const submit = useSubmitIdea();
  const [title, setTitle] = useState("");
  const [body, setBody] = useState("");
  function handleSubmit(event: FormEvent) {
    event.preventDefault();
    submit.mutate(
      { title: title.trim(), body: body.trim() },
      {
        onSuccess: () => {
          setTitle("");
          setBody("");
        },
      },
    );
  }
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="submit-idea-title">
      <Title order={2} size="h4" id="submit-idea-title" mb="sm">
        Submit an idea
      </Title>
      <form onSubmit={handleSubmit}>
        <Stack gap="sm">
          <TextInput
            label="Idea"
            value={title}
            onChange={(e) => setTitle(e.currentTarget.value)}
            maxLength={200}
            required
          />
          <Textarea
            label="Details"
            value={body}
            onChange={(e) => setBody(e.currentTarget.value)}
            maxLength={10000}
            autosize
            minRows={2}
            required
          />
          {submit.isError && (
            <Text c="red.8" size="sm" role="alert">
              {errorMessage(submit.error)}
            </Text>
          )}
          <Button type="submit" loading={submit.isPending} disabled={!title.trim() || !body.trim()}>
            Submit idea
          </Button>
        </Stack>
      </form>
    </Paper>
  );
}

function IdeaCard({ idea, onOpen }: { idea: Idea; onOpen: () => void }) {
  const vote = useVote();
  return (
    <Paper withBorder p="sm" component="li">
      <Stack gap={4}>
        <Text fw={600} size="sm">
          {idea.title}
        </Text>
        <Group gap={4}>
          {idea.source !== "employee" && (
            <Badge size="xs" variant="light" color="grape">
              {idea.source === "customer_suggestion" ? "customer suggestion" : "agent note"}
            </Badge>
          )}
          <Text size="xs">{idea.comments} comments</Text>
        </Group>
        <Group gap="xs">
          <Button
            size="compact-xs"
            variant={idea.votedByMe ? "filled" : "default"}
            disabled={idea.votedByMe}
            loading={vote.isPending}
            onClick={() => vote.mutate(idea.id)}
            aria-label={`Vote ${idea.votes}: ${idea.title}`}
          >
            Vote {idea.votes}
          </Button>
          <Button
            size="compact-xs"
            variant="subtle"
            onClick={onOpen}
            aria-label={`Open ${idea.title}`}
          >
            Open
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

export default function IdeasPage() {
  const session = useSession();
  const ideas = useIdeas();
  const [open, setOpen] = useState<string | null>(null);
  if (ideas.isPending) return <LoadingState label="Loading ideas…" />;
  if (ideas.isError) return <ErrorState error={ideas.error} />;
  const counts = IDEA_STATUSES.map((status) => ({
    status,
    ideas: ideas.data.filter((i) => i.status === status).length,
  }));
  return (
    <>
      <PageHeader
        title="Ideas"
        description="The innovation box: ideas from everyone, customer suggestions and agents' notes."
      />
      <Stack gap="md">
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          <SubmitIdea />
          <Paper withBorder p="md" component="section" aria-label="Ideas by status chart">
            <Title order={2} size="h4" mb="sm">
              Ideas by status
            </Title>
            <BarChart
              h={200}
              data={counts}
              dataKey="status"
              series={[{ name: "ideas", color: "indigo.7" }]}
            />
          </Paper>
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 5 }} spacing="sm">
          {IDEA_STATUSES.map((status) => (
            <section key={status} aria-labelledby={`col-${status}`}>
              <Title order={2} size="h5" id={`col-${status}`} mb="xs" tt="capitalize">
                {status}
              </Title>
              <Stack gap="xs" component="ul" style={{ listStyle: "none", padding: 0, margin: 0 }}>
                {ideas.data
                  .filter((i) => i.status === status)
                  .map((i) => (
                    <IdeaCard key={i.id} idea={i} onOpen={() => setOpen(i.id)} />
                  ))}
              </Stack>
            </section>
          ))}
        </SimpleGrid>
      </Stack>
      <IdeaModal
        id={open}
        canReview={hasRole(session.role, ["admin", "leader", "exec"])}
        onClose={() => setOpen(null)}
      />
    </>
  );
}
