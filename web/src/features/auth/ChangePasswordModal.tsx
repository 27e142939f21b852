import { Alert, Button, Group, Modal, PasswordInput, Stack, Text } from "@mantine/core";
import { useState, type FormEvent } from "react";
import { ApiError, errorMessage } from "../../lib/api";
import { useChangePassword } from "./use-session";

const MIN_LENGTH = 10;

interface Props {
  opened: boolean;
  onClose: () => void;
}

export function ChangePasswordModal({ opened, onClose }: Props) {
  const [currentPassword, setCurrentPassword] = useState("");
  const [newPassword, setNewPassword] = useState("");
  const [confirm, setConfirm] = useState("");
  const [done, setDone] = useState(false);
  const change = useChangePassword();

  const tooShort = newPassword.length > 0 && newPassword.length < MIN_LENGTH;
  const mismatch = confirm.length > 0 && confirm !== newPassword;
  const wrongCurrent = change.error instanceof ApiError && change.error.code === "WRONG_PASSWORD";

  function handleClose() {
    setCurrentPassword("");
    setNewPassword("");
    setConfirm("");
    setDone(false);
    change.reset();
    onClose();
  }

  function handleSubmit(event: FormEvent) {
    event.preventDefault();
    if (newPassword.length < MIN_LENGTH || confirm !== newPassword) return;
    change.mutate({ currentPassword, newPassword }, { onSuccess: () => setDone(true) });
  }

  return (
    <Modal opened={opened} onClose={handleClose} title="Change password" centered>
      {done ? (
        <Stack>
          <Alert color="green" title="Password changed">
            Use your new password the next time you sign in.
          </Alert>
          <Group justify="flex-end">
            <Button onClick={handleClose}>Close</Button>
          </Group>
        </Stack>
      ) : (
        <form onSubmit={handleSubmit} noValidate>
          <Stack>
            <PasswordInput
              label="Current password"
              autoComplete="current-password"
              required
              value={currentPassword}
              onChange={(e) => setCurrentPassword(e.currentTarget.value)}
              error={wrongCurrent ? "This is not your current password" : undefined}
              data-autofocus
            />
            <PasswordInput
              label="New password"
              description={`At least ${MIN_LENGTH} characters`}
              autoComplete="new-password"
              required
              value={newPassword}
              onChange={(e) => setNewPassword(e.currentTarget.value)}
              error={tooShort ? `Use at least ${MIN_LENGTH} characters` : undefined}
            />
            <PasswordInput
              label="Confirm new password"
              autoComplete="new-password"
              required
              value={confirm}
              onChange={(e) => setConfirm(e.currentTarget.value)}
              error={mismatch ? "Passwords do not match" : undefined}
            />
            {change.isError && !wrongCurrent && (
              <Text c="red" size="sm" role="alert">
                {errorMessage(change.error)}
              </Text>
            )}
            <Group justify="flex-end">
              <Button variant="default" onClick={handleClose}>
                Cancel
              </Button>
              <Button
                type="submit"
                loading={change.isPending}
                disabled={
                  !currentPassword || newPassword.length < MIN_LENGTH || confirm !== newPassword
                }
              >
                Change password
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}
