import {
  Anchor,
  Badge,
  Button,
  Group,
  List,
  Modal,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  Title,
} from "@mantine/core";
import { useState } from "react";
import { Link } from "react-router";
import { Bar, BarChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { PageHeader } from "../components/PageHeader";
import { EmptyMessage, ErrorState, LoadingState } from "../components/QueryState";
import {
  pct,
  usePersonas,
  type PersonaCard,
} from "../features/insights-people/insights-people.api";
import { conversationTitle } from "../lib/conversation-title";
import { formatNumber } from "../lib/format";

function Evidence({ title, items }: { title: string; items: { label: string; detail: string }[] }) {
  return (
    <div>
      <Title order={3} size="h6">
        {title}
      </Title>
      {items.length === 0 ? (
        <Text size="sm" c="dimmed">
          Nothing stands out yet
        </Text>
      ) : (
        <List size="sm">
          {items.map((i) => (
            <List.Item key={i.label}>
              {i.label}: {i.detail}
            </List.Item>
          ))}
        </List>
      )}
    </div>
  );
}

function PersonaDetail({ p }: { p: PersonaCard }) {
  const mix = Object.entries(p.channelMix).map(([channel, share]) => ({
    channel,
    share: Math.round(share * 100),
  }));
  return (
    <Stack>
      <Text size="sm">
        {formatNumber(p.size)} customers ({pct(p.share)}); {p.contactsPer30Days} contacts a month;
        effort {p.effort ?? "—"}; sentiment {p.sentiment ?? "—"}; satisfaction{" "}
        {p.satisfaction ?? "—"}
        {p.value !== null && `; value ${p.value}`}
      </Text>
      <div
        role="img"
        aria-label={`Channel mix of ${p.name}: ${mix.map((m) => `${m.channel} ${m.share}%`).join(", ")}`}
        style={{ height: 150 }}
      >
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={mix}>
            <XAxis dataKey="channel" fontSize={11} />
            <YAxis unit="%" fontSize={11} />
            <Tooltip />
            <Bar dataKey="share" name="Share of contacts (%)" fill="#7048e8" />
          </BarChart>
        </ResponsiveContainer>
      </div>
      <div>
        <Title order={3} size="h6">
          Typical needs
        </Title>
        <List size="sm">
          {p.needs.map((n) => (
            <List.Item key={n.reason}>
              {n.reason.replace(/_/g, " ")} ({pct(n.share)} of contacts)
            </List.Item>
          ))}
        </List>
      </div>
      <Evidence title="What delights them" items={p.delights} />
      <Evidence title="What frustrates them" items={p.frustrations} />
      <div>
        <Title order={3} size="h6">
          Example conversations
        </Title>
        <List size="sm">
          {p.examples.map((e) => (
            <List.Item key={e.conversationId}>
              <Anchor component={Link} to={`/conversations/${e.conversationId}`}>
                {conversationTitle(e, `A ${e.channel} conversation`)}
              </Anchor>
            </List.Item>
          ))}
        </List>
      </div>
    </Stack>
  );
}

export default function PersonasPage() {
  const personas = usePersonas();
  const [open, setOpen] = useState<PersonaCard | null>(null);
  if (personas.isPending) return <LoadingState label="Loading personas…" />;
  if (personas.isError) return <ErrorState error={personas.error} />;
  return (
    <Stack>
      <PageHeader
        title="Personas"
        description="Customer segments found from behaviour: channels, how often they contact us, why, effort, tone and satisfaction."
      />
      {personas.data.items.length === 0 ? (
        <EmptyMessage title="No personas yet">
          Personas are computed once at least 30 customers have conversations.
        </EmptyMessage>
      ) : (
        <SimpleGrid cols={{ base: 1, md: 2, lg: 3 }}>
          {personas.data.items.map((p) => (
            <Paper withBorder p="md" key={p.id} component="article" aria-label={p.name}>
              <Title order={2} size="h5">
                {p.name}
              </Title>
              <Group gap="xs" my="xs">
                <Badge variant="light">{formatNumber(p.size)} customers</Badge>
                <Badge variant="outline">{pct(p.share)}</Badge>
              </Group>
              <Text size="sm">
                Needs: {p.needs.map((n) => n.reason.replace(/_/g, " ")).join(", ") || "—"}
              </Text>
              <Button
                mt="sm"
                size="xs"
                variant="light"
                onClick={() => setOpen(p)}
                aria-label={`Open persona card: ${p.name}`}
              >
                Open persona card
              </Button>
            </Paper>
          ))}
        </SimpleGrid>
      )}
      <Modal
        opened={open !== null}
        onClose={() => setOpen(null)}
        title={open?.name ?? ""}
        size="lg"
      >
        {open && <PersonaDetail p={open} />}
      </Modal>
    </Stack>
  );
}
