import { Alert, Button, Checkbox, Group, Paper, Stack, Switch, Text } from "@mantine/core";
import { useEffect, useState, type FormEvent } from "react";
import { PageHeader } from "../components/PageHeader";
import { ErrorState, LoadingState } from "../components/QueryState";
import { CAN_EDIT_REDACTION, hasRole } from "../features/auth/permissions";
import { useSession } from "../features/auth/use-session";
import { LlmSettingsCard } from "../features/llm/LlmSettingsCard";
import { RetentionCard } from "../features/retention/RetentionCard";
import { useRedactionSettings, useSaveRedactionSettings } from "../features/channels/channels.api";
import { errorMessage } from "../lib/api";
import type { RedactionSettings } from "../lib/types";

type Kind = Exclude<keyof RedactionSettings, "enabled">;

const KINDS: { key: Kind; label: string; example: string }[] = [
  { key: "cards", label: "Payment card numbers", example: "4111 1111 1111 1111 → [CARD]" },
  { key: "cvv", label: "Card security codes", example: "CVV 123 → CVV [CVV]" },
  { key: "iban", label: "Bank account numbers (IBAN)", example: "GB33BUKB20201555555555 → [IBAN]" },
  { key: "nationalIds", label: "National ids (SSN, NINO)", example: "123-45-6789 → [NATIONAL_ID]" },
  { key: "emails", label: "Email addresses", example: "jane@example.com → [EMAIL]" },
  { key: "phones", label: "Phone numbers", example: "+44 20 7946 0958 → [PHONE]" },
];

export default function RedactionPage() {
  const session = useSession();
  const canEdit = hasRole(session.role, CAN_EDIT_REDACTION);
  const settings = useRedactionSettings();
  const save = useSaveRedactionSettings();
  const [draft, setDraft] = useState<RedactionSettings | null>(null);

  useEffect(() => {
    if (settings.data) setDraft(settings.data);
  }, [settings.data]);

  function handleSubmit(e: FormEvent) {
    e.preventDefault();
    if (draft) save.mutate(draft);
  }

  function renderBody() {
    if (settings.isPending || !draft) {
      if (settings.isError) {
        return <ErrorState error={settings.error} onRetry={() => void settings.refetch()} />;
      }
      return <LoadingState label="Loading redaction settings…" />;
    }
    const dirty = JSON.stringify(draft) !== JSON.stringify(settings.data);
    return (
      <form onSubmit={handleSubmit}>
        <Stack gap="md">
          {!canEdit && (
            <Alert color="gray" variant="light">
              Only an admin can change these settings.
            </Alert>
          )}
          <Switch
            label="Redact personal data before storing messages"
            description="Off stores every message exactly as received."
            checked={draft.enabled}
            disabled={!canEdit}
            onChange={(e) => setDraft({ ...draft, enabled: e.currentTarget.checked })}
          />
          <Stack gap="sm" pl="xl" aria-label="Kinds of personal data" role="group">
            {KINDS.map((k) => (
              <Checkbox
                key={k.key}
                label={k.label}
                description={k.example}
                checked={draft[k.key]}
                disabled={!canEdit || !draft.enabled}
                onChange={(e) => setDraft({ ...draft, [k.key]: e.currentTarget.checked })}
              />
            ))}
          </Stack>
          {save.isError && (
            <Text c="red" size="sm" role="alert">
              {errorMessage(save.error)}
            </Text>
          )}
          {canEdit && (
            <Group gap="sm">
              <Button type="submit" loading={save.isPending} disabled={!dirty}>
                Save
              </Button>
              {save.isSuccess && !dirty && (
                <Text size="sm" c="green" role="status">
                  Saved. New messages are redacted with these settings.
                </Text>
              )}
            </Group>
          )}
        </Stack>
      </form>
    );
  }

  return (
    <>
      <PageHeader
        title="Redaction"
        description="Personal data is replaced by placeholders before a message is stored or analysed. Changes apply to messages ingested from now on; stored messages stay as they are."
      />
      <Paper withBorder p="md" maw={720}>
        {renderBody()}
      </Paper>
      <RetentionCard canEdit={canEdit} />
      {canEdit && <LlmSettingsCard />}
    </>
  );
}
