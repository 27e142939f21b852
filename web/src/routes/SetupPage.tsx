import {
  Alert,
  Anchor,
  Button,
  Center,
  FileInput,
  Paper,
  Stack,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { useDocumentTitle } from "@mantine/hooks";
import { useState, type FormEvent } from "react";
import { Link } from "react-router";
import { LoadingState } from "../components/QueryState";
import { useRestoreBackup, useSetupStatus } from "../features/backup/backup.api";
import { errorMessage } from "../lib/api";

/** First run of an instance with no organization: restore a backup into it (no login exists yet). */
export function SetupPage() {
  useDocumentTitle("Set up · Rapport");
  const status = useSetupStatus();
  const restore = useRestoreBackup();
  const [file, setFile] = useState<File | null>(null);
  const [token, setToken] = useState("");

  function handleSubmit(e: FormEvent) {
    e.preventDefault();
    if (file) restore.mutate({ file, token });
  }

  function renderBody() {
    if (status.isPending) return <LoadingState label="Checking this instance…" />;
    if (restore.data) {
      return (
        <Alert color="green" role="status" title="Backup restored">
          {restore.data.rows} rows in {restore.data.tables} tables.{" "}
          <Anchor component={Link} to="/login" c="inherit" underline="always" fw={600}>
            Sign in
          </Anchor>{" "}
          with an account from the backup.
        </Alert>
      );
    }
    if (!status.data?.needsSetup) {
      return (
        <Text size="sm">
          This instance is set up already.{" "}
          <Anchor component={Link} to="/login">
            Sign in
          </Anchor>
          .
        </Text>
      );
    }
    return (
      <form onSubmit={handleSubmit}>
        <Stack>
          <Text size="sm">
            This Rapport has no organization yet. Restore a backup made with “Download backup” or{" "}
            <code>rapport backup</code>, or create an organization with{" "}
            <code>rapport org create</code>.
          </Text>
          <FileInput
            label="Backup file"
            placeholder="rapport-….backup.jsonl"
            accept=".jsonl,application/x-ndjson"
            required
            value={file}
            onChange={setFile}
          />
          <TextInput
            label="Setup token"
            description="In the file setup-token of this server's data directory"
            required
            autoComplete="off"
            value={token}
            onChange={(e) => setToken(e.currentTarget.value)}
          />
          {restore.isError && (
            <Alert color="red" role="alert" title="Not restored">
              {errorMessage(restore.error)}
            </Alert>
          )}
          <Button type="submit" loading={restore.isPending} disabled={!file || !token.trim()}>
            Restore backup
          </Button>
        </Stack>
      </form>
    );
  }

  return (
    <Center mih="100vh" p="md" bg="gray.0">
      <Paper component="main" withBorder shadow="sm" p="xl" w="100%" maw={480}>
        <Stack>
          <Title order={1} size="h2">
            Set up Rapport
          </Title>
          {renderBody()}
        </Stack>
      </Paper>
    </Center>
  );
}
