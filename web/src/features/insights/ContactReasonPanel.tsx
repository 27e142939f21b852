import { Anchor, Button, Group, Paper, Select, Stack, Text, Title } from "@mantine/core";
import { useState } from "react";
import { Link } from "react-router";
import { errorMessage } from "../../lib/api";
import type { components } from "../../lib/api-types/index.gen";
import { CAN_EDIT_INSIGHTS, hasRole } from "../auth/permissions";
import { useSession } from "../auth/use-session";
import { useReasons, useSetConversationReason } from "./insights.api";

type ContactReasonRef = components["schemas"]["ContactReasonRef"];

/**
 * Why the customer got in touch: the conversation's contact reason, with a link to the reason's
 * other conversations. Leaders and admins correct it with a searchable picker; a reason set by a
 * person is kept when reasons are re-fitted, until they hand it back to the model.
 */
export function ContactReasonPanel(props: {
  conversationId: string;
  reason: ContactReasonRef | null;
}) {
  const { reason } = props;
  const canEdit = hasRole(useSession().role, CAN_EDIT_INSIGHTS);
  const [editing, setEditing] = useState(false);
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="contact-reason-title">
      <Stack gap="xs">
        <Group justify="space-between">
          <Title order={2} size="h4" id="contact-reason-title">
            Contact reason
          </Title>
          {canEdit && !editing && (
            <Button size="xs" variant="light" onClick={() => setEditing(true)}>
              Change
            </Button>
          )}
        </Group>
        {reason ? (
          <Stack gap={2}>
            <Anchor component={Link} to={`/conversations?reasonId=${reason.id}`} fw={600}>
              {reason.name}
            </Anchor>
            <Text size="xs" c="dimmed">
              {reason.source === "manual"
                ? "Set by a person: kept when reasons are re-fitted."
                : "Found from the customer's words."}
            </Text>
          </Stack>
        ) : (
          <Text size="sm" c="dimmed">
            No contact reason yet.
          </Text>
        )}
        {editing && (
          <ReasonPicker
            conversationId={props.conversationId}
            reason={reason}
            onDone={() => setEditing(false)}
          />
        )}
      </Stack>
    </Paper>
  );
}

function ReasonPicker(props: {
  conversationId: string;
  reason: ContactReasonRef | null;
  onDone: () => void;
}) {
  const reasons = useReasons(1);
  const set = useSetConversationReason(props.conversationId);
  const save = (reasonId: string | null) => set.mutate(reasonId, { onSuccess: props.onDone });
  return (
    <Stack gap="xs">
      <Select
        label="New contact reason"
        placeholder={reasons.isPending ? "Loading reasons…" : "Search the reasons"}
        data={(reasons.data?.items ?? []).map((r) => ({ value: r.id, label: r.name }))}
        value={null}
        onChange={(id) => id && save(id)}
        searchable
        disabled={set.isPending}
      />
      <Group gap="xs">
        {props.reason?.source === "manual" && (
          <Button size="xs" variant="default" loading={set.isPending} onClick={() => save(null)}>
            Let Rapport decide
          </Button>
        )}
        <Button size="xs" variant="subtle" onClick={props.onDone}>
          Cancel
        </Button>
      </Group>
      {set.isError && (
        <Text c="red" size="sm" role="alert">
          {errorMessage(set.error)}
        </Text>
      )}
    </Stack>
  );
}
