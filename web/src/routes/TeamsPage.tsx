import { Button, Group, Paper, Table, Text, TextInput, VisuallyHidden } from "@mantine/core";
import { useState, type FormEvent } from "react";
import { ConfirmModal } from "../components/ConfirmModal";
import { useConfirmMutation } from "../components/use-confirm-mutation";
import { PageHeader } from "../components/PageHeader";
import { EmptyMessage, ErrorState, LoadingState } from "../components/QueryState";
import { CAN_EDIT_PEOPLE, hasRole } from "../features/auth/permissions";
import { useSession } from "../features/auth/use-session";
import { useCreateTeam, useDeleteTeam, useTeams } from "../features/people/people.api";
import { errorMessage } from "../lib/api";
import { formatNumber } from "../lib/format";
import type { Team } from "../lib/types";

export default function TeamsPage() {
  const session = useSession();
  const editable = hasRole(session.role, CAN_EDIT_PEOPLE);
  const teams = useTeams();
  const create = useCreateTeam();
  const toDelete = useConfirmMutation<Team>(useDeleteTeam());
  const [name, setName] = useState("");

  function handleCreate(event: FormEvent) {
    event.preventDefault();
    const trimmed = name.trim();
    if (!trimmed) return;
    create.mutate({ name: trimmed }, { onSuccess: () => setName("") });
  }

  function renderBody() {
    if (teams.isPending) return <LoadingState label="Loading teams…" />;
    if (teams.isError)
      return <ErrorState error={teams.error} onRetry={() => void teams.refetch()} />;
    if (teams.data.length === 0) {
      return (
        <EmptyMessage title="No teams yet">
          {editable ? "Create the first team above." : null}
        </EmptyMessage>
      );
    }
    return (
      <Table verticalSpacing="xs" aria-label="Teams">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Team</Table.Th>
            <Table.Th ta="right">Agents</Table.Th>
            {editable && (
              <Table.Th w={120}>
                <VisuallyHidden>Actions</VisuallyHidden>
              </Table.Th>
            )}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {teams.data.map((t) => (
            <Table.Tr key={t.id}>
              <Table.Td>
                <Text size="sm" fw={500}>
                  {t.name}
                </Text>
              </Table.Td>
              <Table.Td ta="right">{formatNumber(t.agentCount)}</Table.Td>
              {editable && (
                <Table.Td ta="right">
                  <Button
                    size="xs"
                    variant="subtle"
                    color="red"
                    onClick={() => toDelete.ask(t)}
                    aria-label={`Delete team ${t.name}`}
                  >
                    Delete
                  </Button>
                </Table.Td>
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    );
  }

  return (
    <>
      <PageHeader
        title="Teams"
        description={
          editable
            ? "Group agents for filtering and reporting."
            : "Read-only: only an admin can change teams."
        }
      />
      {editable && (
        <form onSubmit={handleCreate}>
          <Group align="flex-start" mb="md" gap="sm">
            <TextInput
              label="New team name"
              value={name}
              onChange={(e) => setName(e.currentTarget.value)}
              error={create.isError ? errorMessage(create.error) : undefined}
              w={280}
            />
            <Button type="submit" mt={25} loading={create.isPending} disabled={!name.trim()}>
              Create team
            </Button>
          </Group>
        </form>
      )}
      <Paper withBorder>{renderBody()}</Paper>
      <ConfirmModal {...toDelete.modalProps} title="Delete team" confirmLabel="Delete team">
        Delete <b>{toDelete.target?.name}</b>?{" "}
        {toDelete.target && toDelete.target.agentCount > 0
          ? `Its ${toDelete.target.agentCount} agents will no longer belong to a team.`
          : "It has no agents."}
      </ConfirmModal>
    </>
  );
}
