import {
  Alert,
  Button,
  Code,
  NumberInput,
  Paper,
  Select,
  Stack,
  Switch,
  Textarea,
  TextInput,
  Title,
} from "@mantine/core";
import { useState, type FormEvent } from "react";
import { PageHeader } from "../components/PageHeader";
import { ErrorState, LoadingState } from "../components/QueryState";
import { useSession } from "../features/auth/use-session";
import { useTeams } from "../features/people/people.api";
import {
  useSaveWidgetSettings,
  useWidgetSettings,
  type WidgetSettings,
} from "../features/widget/widget.api";

function SettingsForm({ initial, canEdit }: { initial: WidgetSettings; canEdit: boolean }) {
  const save = useSaveWidgetSettings();
  const teams = useTeams();
  const [enabled, setEnabled] = useState(initial.enabled ?? false);
  const [origins, setOrigins] = useState((initial.allowedOrigins ?? []).join("\n"));
  const [threshold, setThreshold] = useState<number | string>(initial.botThreshold ?? 0.35);
  const [greeting, setGreeting] = useState(initial.greeting ?? "");
  const [teamId, setTeamId] = useState<string | null>(initial.teamId ?? null);
  const [articleUrl, setArticleUrl] = useState(initial.articleUrlTemplate ?? "");

  function handleSubmit(e: FormEvent) {
    e.preventDefault();
    save.mutate({
      enabled,
      allowedOrigins: origins
        .split(/\s+/)
        .map((o) => o.trim())
        .filter(Boolean),
      botThreshold: Number(threshold),
      greeting,
      teamId,
      articleUrlTemplate: articleUrl.trim() || null,
    });
  }

  return (
    <form onSubmit={handleSubmit}>
      <Stack gap="sm" maw={640}>
        <Switch
          label="Chat widget on"
          checked={enabled}
          onChange={(e) => setEnabled(e.currentTarget.checked)}
          disabled={!canEdit}
        />
        <Textarea
          label="Websites allowed to show the widget"
          description="One origin per line, e.g. https://shop.example.com (scheme, host and port; no path)."
          value={origins}
          onChange={(e) => setOrigins(e.currentTarget.value)}
          autosize
          minRows={3}
          disabled={!canEdit}
        />
        <NumberInput
          label="Bot confidence threshold"
          description="The bot answers only when the best article scores at least this (0–1); otherwise it says it does not know and offers a person."
          min={0}
          max={1}
          step={0.05}
          decimalScale={2}
          value={threshold}
          onChange={setThreshold}
          disabled={!canEdit}
        />
        <TextInput
          label="Greeting"
          value={greeting}
          onChange={(e) => setGreeting(e.currentTarget.value)}
          maxLength={500}
          disabled={!canEdit}
        />
        <Select
          label="Queue for handed-off chats"
          placeholder="General queue"
          data={(teams.data ?? []).map((t) => ({ value: t.id, label: t.name }))}
          value={teamId}
          onChange={setTeamId}
          clearable
          disabled={!canEdit}
        />
        <TextInput
          label="Article link"
          description="Where a cited article lives on your help site, with {id} for the article id. Empty: the bot cites the title alone."
          value={articleUrl}
          onChange={(e) => setArticleUrl(e.currentTarget.value)}
          disabled={!canEdit}
        />
        {save.isError && <Alert color="red">{save.error.message}</Alert>}
        {save.isSuccess && <Alert color="green">Saved.</Alert>}
        {canEdit && (
          <div>
            <Button type="submit" loading={save.isPending}>
              Save settings
            </Button>
          </div>
        )}
      </Stack>
    </form>
  );
}

/** The chat widget's settings and its install snippet. */
export default function WidgetSettingsPage() {
  const session = useSession();
  const settings = useWidgetSettings();
  const snippet = `<script src="${window.location.origin}/widget.js" data-org="${session.org.slug}" async></script>`;
  return (
    <>
      <PageHeader
        title="Chat widget"
        description="A chat on your website: the bot answers from the knowledge base and hands over to people."
      />
      <Paper withBorder p="md" mb="md">
        <Title order={2} size="h4" mb="xs">
          Install
        </Title>
        <Code block>{snippet}</Code>
      </Paper>
      <Paper withBorder p="md">
        <Title order={2} size="h4" mb="sm">
          Settings
        </Title>
        {settings.isPending && <LoadingState label="Loading the settings…" />}
        {settings.isError && <ErrorState error={settings.error} />}
        {settings.data && (
          <SettingsForm initial={settings.data} canEdit={session.role === "admin"} />
        )}
      </Paper>
    </>
  );
}
