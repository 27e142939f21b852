import { Alert, Button, Center, Stack, Text } from "@mantine/core";
import { useRouteError } from "react-router";
import { errorMessage } from "../lib/api";

/** Last-resort boundary: a render error shows a message and a way out instead of a blank page. */
export function RouteError() {
  const error = useRouteError();
  return (
    <Center mih="60vh" p="md">
      <Alert color="red" title="Something went wrong" maw={480} role="alert">
        <Stack gap="sm" align="flex-start">
          <Text size="sm">{errorMessage(error)}</Text>
          <Button variant="light" color="red" onClick={() => window.location.assign("/")}>
            Reload Rapport
          </Button>
        </Stack>
      </Alert>
    </Center>
  );
}
