import {
  Alert,
  Button,
  Code,
  Group,
  JsonInput,
  List,
  Modal,
  Stack,
  Text,
  TextInput,
} from "@mantine/core";
import { useState, type FormEvent } from "react";
import { ShownOnceActions, ShownOnceValue } from "../../components/ShownOnce";
import { errorMessage, validationIssues } from "../../lib/api";
import type { CreatedWebhookSource } from "../../lib/types";
import { useCreateWebhookSource } from "./channels.api";

/** The chat-widget example of docs/connectors.md: a starting point that already validates. */
const EXAMPLE_MAPPING = JSON.stringify(
  {
    deliveryId: "$.event_id",
    conversationExternalId: "$.conversation.id",
    channel: "chat",
    "customer.externalId": "$.sender.id",
    "customer.name": "$.sender.name",
    messages: {
      path: "$.messages[*]",
      role: { path: "$.from.type", map: { user: "customer", operator: "agent" } },
      text: "$.body",
      ts: "$.created_at",
      externalId: "$.id",
      agentExternalId: "$.from.operator_id",
    },
  },
  null,
  2,
);

function parseJson(text: string): { value: unknown } | { error: string } {
  try {
    return { value: JSON.parse(text) as unknown };
  } catch (err) {
    return { error: err instanceof Error ? err.message : "Not valid JSON" };
  }
}

interface Props {
  opened: boolean;
  onClose: () => void;
}

export function CreateWebhookSourceModal({ opened, onClose }: Props) {
  const [name, setName] = useState("");
  const [source, setSource] = useState("");
  const [mapping, setMapping] = useState(EXAMPLE_MAPPING);
  const [created, setCreated] = useState<CreatedWebhookSource | null>(null);
  const create = useCreateWebhookSource();

  const parsed = parseJson(mapping);
  const issues = validationIssues(create.error);
  const mappingIssues = issues.filter((i) => i.path.startsWith("body.mapping"));
  const fieldError = (field: string) => issues.find((i) => i.path === `body.${field}`)?.message;
  const publicUrl = created ? `${window.location.origin}${created.url}` : "";

  function handleClose() {
    setName("");
    setSource("");
    setMapping(EXAMPLE_MAPPING);
    setCreated(null);
    create.reset();
    onClose();
  }

  function handleSubmit(e: FormEvent) {
    e.preventDefault();
    if ("error" in parsed) return;
    create.mutate(
      { name: name.trim(), source: source.trim(), mapping: parsed.value },
      { onSuccess: setCreated },
    );
  }

  return (
    <Modal
      opened={opened}
      onClose={handleClose}
      title={created ? "Webhook source created" : "Add webhook source"}
      centered
      size="xl"
      closeOnClickOutside={!created}
    >
      {created ? (
        <Stack>
          <Alert color="yellow" title="Copy the signing secret now" role="alert">
            This is the only time Rapport shows it. Configure it in the sending platform; if you
            lose it, delete this source and create a new one.
          </Alert>
          <Text size="sm">Delivery URL (POST):</Text>
          <ShownOnceValue label="Delivery URL" value={publicUrl} />
          <Text size="sm">Signing secret:</Text>
          <ShownOnceValue label="Signing secret" value={created.secret} />
          <ShownOnceActions value={created.secret} copyLabel="Copy secret" onDone={handleClose} />
        </Stack>
      ) : (
        <form onSubmit={handleSubmit}>
          <Stack>
            <Group grow align="flex-start">
              <TextInput
                label="Name"
                placeholder="Website chat"
                required
                value={name}
                onChange={(e) => setName(e.currentTarget.value)}
                error={fieldError("name")}
                data-autofocus
              />
              <TextInput
                label="Source"
                description="Stored on each conversation; with the external id it makes deliveries idempotent"
                placeholder="widget"
                required
                value={source}
                onChange={(e) => setSource(e.currentTarget.value)}
                error={fieldError("source")}
              />
            </Group>
            <JsonInput
              label="Mapping"
              description="JSONPath expressions from one delivery to one conversation (see docs/connectors.md)"
              required
              autosize
              minRows={12}
              maxRows={22}
              formatOnBlur
              value={mapping}
              onChange={setMapping}
              error={"error" in parsed ? `Not valid JSON: ${parsed.error}` : undefined}
              styles={{
                input: { fontFamily: "var(--mantine-font-family-monospace)", fontSize: 13 },
              }}
            />
            {mappingIssues.length > 0 ? (
              <Alert color="red" title="The mapping is not valid" role="alert">
                <List size="sm" spacing={2}>
                  {mappingIssues.map((i, n) => (
                    <List.Item key={n}>
                      <Code>{i.path.replace(/^body\.mapping\.?/, "") || "mapping"}</Code>:{" "}
                      {i.message === "Invalid input"
                        ? "missing, or not a path ($.…), a literal or { path, map, default }"
                        : i.message}
                    </List.Item>
                  ))}
                </List>
              </Alert>
            ) : (
              create.isError &&
              issues.length === 0 && (
                <Text c="red" size="sm" role="alert">
                  {errorMessage(create.error)}
                </Text>
              )
            )}
            <Group justify="flex-end">
              <Button variant="default" onClick={handleClose}>
                Cancel
              </Button>
              <Button
                type="submit"
                loading={create.isPending}
                disabled={!name.trim() || !source.trim() || "error" in parsed}
              >
                Create source
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}
