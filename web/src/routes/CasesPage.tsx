import { Alert, Button, Group, Paper, Select, Switch } from "@mantine/core";
import { useState } from "react";
import { useSearchParams } from "react-router";
import { PageHeader } from "../components/PageHeader";
import { EmptyMessage, ErrorState, LoadingState } from "../components/QueryState";
import { CaseTable } from "../features/cases/CaseTable";
import { DRILL_PARAMS, STATUS_LABELS, useCases } from "../features/cases/cases.api";
import { ContactReasonSelect } from "../features/insights/ContactReasonSelect";
import { LoadMore } from "../components/LoadMore";

const SOURCE_OPTIONS = [
  { value: "conversation", label: "A conversation" },
  { value: "public", label: "The public page" },
  { value: "manual", label: "By hand" },
  { value: "survey", label: "A survey follow-up" },
];
const STATUS_OPTIONS = Object.entries(STATUS_LABELS).map(([value, label]) => ({ value, label }));

/** The case list; with `executive`, the executives' queue of open cases escalated to them. */
export default function CasesPage({ executive = false }: { executive?: boolean }) {
  const [status, setStatus] = useState<string | null>(null);
  const [source, setSource] = useState<string | null>(null);
  const [reasonId, setReasonId] = useState<string | null>(null);
  const [params, setParams] = useSearchParams();
  const [openOnly, setOpenOnly] = useState(executive || params.get("open") === "true");
  const drill = Object.fromEntries(
    DRILL_PARAMS.flatMap((k) => (params.get(k) ? [[k, params.get(k)!]] : [])),
  );
  const cases = useCases({
    status,
    source,
    reasonId,
    open: openOnly,
    escalationLevel: executive ? "executive" : null,
    drill,
  });
  const title = executive ? "Executive queue" : "Cases";

  function renderBody() {
    if (cases.isPending) return <LoadingState label="Loading cases…" />;
    if (cases.isError)
      return <ErrorState error={cases.error} onRetry={() => void cases.refetch()} />;
    const items = cases.data.pages.flatMap((p) => p.items);
    if (items.length === 0)
      return (
        <EmptyMessage title="No cases">
          {executive
            ? "Cases reach this queue when a customer escalates to management or a case is escalated to the executive level."
            : "Cases open when a complaint is detected in a conversation, from the public escalation page, or by hand."}
        </EmptyMessage>
      );
    return (
      <>
        <CaseTable items={items} caption={title} />
        <LoadMore query={cases} label="Load more cases" />
      </>
    );
  }

  return (
    <>
      <PageHeader
        title={title}
        description={
          executive
            ? "Complaints customers escalated to management, and cases escalated to executives."
            : "Complaints and requests with their SLA and regulatory clocks."
        }
      />
      {Object.keys(drill).length > 0 && (
        <Alert mb="sm" title="From the case reports">
          <Group justify="space-between">
            <span>Showing the cases behind: {params.get("label") ?? "a report's bar"}</span>
            <Button variant="light" size="xs" onClick={() => setParams({})}>
              Show all cases
            </Button>
          </Group>
        </Alert>
      )}
      <Group mb="sm" align="flex-end">
        <Select
          label="Status"
          placeholder="Any status"
          data={STATUS_OPTIONS}
          value={status}
          onChange={setStatus}
          clearable
          w={240}
        />
        <Select
          label="Opened from"
          placeholder="Anywhere"
          data={SOURCE_OPTIONS}
          value={source}
          onChange={setSource}
          clearable
          w={220}
        />
        <ContactReasonSelect value={reasonId} onChange={setReasonId} />
        <Switch
          label="Open cases only"
          checked={openOnly}
          onChange={(e) => setOpenOnly(e.currentTarget.checked)}
        />
      </Group>
      <Paper withBorder p={0}>
        {renderBody()}
      </Paper>
    </>
  );
}

export function ExecutiveQueuePage() {
  return <CasesPage executive />;
}
