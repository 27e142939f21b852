import { Badge, Select, Table, Text } from "@mantine/core";
import { errorMessage } from "../../lib/api";
import { ROLES, type Role, type Team, type User } from "../../lib/types";
import { ROLE_LABELS } from "../auth/permissions";
import { useUpdateUser } from "./people.api";

const ROLE_OPTIONS = ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }));

interface Props {
  users: User[];
  teams: Team[];
  editable: boolean;
  currentUserId: string;
}

export function UsersTable({ users, teams, editable, currentUserId }: Props) {
  const update = useUpdateUser();
  const teamName = new Map(teams.map((t) => [t.id, t.name]));
  const teamOptions = teams.map((t) => ({ value: t.id, label: t.name }));
  const pendingId = update.isPending ? update.variables?.id : undefined;

  return (
    <>
      {update.isError && (
        <Text c="red" size="sm" role="alert" p="sm">
          Could not save the change: {errorMessage(update.error)}
        </Text>
      )}
      <Table.ScrollContainer minWidth={720}>
        <Table verticalSpacing="xs" aria-label="Users">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Name</Table.Th>
              <Table.Th>Email</Table.Th>
              <Table.Th>Role</Table.Th>
              <Table.Th>Team</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {users.map((u) => {
              const self = u.id === currentUserId;
              return (
                <Table.Tr key={u.id}>
                  <Table.Td>
                    <Text size="sm" fw={500}>
                      {u.name}
                      {self && (
                        <Badge size="xs" variant="outline" ml="xs">
                          You
                        </Badge>
                      )}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{u.email}</Text>
                  </Table.Td>
                  <Table.Td w={190}>
                    {editable ? (
                      <Select
                        aria-label={`Role for ${u.name}`}
                        data={ROLE_OPTIONS}
                        value={u.role}
                        allowDeselect={false}
                        // An admin demoting themselves would lock the org out of settings in one click.
                        disabled={self || pendingId === u.id}
                        onChange={(value) =>
                          value &&
                          value !== u.role &&
                          update.mutate({ id: u.id, role: value as Role })
                        }
                        size="xs"
                      />
                    ) : (
                      <Text size="sm">{ROLE_LABELS[u.role] ?? u.role}</Text>
                    )}
                  </Table.Td>
                  <Table.Td w={220}>
                    {editable ? (
                      <Select
                        aria-label={`Team for ${u.name}`}
                        data={teamOptions}
                        value={u.teamId}
                        placeholder="No team"
                        clearable
                        disabled={pendingId === u.id}
                        onChange={(value) =>
                          value !== u.teamId && update.mutate({ id: u.id, teamId: value })
                        }
                        size="xs"
                      />
                    ) : (
                      <Text size="sm">{(u.teamId && teamName.get(u.teamId)) ?? "—"}</Text>
                    )}
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </>
  );
}
