import { Button, Group, Modal, PasswordInput, Select, Stack, Text, TextInput } from "@mantine/core";
import { useState, type FormEvent } from "react";
import { ApiError, errorMessage } from "../../lib/api";
import { ROLES, type Role, type Team } from "../../lib/types";
import { ROLE_LABELS } from "../auth/permissions";
import { useCreateUser } from "./people.api";

const MIN_PASSWORD = 10;
const ROLE_OPTIONS = ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }));

interface Props {
  opened: boolean;
  onClose: () => void;
  teams: Team[];
}

export function CreateUserModal({ opened, onClose, teams }: Props) {
  const [name, setName] = useState("");
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [role, setRole] = useState<Role>("agent");
  const [teamId, setTeamId] = useState<string | null>(null);
  const create = useCreateUser();

  function handleClose() {
    setName("");
    setEmail("");
    setPassword("");
    setRole("agent");
    setTeamId(null);
    create.reset();
    onClose();
  }

  function handleSubmit(event: FormEvent) {
    event.preventDefault();
    create.mutate(
      { name: name.trim(), email: email.trim(), password, role, ...(teamId ? { teamId } : {}) },
      { onSuccess: handleClose },
    );
  }

  const emailTaken = create.error instanceof ApiError && create.error.status === 409;
  const valid = name.trim() && email.includes("@") && password.length >= MIN_PASSWORD;

  return (
    <Modal opened={opened} onClose={handleClose} title="Add user" centered>
      <form onSubmit={handleSubmit}>
        <Stack>
          <TextInput
            label="Name"
            required
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            data-autofocus
          />
          <TextInput
            label="Email"
            type="email"
            required
            value={email}
            onChange={(e) => setEmail(e.currentTarget.value)}
            error={emailTaken ? errorMessage(create.error) : undefined}
          />
          <PasswordInput
            label="Initial password"
            description={`At least ${MIN_PASSWORD} characters. Share it securely; they can change it after signing in.`}
            autoComplete="new-password"
            required
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
            error={
              password && password.length < MIN_PASSWORD
                ? `Use at least ${MIN_PASSWORD} characters`
                : undefined
            }
          />
          <Select
            label="Role"
            data={ROLE_OPTIONS}
            value={role}
            onChange={(value) => value && setRole(value as Role)}
            allowDeselect={false}
            required
          />
          <Select
            label="Team"
            placeholder="No team"
            data={teams.map((t) => ({ value: t.id, label: t.name }))}
            value={teamId}
            onChange={setTeamId}
            clearable
            searchable
          />
          {create.isError && !emailTaken && (
            <Text c="red" size="sm" role="alert">
              {errorMessage(create.error)}
            </Text>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={handleClose}>
              Cancel
            </Button>
            <Button type="submit" loading={create.isPending} disabled={!valid}>
              Add user
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
