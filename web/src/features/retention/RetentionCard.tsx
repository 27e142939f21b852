import { Button, Group, NumberInput, Paper, Stack, Switch, Text, Title } from "@mantine/core";
import { useEffect, useState, type FormEvent } from "react";
import { ErrorState, LoadingState } from "../../components/QueryState";
import { errorMessage } from "../../lib/api";
import { useApplyRetention, useRetentionSettings, useSaveRetentionSettings } from "./retention.api";

const DEFAULT_DAYS = 365;

/** How long message text is kept; the analysis measured from it stays. Admins edit, leaders read. */
export function RetentionCard({ canEdit }: { canEdit: boolean }) {
  const settings = useRetentionSettings();
  const save = useSaveRetentionSettings();
  const apply = useApplyRetention();
  const [days, setDays] = useState<number | null>(null);

  useEffect(() => {
    if (settings.data) setDays(settings.data.rawTextDays);
  }, [settings.data]);

  function handleSubmit(e: FormEvent) {
    e.preventDefault();
    save.mutate({ rawTextDays: days });
  }

  if (settings.isError) {
    return <ErrorState error={settings.error} onRetry={() => void settings.refetch()} />;
  }
  if (settings.isPending) return <LoadingState label="Loading retention settings…" />;
  const saved = settings.data.rawTextDays;
  const dirty = days !== saved;
  return (
    <Paper
      withBorder
      p="md"
      maw={720}
      mt="lg"
      component="section"
      aria-labelledby="retention-title"
    >
      <form onSubmit={handleSubmit}>
        <Stack gap="md">
          <Title order={2} size="h4" id="retention-title">
            Retention of message text
          </Title>
          <Text size="sm" c="dimmed">
            After this period the words of a message are deleted: its text, the email original,
            evidence snippets and the conversation subject. Sentiment, signals, satisfaction and
            reports stay. Applied every hour.
          </Text>
          <Switch
            label="Delete message text after a period"
            checked={days !== null}
            disabled={!canEdit}
            onChange={(e) => setDays(e.currentTarget.checked ? (saved ?? DEFAULT_DAYS) : null)}
          />
          {days !== null && (
            <NumberInput
              label="Keep text for (days)"
              min={1}
              max={3650}
              allowDecimal={false}
              value={days}
              disabled={!canEdit}
              onChange={(v) => setDays(typeof v === "number" ? v : null)}
              maw={220}
            />
          )}
          {(save.isError || apply.isError) && (
            <Text c="red" size="sm" role="alert">
              {errorMessage(save.error ?? apply.error)}
            </Text>
          )}
          {canEdit && (
            <Group gap="sm">
              <Button type="submit" loading={save.isPending} disabled={!dirty}>
                Save retention
              </Button>
              <Button
                variant="default"
                loading={apply.isPending}
                disabled={saved === null || dirty}
                onClick={() => apply.mutate()}
              >
                Apply now
              </Button>
              <Text size="sm" role="status">
                {apply.data
                  ? `Deleted the text of ${apply.data.messages} messages in ${apply.data.conversations} conversations.`
                  : save.isSuccess && !dirty
                    ? "Saved."
                    : ""}
              </Text>
            </Group>
          )}
        </Stack>
      </form>
    </Paper>
  );
}
