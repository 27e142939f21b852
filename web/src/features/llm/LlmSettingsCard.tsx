import {
  Button,
  Group,
  NumberInput,
  Paper,
  PasswordInput,
  Stack,
  Switch,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { useEffect, useState, type FormEvent } from "react";
import { ErrorState, LoadingState } from "../../components/QueryState";
import { errorMessage } from "../../lib/api";
import { useLlmSettings, useSaveLlmSettings } from "./llm.api";

interface Draft {
  enabled: boolean;
  url: string;
  model: string;
  apiKey: string;
  timeoutMs: number;
}

/** The optional language model (admins): an OpenAI-compatible endpoint, off by default. */
export function LlmSettingsCard() {
  const settings = useLlmSettings();
  const save = useSaveLlmSettings();
  const [draft, setDraft] = useState<Draft | null>(null);

  useEffect(() => {
    const s = settings.data;
    if (s)
      setDraft({
        enabled: s.source === "organization",
        url: s.url ?? "",
        model: s.model ?? "",
        apiKey: "",
        timeoutMs: s.timeoutMs,
      });
  }, [settings.data]);

  function handleSubmit(e: FormEvent) {
    e.preventDefault();
    if (!draft) return;
    save.mutate({
      enabled: draft.enabled,
      ...(draft.url ? { url: draft.url } : {}),
      ...(draft.model ? { model: draft.model } : {}),
      // Left empty keeps the stored key: it is never sent back to the browser.
      ...(draft.apiKey ? { apiKey: draft.apiKey } : {}),
      timeoutMs: draft.timeoutMs,
    });
  }

  if (settings.isError)
    return <ErrorState error={settings.error} onRetry={() => void settings.refetch()} />;
  if (settings.isPending || !draft)
    return <LoadingState label="Loading language model settings…" />;
  const s = settings.data;
  return (
    <Paper withBorder p="md" maw={720} mt="lg" component="section" aria-labelledby="llm-title">
      <form onSubmit={handleSubmit}>
        <Stack gap="md">
          <Title order={2} size="h4" id="llm-title">
            Language model
          </Title>
          <Text size="sm" c="dimmed">
            Optional: an OpenAI-compatible endpoint (a local one such as Ollama or llama.cpp, or a
            hosted one) writes wrap-up summaries and suggested replies. Text is redacted with the
            settings above before it is sent. Without one, summaries are built from the analysis.
            {s.source === "environment" && ` In use now: ${s.model} from the server's environment.`}
          </Text>
          <Switch
            label="Use a language model for this organization"
            checked={draft.enabled}
            onChange={(e) => setDraft({ ...draft, enabled: e.currentTarget.checked })}
          />
          {draft.enabled && (
            <>
              <TextInput
                label="Endpoint URL"
                description="The base URL, e.g. http://localhost:11434/v1"
                required
                value={draft.url}
                onChange={(e) => setDraft({ ...draft, url: e.currentTarget.value })}
              />
              <TextInput
                label="Model"
                required
                value={draft.model}
                onChange={(e) => setDraft({ ...draft, model: e.currentTarget.value })}
              />
              <PasswordInput
                label="API key"
                description={
                  s.hasApiKey
                    ? "A key is stored; leave empty to keep it"
                    : "If the endpoint needs one"
                }
                value={draft.apiKey}
                onChange={(e) => setDraft({ ...draft, apiKey: e.currentTarget.value })}
              />
              <NumberInput
                label="Timeout (ms)"
                min={1000}
                max={60000}
                step={1000}
                allowDecimal={false}
                value={draft.timeoutMs}
                onChange={(v) =>
                  setDraft({ ...draft, timeoutMs: typeof v === "number" ? v : 8000 })
                }
                maw={220}
              />
            </>
          )}
          {save.isError && (
            <Text c="red" size="sm" role="alert">
              {errorMessage(save.error)}
            </Text>
          )}
          <Group gap="sm">
            <Button type="submit" loading={save.isPending}>
              Save language model
            </Button>
            {save.isSuccess && (
              <Text size="sm" c="green" role="status">
                Saved.
              </Text>
            )}
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
