import {
  Button,
  Checkbox,
  Group,
  Modal,
  NumberInput,
  PasswordInput,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
} from "@mantine/core";
import { useState, type FormEvent } from "react";
import { errorMessage, validationIssues } from "../../lib/api";
import type { CreateMailboxBody } from "../../lib/types";
import { useCreateMailbox } from "./channels.api";

const EMPTY: CreateMailboxBody = {
  name: "",
  address: "",
  host: "",
  port: 993,
  secure: true,
  username: "",
  password: "",
  folder: "INBOX",
  purpose: "support",
};

const PURPOSES = [
  { value: "support", label: "Support: customers' conversations" },
  { value: "escalation", label: "Escalation: complaints to management (executive cases)" },
];

interface Props {
  opened: boolean;
  onClose: () => void;
}

export function AddMailboxModal({ opened, onClose }: Props) {
  const [form, setForm] = useState<CreateMailboxBody>(EMPTY);
  const create = useCreateMailbox();
  const issues = validationIssues(create.error);
  const fieldError = (field: keyof CreateMailboxBody) =>
    issues.find((i) => i.path === `body.${field}`)?.message;

  function set<K extends keyof CreateMailboxBody>(key: K, value: CreateMailboxBody[K]) {
    setForm((f) => ({ ...f, [key]: value }));
  }

  function handleClose() {
    setForm(EMPTY);
    create.reset();
    onClose();
  }

  function handleSubmit(e: FormEvent) {
    e.preventDefault();
    create.mutate(
      { ...form, name: form.name.trim() || form.address.trim() },
      { onSuccess: handleClose },
    );
  }

  return (
    <Modal opened={opened} onClose={handleClose} title="Add mailbox" centered size="lg">
      <form onSubmit={handleSubmit}>
        <Stack>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput
              label="Support address"
              description="Where customers write; mail from it counts as an agent reply"
              type="email"
              required
              value={form.address}
              onChange={(e) => set("address", e.currentTarget.value)}
              error={fieldError("address")}
              data-autofocus
            />
            <TextInput
              label="Name"
              description="Shown in Rapport; defaults to the address"
              value={form.name}
              onChange={(e) => set("name", e.currentTarget.value)}
              error={fieldError("name")}
            />
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <TextInput
              label="IMAP host"
              placeholder="imap.example.com"
              required
              value={form.host}
              onChange={(e) => set("host", e.currentTarget.value)}
              error={fieldError("host")}
              style={{ gridColumn: "span 2" }}
            />
            <NumberInput
              label="Port"
              required
              min={1}
              max={65535}
              allowDecimal={false}
              value={form.port}
              onChange={(v) => set("port", typeof v === "number" ? v : Number(v) || 993)}
              error={fieldError("port")}
            />
          </SimpleGrid>
          <Checkbox
            label="TLS from the start (IMAPS)"
            description="Usually on, with port 993"
            checked={form.secure}
            onChange={(e) => set("secure", e.currentTarget.checked)}
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput
              label="Username"
              required
              autoComplete="off"
              value={form.username}
              onChange={(e) => set("username", e.currentTarget.value)}
              error={fieldError("username")}
            />
            <PasswordInput
              label="Password"
              description="Stored encrypted; never shown again"
              required
              autoComplete="new-password"
              value={form.password}
              onChange={(e) => set("password", e.currentTarget.value)}
              error={fieldError("password")}
            />
          </SimpleGrid>
          <TextInput
            label="Folder"
            required
            value={form.folder}
            onChange={(e) => set("folder", e.currentTarget.value)}
            error={fieldError("folder")}
          />
          <Select
            label="What mail to this address is"
            data={PURPOSES}
            value={form.purpose ?? "support"}
            onChange={(v) => set("purpose", (v ?? "support") as CreateMailboxBody["purpose"])}
            allowDeselect={false}
          />
          {create.isError && (
            <Text c="red" size="sm" role="alert">
              {errorMessage(create.error)}
            </Text>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={handleClose}>
              Cancel
            </Button>
            <Button type="submit" loading={create.isPending}>
              Add mailbox
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
