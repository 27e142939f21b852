import { Alert, Button, Group, Paper, Table, Text, TextInput } from "@mantine/core";
import { useState } from "react";
import { PageHeader } from "../components/PageHeader";
import { ErrorState, LoadingState } from "../components/QueryState";
import { SlaPolicyForm } from "../features/cases/SlaPolicyForm";
import {
  formatInstant,
  usePreviewSlaPolicy,
  useSlaPolicies,
  type SlaPolicy,
} from "../features/cases/cases.api";

function PreviewRow({ policy }: { policy: SlaPolicy }) {
  const preview = usePreviewSlaPolicy();
  const [openedAt, setOpenedAt] = useState("");
  return (
    <Group gap="xs" align="flex-end">
      <TextInput
        type="datetime-local"
        label={`Opened at (${policy.name})`}
        value={openedAt}
        onChange={(e) => setOpenedAt(e.currentTarget.value)}
      />
      <Button
        size="xs"
        variant="default"
        disabled={!openedAt}
        onClick={() =>
          preview.mutate({ id: policy.id, openedAt: new Date(openedAt).toISOString() })
        }
      >
        Preview
      </Button>
      {preview.isSuccess && (
        <span role="status">
          First response by {formatInstant(preview.data.firstResponseDueAt)}, resolution by{" "}
          {formatInstant(preview.data.resolutionDueAt)}
        </span>
      )}
      {preview.isError && (
        <Alert color="red" role="alert">
          {String(preview.error.message)}
        </Alert>
      )}
    </Group>
  );
}

export default function SlaPoliciesPage() {
  const policies = useSlaPolicies();
  return (
    <>
      <PageHeader
        title="SLA policies"
        description="In precedence order: the first policy that matches a case applies."
      />
      <Paper withBorder p="md" mb="md">
        {policies.isPending ? (
          <LoadingState />
        ) : policies.isError ? (
          <ErrorState error={policies.error} />
        ) : (
          <Table aria-label="SLA policies">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Policy</Table.Th>
                <Table.Th scope="col">Time zone</Table.Th>
                <Table.Th scope="col">Targets</Table.Th>
                <Table.Th scope="col">Preview</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {policies.data.items.map((p) => (
                <Table.Tr key={p.id}>
                  <Table.Th scope="row">{p.name}</Table.Th>
                  <Table.Td>
                    {p.timeZone}
                    {p.holidayFeeds.map((f) => (
                      <Text key={f.url} size="xs" c={f.error ? "red" : "dimmed"}>
                        {f.error
                          ? `Feed failed (${f.error}); keeping ${f.holidays.length} dates`
                          : `Feed: ${f.holidays.length} closed dates`}
                      </Text>
                    ))}
                  </Table.Td>
                  <Table.Td>
                    {p.targets.firstResponseMinutes} / {p.targets.resolutionMinutes} min
                    {p.targets.nextResponseMinutes !== undefined &&
                      `; next ${p.targets.nextResponseMinutes} min`}
                  </Table.Td>
                  <Table.Td>
                    <PreviewRow policy={p} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Paper>
      <SlaPolicyForm />
    </>
  );
}
