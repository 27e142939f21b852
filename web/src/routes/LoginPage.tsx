import {
  Alert,
  Anchor,
  Button,
  Center,
  Paper,
  PasswordInput,
  Stack,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { useDocumentTitle } from "@mantine/hooks";
import { useState, type FormEvent } from "react";
import { Link, Navigate, useSearchParams } from "react-router";
import { LoadingState } from "../components/QueryState";
import { homePathFor } from "../features/auth/permissions";
import { useSetupStatus } from "../features/backup/backup.api";
import { useLogin, useSessionQuery } from "../features/auth/use-session";
import { ApiError, errorMessage } from "../lib/api";

/** Only same-site paths: `next=//evil.example` must not become an open redirect. */
function safeNext(next: string | null): string | null {
  if (!next || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/login")) {
    return null;
  }
  return next;
}

export function LoginPage() {
  const [params] = useSearchParams();
  const session = useSessionQuery();
  const login = useLogin();
  const setup = useSetupStatus();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  useDocumentTitle("Sign in · Rapport");

  if (session.isPending) return <LoadingState label="Checking your session…" />;
  if (session.data) {
    return <Navigate to={safeNext(params.get("next")) ?? homePathFor(session.data.role)} replace />;
  }

  function handleSubmit(event: FormEvent) {
    event.preventDefault();
    login.mutate({ email: email.trim(), password });
  }

  const badCredentials =
    login.error instanceof ApiError && login.error.code === "INVALID_CREDENTIALS";

  return (
    <Center mih="100vh" p="md" bg="gray.0">
      <Paper component="main" withBorder shadow="sm" p="xl" w="100%" maw={400}>
        <form onSubmit={handleSubmit}>
          <Stack>
            <Stack gap={4}>
              <Title order={1} size="h2">
                Rapport
              </Title>
              <Text c="dimmed" size="sm">
                Sign in to review conversations and quality.
              </Text>
            </Stack>
            {login.isError && (
              <Alert color="red" role="alert" title={badCredentials ? "Sign-in failed" : "Error"}>
                {badCredentials ? "The email or password is incorrect." : errorMessage(login.error)}
              </Alert>
            )}
            {setup.data?.needsSetup && (
              <Alert color="blue" role="status" title="No organization yet">
                This instance is empty.{" "}
                <Anchor component={Link} to="/setup" c="inherit" underline="always" fw={600}>
                  Restore a backup
                </Anchor>{" "}
                or create an organization with <code>rapport org create</code>.
              </Alert>
            )}
            {session.isError && (
              <Alert color="yellow" role="alert">
                Could not reach the server: {errorMessage(session.error)}
              </Alert>
            )}
            <TextInput
              label="Email"
              type="email"
              autoComplete="username"
              required
              autoFocus
              value={email}
              onChange={(e) => setEmail(e.currentTarget.value)}
            />
            <PasswordInput
              label="Password"
              autoComplete="current-password"
              required
              value={password}
              onChange={(e) => setPassword(e.currentTarget.value)}
            />
            <Button
              type="submit"
              loading={login.isPending}
              disabled={!email || !password}
              fullWidth
            >
              Sign in
            </Button>
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}
