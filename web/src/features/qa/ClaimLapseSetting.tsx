import { Button, Group, NumberInput, Text } from "@mantine/core";
import { useState } from "react";
import { hasRole } from "../auth/permissions";
import { useSession } from "../auth/use-session";
import { useQaSettings, useSaveQaSettings } from "./qa.api";

const lapseText = (hours: number | null) =>
  hours ? `${hours} hour${hours === 1 ? "" : "s"}` : "never (claims stay until reviewed)";

/**
 * How long a reviewer's own claim lasts without a review before it goes back to the queue; admins
 * change it (0: never). Conversations a leader hands out do not lapse.
 */
export function ClaimLapseSetting() {
  const session = useSession();
  const settings = useQaSettings();
  const save = useSaveQaSettings();
  const [draft, setDraft] = useState<string | number | null>(null);
  if (!settings.data) return null;
  const hours = settings.data.claimLapseHours;
  if (!hasRole(session.role, ["admin"]))
    return (
      <Text size="xs" c="dimmed">
        A claim lapses after {lapseText(hours)} without a review; handed-out conversations do not.
      </Text>
    );
  const value = draft ?? hours ?? 0;
  return (
    <Group align="flex-end" gap="xs">
      <NumberInput
        label="Claims lapse after (hours, 0 = never)"
        size="xs"
        min={0}
        max={2160}
        allowDecimal={false}
        value={value}
        onChange={setDraft}
        w={230}
      />
      <Button
        size="xs"
        variant="light"
        loading={save.isPending}
        disabled={draft === null || Number(draft) === (hours ?? 0)}
        onClick={() =>
          save.mutate({ claimLapseHours: Number(draft) || 0 }, { onSuccess: () => setDraft(null) })
        }
      >
        Save
      </Button>
      <Text
        size="xs"
        c={save.isError ? "red.8" : "dimmed"}
        role={save.isError ? "alert" : undefined}
      >
        {save.isError ? save.error.message : `Now: ${lapseText(hours)}`}
      </Text>
    </Group>
  );
}
