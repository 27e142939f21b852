import { Button, Group, Paper, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { PageHeader } from "../components/PageHeader";
import { EmptyMessage, ErrorState, LoadingState } from "../components/QueryState";
import { hasRole } from "../features/auth/permissions";
import { useSession } from "../features/auth/use-session";
import { CurationPanel } from "../features/recognition/CurationPanel";
import { KudosForm } from "../features/recognition/KudosForm";
import { RecognitionCards } from "../features/recognition/RecognitionCards";
import {
  useRecognitionSchedule,
  useSendDigest,
  useWowDigest,
  useWowFeed,
} from "../features/recognition/recognition.api";
import { errorMessage } from "../lib/api";
import { formatShortDateTime } from "../lib/format";

const CAN_CURATE: readonly ("admin" | "leader" | "qa")[] = ["admin", "leader", "qa"];
const DAY_NAMES = ["", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

function Feed() {
  const feed = useWowFeed(50);
  if (feed.isPending) return <LoadingState label="Loading wow stories…" />;
  if (feed.isError) return <ErrorState error={feed.error} />;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="feed-title">
      <Title order={2} size="h4" id="feed-title" mb="sm">
        Wow stories
      </Title>
      {feed.data.length === 0 ? (
        <EmptyMessage title="No wow stories yet" />
      ) : (
        <Stack gap="md" component="ul" style={{ listStyle: "none", padding: 0, margin: 0 }}>
          {feed.data.map((s) => (
            <Stack gap={2} key={s.id} component="li">
              <Text fw={600}>{s.title}</Text>
              <Text size="sm">{s.story}</Text>
              <Text size="xs" c="dimmed">
                {s.agentName ? `${s.agentName} · ` : ""}
                {formatShortDateTime(s.publishedAt)}
              </Text>
            </Stack>
          ))}
        </Stack>
      )}
    </Paper>
  );
}

function DigestPanel({ canSend }: { canSend: boolean }) {
  const digest = useWowDigest(true);
  const schedule = useRecognitionSchedule(true);
  const send = useSendDigest();
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="digest-title">
      <Title order={2} size="h4" id="digest-title" mb="xs">
        E-mail digest
      </Title>
      {schedule.data && (
        <Text size="sm" mb="xs">
          Collected and sent {schedule.data.days.map((d) => DAY_NAMES[d]).join(" and ")} at{" "}
          {String(schedule.data.hour).padStart(2, "0")}:00 ({schedule.data.timeZone}); next{" "}
          {formatShortDateTime(schedule.data.nextSlot)}.
        </Text>
      )}
      {digest.data && (
        <Stack gap={4} data-testid="digest-preview">
          <Text fw={600}>{digest.data.subject}</Text>
          {digest.data.stories.map((s) => (
            <Text size="sm" key={s.id}>
              {s.title}
            </Text>
          ))}
        </Stack>
      )}
      {canSend && (
        <Group mt="sm">
          <Button
            size="xs"
            variant="default"
            loading={send.isPending}
            onClick={() => send.mutate()}
          >
            Send digest now
          </Button>
          {send.data && (
            <Text size="sm" role="status">
              {send.data.reason ?? `Sent to ${send.data.sent} people.`}
            </Text>
          )}
          {send.isError && (
            <Text size="sm" c="red.8" role="alert">
              {errorMessage(send.error)}
            </Text>
          )}
        </Group>
      )}
    </Paper>
  );
}

export default function RecognitionPage() {
  const session = useSession();
  const curator = hasRole(session.role, CAN_CURATE);
  return (
    <>
      <PageHeader
        title="Recognition"
        description="Wow stories from praise and top survey comments, kudos between colleagues."
      />
      <Stack gap="md">
        <RecognitionCards />
        <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">
          <Feed />
          <KudosForm />
        </SimpleGrid>
        {curator && (
          <>
            <CurationPanel />
            <DigestPanel canSend={hasRole(session.role, ["admin", "leader"])} />
          </>
        )}
      </Stack>
    </>
  );
}
