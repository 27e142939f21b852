import { Button, Paper } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { PageHeader } from "../components/PageHeader";
import { EmptyMessage, ErrorState, LoadingState } from "../components/QueryState";
import { CAN_EDIT_PEOPLE, hasRole } from "../features/auth/permissions";
import { useSession } from "../features/auth/use-session";
import { CreateUserModal } from "../features/people/CreateUserModal";
import { useTeams, useUsers } from "../features/people/people.api";
import { UsersTable } from "../features/people/UsersTable";

export default function UsersPage() {
  const session = useSession();
  const editable = hasRole(session.role, CAN_EDIT_PEOPLE);
  const users = useUsers();
  const teams = useTeams();
  const [createOpened, { open: openCreate, close: closeCreate }] = useDisclosure(false);

  function renderBody() {
    if (users.isPending) return <LoadingState label="Loading users…" />;
    if (users.isError)
      return <ErrorState error={users.error} onRetry={() => void users.refetch()} />;
    if (users.data.length === 0) return <EmptyMessage title="No users yet" />;
    return (
      <UsersTable
        users={users.data}
        teams={teams.data ?? []}
        editable={editable}
        currentUserId={session.user.id}
      />
    );
  }

  return (
    <>
      <PageHeader
        title="Users"
        description={
          editable
            ? "People who can sign in to Rapport, their role and team."
            : "Read-only: only an admin can change users."
        }
        actions={editable && <Button onClick={openCreate}>Add user</Button>}
      />
      <Paper withBorder>{renderBody()}</Paper>
      {editable && (
        <CreateUserModal opened={createOpened} onClose={closeCreate} teams={teams.data ?? []} />
      )}
    </>
  );
}
