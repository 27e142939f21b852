import {
  Button,
  Group,
  NumberInput,
  Paper,
  Select,
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
import {
  useBudgetSettings,
  useCreateSurvey,
  useSaveBudgetSettings,
  useSetSurveyActive,
  useSurveys,
} from "../features/surveys/surveys.api";
import { errorMessage } from "../lib/api";
import { formatDateTime } from "../lib/format";

const TYPES = [
  { value: "csat", label: "CSAT (1–5)" },
  { value: "nps", label: "NPS (0–10)" },
  { value: "ces", label: "CES (1–7, effort)" },
];

const WHEN = [
  { value: "conversation_resolved", label: "A conversation is resolved" },
  { value: "case_closed", label: "A complaint case is closed" },
  { value: "schedule", label: "Every 90 days (relationship)" },
  { value: "manual", label: "Only when sent by hand" },
] as const;
type When = (typeof WHEN)[number]["value"];

function triggerOf(when: When) {
  return when === "schedule" ? { event: when, everyDays: 90 } : { event: when };
}

function CreateSurveyForm() {
  const create = useCreateSurvey();
  const [name, setName] = useState("");
  const [type, setType] = useState<string>("csat");
  const [when, setWhen] = useState<When>("conversation_resolved");

  function handleSubmit(event: FormEvent) {
    event.preventDefault();
    if (!name.trim()) return;
    create.mutate(
      {
        name: name.trim(),
        type: type as "csat" | "nps" | "ces",
        trigger: triggerOf(when),
      },
      { onSuccess: () => setName("") },
    );
  }

  return (
    <form onSubmit={handleSubmit} aria-label="Create a survey">
      <Group align="flex-start" gap="sm" mb="md" wrap="wrap">
        <TextInput
          label="Survey name"
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          w={260}
          error={create.isError ? errorMessage(create.error) : undefined}
        />
        <Select
          label="Type"
          data={TYPES}
          value={type}
          onChange={(v) => setType(v ?? "csat")}
          allowDeselect={false}
          w={200}
        />
        <Select
          label="Send when"
          data={WHEN}
          value={when}
          onChange={(v) => setWhen((v as When | null) ?? "conversation_resolved")}
          allowDeselect={false}
          w={260}
        />
        <Button type="submit" mt={25} loading={create.isPending} disabled={!name.trim()}>
          Create survey
        </Button>
      </Group>
      <Text size="xs" c="dimmed" mb="md">
        Every survey asks the standard question with an optional comment, under the contact-pressure
        budget below.
      </Text>
    </form>
  );
}

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
          disabled={!editable}
          w={260}
        />
        <TextInput
          label="Default time zone (quiet hours)"
          value={zone}
          onChange={(e) => setZone(e.currentTarget.value)}
          disabled={!editable}
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
                <Switch
                  aria-label={`${s.name} active`}
                  checked={s.active}
                  disabled={!editable || setActive.isPending}
                  onChange={(e) => setActive.mutate({ id: s.id, active: e.currentTarget.checked })}
                />
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
