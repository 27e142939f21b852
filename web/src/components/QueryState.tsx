import { Alert, Button, Center, EmptyState, Loader, Stack, Text } from "@mantine/core";
import type { ReactNode } from "react";
import { ApiError, errorMessage } from "../lib/api";

export function LoadingState({ label = "Loading…" }: { label?: string }) {
  return (
    <Center py="xl" role="status" aria-live="polite">
      <Stack align="center" gap="xs">
        <Loader size="md" />
        <Text size="sm" c="dimmed">
          {label}
        </Text>
      </Stack>
    </Center>
  );
}

interface ErrorStateProps {
  error: unknown;
  title?: string;
  onRetry?: () => void;
}

export function ErrorState({ error, title = "Could not load this", onRetry }: ErrorStateProps) {
  const forbidden = error instanceof ApiError && error.code === "FORBIDDEN";
  return (
    <Alert color="red" title={forbidden ? "You do not have access" : title} role="alert" my="md">
      <Stack gap="xs" align="flex-start">
        <Text size="sm">
          {forbidden ? "Ask an admin for a role that can see this page." : errorMessage(error)}
        </Text>
        {error instanceof ApiError && error.requestId && (
          <Text size="xs" c="dimmed">
            Request id: {error.requestId}
          </Text>
        )}
        {onRetry && !forbidden && (
          <Button size="xs" variant="light" color="red" onClick={onRetry}>
            Try again
          </Button>
        )}
      </Stack>
    </Alert>
  );
}

export function EmptyMessage({ title, children }: { title: string; children?: ReactNode }) {
  return <EmptyState py="xl" title={title} description={children} />;
}
