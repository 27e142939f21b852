import {
  Badge,
  Button,
  Group,
  NumberInput,
  Paper,
  Switch,
  Table,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { useEffect, useState, type FormEvent } from "react";
import { PageHeader } from "../components/PageHeader";
import { EmptyMessage, ErrorState, LoadingState } from "../components/QueryState";
import { CAN_MANAGE_SURVEYS, CAN_VIEW_PULSE_RESULTS, hasRole } from "../features/auth/permissions";
import { PulseSection } from "../features/surveys/PulseSection";
import { useSession } from "../features/auth/use-session";
import { CreateSurveyForm } from "../features/surveys/CreateSurveyForm";
import {
  useBudgetSettings,
  useSaveBudgetSettings,
  useSetSurveyActive,
  useSurveys,
} from "../features/surveys/surveys.api";
import { errorMessage } from "../lib/api";
import { formatDateTime } from "../lib/format";

function BudgetForm({ editable }: { editable: boolean }) {
  const settings = useBudgetSettings();
  const save = useSaveBudgetSettings();
  const [cooldown, setCooldown] = useState<number | string>(30);
  const [zone, setZone] = useState("UTC");
  useEffect(() => {
    if (settings.data) {
      setCooldown(settings.data.cooldownDays);
      setZone(settings.data.defaultTimeZone);
    }
  }, [settings.data]);
  if (settings.isPending) return <LoadingState label="Loading the budget…" />;
  if (settings.isError) return <ErrorState error={settings.error} />;

  function handleSubmit(event: FormEvent) {
    event.preventDefault();
    save.mutate({ ...settings.data!, cooldownDays: Number(cooldown), defaultTimeZone: zone });
  }
  return (
    <form onSubmit={handleSubmit} aria-label="Contact-pressure budget">
      <Group align="flex-start" gap="sm" wrap="wrap">
        <NumberInput
          label="Days between invitations per customer"
          min={0}
          max={3650}
          value={cooldown}
          onChange={setCooldown}
          readOnly={!editable}
          description={editable ? undefined : "Set by an admin"}
          w={260}
        />
        <TextInput
          label="Default time zone (quiet hours)"
          value={zone}
          onChange={(e) => setZone(e.currentTarget.value)}
          readOnly={!editable}
          description={editable ? undefined : "Set by an admin"}
          w={240}
          error={save.isError ? errorMessage(save.error) : undefined}
        />
        {editable && (
          <Button type="submit" mt={25} variant="default" loading={save.isPending}>
            Save budget
          </Button>
        )}
      </Group>
    </form>
  );
}

export default function SurveysPage() {
  const session = useSession();
  const editable = hasRole(session.role, CAN_MANAGE_SURVEYS);
  const surveys = useSurveys();
  const setActive = useSetSurveyActive();

  function renderList() {
    if (surveys.isPending) return <LoadingState label="Loading surveys…" />;
    if (surveys.isError)
      return <ErrorState error={surveys.error} onRetry={() => void surveys.refetch()} />;
    if (surveys.data.length === 0)
      return (
        <EmptyMessage title="No surveys yet">
          {editable ? "Create the first one above." : null}
        </EmptyMessage>
      );
    return (
      <Table aria-label="Surveys" verticalSpacing="xs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Survey</Table.Th>
            <Table.Th>Type</Table.Th>
            <Table.Th>Trigger</Table.Th>
            <Table.Th>Created</Table.Th>
            <Table.Th>Active</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {surveys.data.map((s) => (
            <Table.Tr key={s.id}>
              <Table.Td>{s.name}</Table.Td>
              <Table.Td>{s.type.toUpperCase()}</Table.Td>
              <Table.Td>{String(s.trigger.event).replaceAll("_", " ")}</Table.Td>
              <Table.Td>{formatDateTime(s.createdAt)}</Table.Td>
              <Table.Td>
                {editable ? (
                  <Switch
                    aria-label={`${s.name} active`}
                    checked={s.active}
                    disabled={setActive.isPending}
                    onChange={(e) =>
                      setActive.mutate({ id: s.id, active: e.currentTarget.checked })
                    }
                  />
                ) : (
                  // Those who cannot change it read it: a greyed switch says neither on nor off.
                  <Badge variant="light" color={s.active ? "teal" : "gray"}>
                    {s.active ? "Active" : "Paused"}
                  </Badge>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    );
  }

  return (
    <>
      <PageHeader
        title="Surveys"
        description="CSAT, NPS and CES surveys under one contact-pressure budget."
      />
      {editable && <CreateSurveyForm />}
      <Paper withBorder mb="lg">
        {renderList()}
      </Paper>
      <PulseSection
        editable={editable}
        canSeeResults={hasRole(session.role, CAN_VIEW_PULSE_RESULTS)}
      />
      <Title order={2} size="h4" mb="xs">
        Contact-pressure budget
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        At most one invitation per customer in this many days across every survey; none while a
        follow-up is open; nothing sent in quiet hours.
      </Text>
      <BudgetForm editable={editable} />
    </>
  );
}
