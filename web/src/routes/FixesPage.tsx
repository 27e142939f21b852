import {
  Badge,
  Button,
  Group,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { useState, type FormEvent } from "react";
import { ConfirmModal } from "../components/ConfirmModal";
import { PageHeader } from "../components/PageHeader";
import { useConfirmMutation } from "../components/use-confirm-mutation";
import { ErrorState, LoadingState } from "../components/QueryState";
import { CAN_EDIT_INSIGHTS, hasRole } from "../features/auth/permissions";
import { useSession } from "../features/auth/use-session";
import { EditFixModal } from "../features/insights/EditFixModal";
import { ContactReasonSelect } from "../features/insights/ContactReasonSelect";
import { ImpactChart } from "../features/insights/ImpactChart";
import {
  useCreateFix,
  useDeleteFix,
  useFixes,
  useFixImpact,
  VERDICT_LABELS,
  type Fix,
  type FixImpact,
} from "../features/insights/insights.api";

const fmt = (x: number | null | undefined, digits = 2) =>
  x === null || x === undefined ? "–" : x.toFixed(digits);
const ci = (c: [number, number] | null | undefined, digits = 2) =>
  c ? `${c[0].toFixed(digits)} to ${c[1].toFixed(digits)}` : "–";
const VERDICT_COLOR = { worked: "teal", did_not_work: "red", inconclusive: "gray" } as const;

/** The fix registry: register what changed and see its measured impact with 95% intervals. */
/** What a fix targets, every part: its search, its contact reason (as named now), its root cause. */
function targetText(f: Fix): string {
  const parts = [
    f.target.search,
    f.targetReason && `reason: ${f.targetReason.name}`,
    f.target.rootCauseCode && `root cause: ${f.target.rootCauseCode}`,
  ];
  return parts.filter(Boolean).join(" · ") || "—";
}

export default function FixesPage() {
  const fixes = useFixes();
  const canEdit = hasRole(useSession().role, CAN_EDIT_INSIGHTS);
  const [openId, setOpenId] = useState<string | null>(null);
  const [editing, setEditing] = useState<Fix | null>(null);
  const toDelete = useConfirmMutation<Fix>(useDeleteFix());
  const listed = fixes.data?.items ?? [];
  const open = listed.find((f) => f.id === openId)?.id ?? listed[0]?.id ?? null;
  return (
    <>
      <PageHeader
        title="Fixes"
        description="What was changed to remove a cause of contact, and whether it worked."
      />
      <Stack>
        {canEdit && <RegisterFix onCreated={setOpenId} />}
        {fixes.isPending && <LoadingState label="Loading fixes…" />}
        {fixes.isError && <ErrorState error={fixes.error} onRetry={() => void fixes.refetch()} />}
        {fixes.data && (
          <Paper withBorder p="md">
            <Table>
              <Table.Caption>Fixes, newest first</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Fix</Table.Th>
                  <Table.Th>Shipped</Table.Th>
                  <Table.Th>Targets</Table.Th>
                  {canEdit && <Table.Th>Actions</Table.Th>}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {fixes.data.items.map((f) => (
                  <Table.Tr key={f.id}>
                    <Table.Td>
                      <Button
                        variant={f.id === open ? "light" : "subtle"}
                        size="compact-sm"
                        onClick={() => setOpenId(f.id)}
                      >
                        {f.title}
                      </Button>
                    </Table.Td>
                    <Table.Td>{f.shippedAt.slice(0, 10)}</Table.Td>
                    <Table.Td>{targetText(f)}</Table.Td>
                    {canEdit && (
                      <Table.Td>
                        <Group gap="xs" wrap="nowrap">
                          <Button
                            variant="default"
                            size="compact-sm"
                            aria-label={`Edit fix ${f.title}`}
                            onClick={() => setEditing(f)}
                          >
                            Edit
                          </Button>
                          <Button
                            variant="subtle"
                            color="red"
                            size="compact-sm"
                            aria-label={`Delete fix ${f.title}`}
                            onClick={() => toDelete.ask(f)}
                          >
                            Delete
                          </Button>
                        </Group>
                      </Table.Td>
                    )}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Paper>
        )}
        {open && <ImpactPanel id={open} />}
      </Stack>
      {editing && <EditFixModal fix={editing} onClose={() => setEditing(null)} />}
      <ConfirmModal {...toDelete.modalProps} title="Delete this fix?" confirmLabel="Delete fix">
        “{toDelete.target?.title}” and its measured impact are removed; the conversations stay.
      </ConfirmModal>
    </>
  );
}

function RegisterFix({ onCreated }: { onCreated: (id: string) => void }) {
  const create = useCreateFix();
  const [title, setTitle] = useState("");
  const [shipped, setShipped] = useState("");
  const [search, setSearch] = useState("");
  const [reasonId, setReasonId] = useState<string | null>(null);
  function handleSubmit(e: FormEvent) {
    e.preventDefault();
    const target = {
      ...(search.trim() ? { search: search.trim() } : {}),
      ...(reasonId ? { reasonId } : {}),
    };
    create.mutate(
      { title, shippedAt: new Date(`${shipped}T00:00:00Z`).toISOString(), target },
      { onSuccess: (fix) => onCreated(fix.id) },
    );
  }
  return (
    <Paper withBorder p="md" component="form" onSubmit={handleSubmit}>
      <Title order={2} size="h3" mb="xs">
        Register a fix
      </Title>
      <Group align="flex-end">
        <TextInput
          label="What was changed"
          required
          value={title}
          onChange={(e) => setTitle(e.currentTarget.value)}
        />
        <TextInput
          label="Shipped on"
          type="date"
          required
          value={shipped}
          onChange={(e) => setShipped(e.currentTarget.value)}
        />
        <TextInput
          label="Targeted conversations (search)"
          required={reasonId === null}
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
        />
        <ContactReasonSelect label="Or a contact reason" value={reasonId} onChange={setReasonId} />
        <Button type="submit" loading={create.isPending}>
          Register fix
        </Button>
      </Group>
      {create.isError && (
        <Text c="red.8" role="alert">
          {create.error.message}
        </Text>
      )}
    </Paper>
  );
}

function Metric({ label, m }: { label: string; m: FixImpact["complaintRate"] }) {
  return (
    <Table.Tr>
      <Table.Td>{label}</Table.Td>
      <Table.Td>{fmt(m.before.value)}</Table.Td>
      <Table.Td>{fmt(m.after.value)}</Table.Td>
      <Table.Td>{ci(m.difference.ci95)}</Table.Td>
    </Table.Tr>
  );
}

function ImpactPanel({ id }: { id: string }) {
  const impact = useFixImpact(id);
  if (impact.isPending) return <LoadingState label="Measuring impact…" />;
  if (impact.isError)
    return <ErrorState error={impact.error} onRetry={() => void impact.refetch()} />;
  const i = impact.data;
  return (
    <Paper withBorder p="md" aria-label="Measured impact">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h3">
          Measured impact, {i.days} days either side
        </Title>
        <Badge color={VERDICT_COLOR[i.verdict]} size="lg">
          {VERDICT_LABELS[i.verdict]}
        </Badge>
      </Group>
      <SimpleGrid cols={{ base: 1, sm: 3 }} mb="md">
        <Text>
          Before: {fmt(i.before.ratePer1000, 1)} per 1,000 ({i.before.conversations} conversations)
        </Text>
        <Text>
          After: {fmt(i.after.ratePer1000, 1)} per 1,000 ({i.after.conversations} conversations)
        </Text>
        <Text>
          Rate ratio {fmt(i.rateRatio)} (95% CI {ci(i.ci95)})
        </Text>
      </SimpleGrid>
      <Text size="sm" mb="sm">
        Against untargeted conversations over the same weeks (difference in differences):{" "}
        {fmt(i.differenceInDifferences.ratio)} (95% CI {ci(i.differenceInDifferences.ci95)})
      </Text>
      <ImpactChart impact={i} />
      <Table mt="md">
        <Table.Caption>Targeted conversations before and after</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Measure</Table.Th>
            <Table.Th>Before</Table.Th>
            <Table.Th>After</Table.Th>
            <Table.Th>Change, 95% CI</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          <Metric label="Repeat contacts (share)" m={i.repeatContacts} />
          <Metric label="Complaints (share)" m={i.complaintRate} />
          <Metric label="Predicted satisfaction (1–5)" m={i.predictedSatisfaction} />
          <Metric label="Survey satisfaction" m={i.surveySatisfaction} />
        </Table.Tbody>
      </Table>
    </Paper>
  );
}
