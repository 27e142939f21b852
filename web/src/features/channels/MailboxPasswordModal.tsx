import { Button, Group, Modal, PasswordInput, Stack, Text } from "@mantine/core";
import { useState, type FormEvent } from "react";
import { errorMessage } from "../../lib/api";
import type { Mailbox } from "../../lib/types";
import { useUpdateMailbox } from "./channels.api";

/** Stores a new IMAP password for a mailbox (after the account's password was rotated). */
export function MailboxPasswordModal({
  mailbox,
  onClose,
}: {
  mailbox: Mailbox | null;
  onClose: () => void;
}) {
  const update = useUpdateMailbox();
  const [password, setPassword] = useState("");

  function handleClose() {
    setPassword("");
    update.reset();
    onClose();
  }

  function handleSubmit(e: FormEvent) {
    e.preventDefault();
    if (!mailbox || password === "") return;
    update.mutate({ id: mailbox.id, password }, { onSuccess: handleClose });
  }

  return (
    <Modal opened={mailbox !== null} onClose={handleClose} title="New mailbox password" centered>
      <form onSubmit={handleSubmit}>
        <Stack>
          <Text size="sm">
            The password Rapport uses to sign in to <b>{mailbox?.address}</b>. It is stored
            encrypted and never shown again.
          </Text>
          <PasswordInput
            label="Password"
            required
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
            data-autofocus
          />
          {update.error && (
            <Text size="sm" c="red" role="alert">
              {errorMessage(update.error)}
            </Text>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={handleClose}>
              Cancel
            </Button>
            <Button type="submit" loading={update.isPending} disabled={password === ""}>
              Save password
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
