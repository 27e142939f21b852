import { Alert, Anchor, Button, Code, List, Paper, Stack, Text } from "@mantine/core";
import { PageHeader } from "../components/PageHeader";
import { ErrorState, LoadingState } from "../components/QueryState";
import { useInstanceAccess } from "../features/backup/backup.api";

/** Whole-instance backup for its operator, and how to restore one. */
export default function BackupPage() {
  const access = useInstanceAccess();

  function renderBody() {
    if (access.isError) {
      return <ErrorState error={access.error} onRetry={() => void access.refetch()} />;
    }
    if (access.isPending) return <LoadingState label="Checking access…" />;
    if (!access.data.operator) {
      return (
        <Alert color="gray" variant="light">
          A backup holds every organization on this instance, so only its operator can download one:
          the people named in <Code>RAPPORT_OPERATOR_EMAILS</Code>, or else the admins of the
          organization created first. To take your organization&apos;s customers with you, export
          them from a conversation.
        </Alert>
      );
    }
    return (
      <Stack gap="md">
        <Text size="sm">
          One consistent snapshot of every row of every table, as JSON lines. It holds all personal
          data: keep it as safe as the database.
        </Text>
        <div>
          <Button component="a" href="/api/v1/instance/backup" download>
            Download backup
          </Button>
        </div>
        <Text size="sm" fw={600}>
          To restore it
        </Text>
        <List size="sm" type="ordered" spacing={4}>
          <List.Item>
            Start a new Rapport with an empty data directory and <Code>RAPPORT_DEMO=off</Code> (or
            an empty <Code>DATABASE_URL</Code>), of the same version.
          </List.Item>
          <List.Item>
            Open <Anchor href="/setup">/setup</Anchor> on it, choose the file and paste the token
            from the file <Code>setup-token</Code> in its data directory.
          </List.Item>
          <List.Item>
            Or from a shell: <Code>npx rapport restore rapport.backup.jsonl</Code>.
          </List.Item>
        </List>
      </Stack>
    );
  }

  return (
    <>
      <PageHeader
        title="Backup"
        description="Download everything on this instance; restore it onto a new one."
      />
      <Paper withBorder p="md" maw={720}>
        {renderBody()}
      </Paper>
    </>
  );
}
