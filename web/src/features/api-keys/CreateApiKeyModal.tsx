import { Alert, Button, Checkbox, Group, Modal, Stack, Text, TextInput } from "@mantine/core";
import { useState, type FormEvent } from "react";
import { ShownOnceActions, ShownOnceValue } from "../../components/ShownOnce";
import { errorMessage } from "../../lib/api";
import { API_KEY_SCOPES, type ApiKeyScope, type CreatedApiKey } from "../../lib/types";
import { useCreateApiKey } from "./api-keys.api";

const SCOPE_HELP: Record<ApiKeyScope, string> = {
  read: "Read conversations, stats and settings",
  write: "Change conversations and settings",
  ingest: "Push conversations in from other systems",
  admin: "Everything, including users and keys",
};

interface Props {
  opened: boolean;
  onClose: () => void;
}

export function CreateApiKeyModal({ opened, onClose }: Props) {
  const [name, setName] = useState("");
  const [scopes, setScopes] = useState<ApiKeyScope[]>(["read"]);
  const [created, setCreated] = useState<CreatedApiKey | null>(null);
  const create = useCreateApiKey();

  function handleClose() {
    setName("");
    setScopes(["read"]);
    setCreated(null);
    create.reset();
    onClose();
  }

  function handleSubmit(event: FormEvent) {
    event.preventDefault();
    create.mutate({ name: name.trim(), scopes }, { onSuccess: setCreated });
  }

  return (
    <Modal
      opened={opened}
      onClose={handleClose}
      title={created ? "API key created" : "Create API key"}
      centered
      size="lg"
      // Once the secret is on screen, an accidental outside click must not throw it away.
      closeOnClickOutside={!created}
    >
      {created ? (
        <Stack>
          <Alert color="yellow" title="Copy this key now" role="alert">
            This is the only time Rapport shows the full key. Store it in your secret manager; if
            you lose it, revoke it and create a new one.
          </Alert>
          <Text size="sm">
            Key for <b>{created.name}</b> ({created.scopes.join(", ")}):
          </Text>
          <ShownOnceValue label="New API key" value={created.key} />
          <ShownOnceActions value={created.key} copyLabel="Copy key" onDone={handleClose} />
        </Stack>
      ) : (
        <form onSubmit={handleSubmit}>
          <Stack>
            <TextInput
              label="Name"
              description="Where the key is used, e.g. “Zendesk import”"
              required
              value={name}
              onChange={(e) => setName(e.currentTarget.value)}
              data-autofocus
            />
            <Checkbox.Group
              label="Scopes"
              description="Give the key only what it needs."
              value={scopes}
              onChange={(value) => setScopes(value as ApiKeyScope[])}
              required
            >
              <Stack gap="xs" mt="xs">
                {API_KEY_SCOPES.map((s) => (
                  <Checkbox key={s} value={s} label={s} description={SCOPE_HELP[s]} />
                ))}
              </Stack>
            </Checkbox.Group>
            {create.isError && (
              <Text c="red" size="sm" role="alert">
                {errorMessage(create.error)}
              </Text>
            )}
            <Group justify="flex-end">
              <Button variant="default" onClick={handleClose}>
                Cancel
              </Button>
              <Button
                type="submit"
                loading={create.isPending}
                disabled={!name.trim() || scopes.length === 0}
              >
                Create key
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}
