import { Button, Group, Modal, Stack, Text, TextInput, Textarea } from "@mantine/core";
import { useState, type FormEvent } from "react";
import { errorMessage } from "../../lib/api";
import { useUpdateFix, type Fix } from "./insights.api";

/**
 * Corrects a registered fix: what changed, when it shipped, and (for a search target) which
 * conversations it targets. A new search is measured at once and matched again in the background.
 */
export function EditFixModal({ fix, onClose }: { fix: Fix; onClose: () => void }) {
  const update = useUpdateFix();
  const [title, setTitle] = useState(fix.title);
  const [description, setDescription] = useState(fix.description ?? "");
  const [shipped, setShipped] = useState(fix.shippedAt.slice(0, 10));
  const [search, setSearch] = useState(fix.target.search ?? "");

  function handleSubmit(e: FormEvent) {
    e.preventDefault();
    const target =
      fix.target.search !== undefined && search.trim() !== fix.target.search
        ? { ...fix.target, search: search.trim() }
        : undefined;
    update.mutate(
      {
        id: fix.id,
        title,
        description: description.trim() || null,
        shippedAt: new Date(`${shipped}T00:00:00Z`).toISOString(),
        ...(target ? { target } : {}),
      },
      { onSuccess: onClose },
    );
  }

  return (
    <Modal opened onClose={onClose} title={`Edit “${fix.title}”`} centered>
      <Stack component="form" onSubmit={handleSubmit}>
        <TextInput
          label="What was changed"
          required
          maxLength={200}
          value={title}
          onChange={(e) => setTitle(e.currentTarget.value)}
          data-autofocus
        />
        <Textarea
          label="Description"
          maxLength={5000}
          autosize
          minRows={2}
          value={description}
          onChange={(e) => setDescription(e.currentTarget.value)}
        />
        <TextInput
          label="Shipped on"
          type="date"
          required
          value={shipped}
          onChange={(e) => setShipped(e.currentTarget.value)}
        />
        {fix.target.search !== undefined && (
          <TextInput
            label="Targeted conversations (search)"
            description="Changing it measures the new search at once; its matches are stored again in the background."
            required
            maxLength={200}
            value={search}
            onChange={(e) => setSearch(e.currentTarget.value)}
          />
        )}
        {update.isError && (
          <Text size="sm" c="red.8" role="alert">
            {errorMessage(update.error)}
          </Text>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={update.isPending}>
            Save changes
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
