import { Badge, Group, Paper, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { EmptyMessage, ErrorState, LoadingState } from "../../components/QueryState";
import { formatShortDateTime } from "../../lib/format";
import { useMyRecognition, useWowFeed } from "./recognition.api";

/**
 * The agent's recognition for their home page: kudos received (all time and the last 30 days),
 * published wow stories about them, the latest kudos and the latest wow stories of the company.
 */
export function RecognitionCards() {
  const me = useMyRecognition();
  const feed = useWowFeed(3);
  if (me.isPending || feed.isPending) return <LoadingState label="Loading recognition…" />;
  if (me.isError) return <ErrorState error={me.error} onRetry={() => void me.refetch()} />;
  if (feed.isError) return <ErrorState error={feed.error} onRetry={() => void feed.refetch()} />;
  const r = me.data;
  return (
    <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
      <Paper withBorder p="md" component="section" aria-labelledby="my-kudos-title">
        <Title order={2} size="h4" id="my-kudos-title" mb="xs">
          Your kudos
        </Title>
        <Group gap="lg" mb="sm">
          <Stack gap={0}>
            <Text fz={28} fw={700} data-testid="kudos-received">
              {r.kudosReceived}
            </Text>
            <Text size="sm" c="dimmed">
              received ({r.kudosLast30Days} in 30 days)
            </Text>
          </Stack>
          <Stack gap={0}>
            <Text fz={28} fw={700}>
              {r.wowStories}
            </Text>
            <Text size="sm" c="dimmed">
              wow stories about you
            </Text>
          </Stack>
        </Group>
        {r.latestKudos.length === 0 ? (
          <Text size="sm">No kudos yet.</Text>
        ) : (
          <Stack gap="xs" component="ul" style={{ listStyle: "none", padding: 0, margin: 0 }}>
            {r.latestKudos.map((k) => (
              <Text component="li" key={k.id} size="sm">
                <strong>{k.fromName}</strong>: {k.message}
              </Text>
            ))}
          </Stack>
        )}
      </Paper>
      <Paper withBorder p="md" component="section" aria-labelledby="latest-wow-title">
        <Title order={2} size="h4" id="latest-wow-title" mb="xs">
          Latest wow stories
        </Title>
        {feed.data.length === 0 ? (
          <EmptyMessage title="No wow stories yet" />
        ) : (
          <Stack gap="sm">
            {feed.data.map((s) => (
              <Stack gap={2} key={s.id}>
                <Group gap="xs">
                  <Text fw={600}>{s.title}</Text>
                  {s.agentName && <Badge variant="light">{s.agentName}</Badge>}
                </Group>
                <Text size="sm">{s.story}</Text>
                {s.publishedAt && (
                  <Text size="xs" c="dimmed">
                    {formatShortDateTime(s.publishedAt)}
                  </Text>
                )}
              </Stack>
            ))}
          </Stack>
        )}
      </Paper>
    </SimpleGrid>
  );
}
