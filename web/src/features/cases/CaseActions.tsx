import {
  Alert,
  Button,
  Group,
  NumberInput,
  Paper,
  Select,
  Stack,
  Textarea,
  Title,
} from "@mantine/core";
import { useState } from "react";
import { errorMessage } from "../../lib/api";
import {
  LEVEL_LABELS,
  STATUS_LABELS,
  useAddNote,
  usePatchCase,
  useUseAuthority,
  type CaseDetail,
} from "./cases.api";

/** Status and escalation changes, carrying the version read (a stale one is refused with 409). */
export function StatusControl({ detail }: { detail: CaseDetail }) {
  const c = detail.case;
  const patch = usePatchCase(c.id);
  const [status, setStatus] = useState<string | null>(null);
  const [level, setLevel] = useState<string | null>(null);
  const levels = Object.entries(LEVEL_LABELS).map(([value, label]) => ({ value, label }));
  return (
    <Paper withBorder p="md">
      <Title order={2} size="h4" mb="sm">
        Status and escalation
      </Title>
      <Group align="flex-end">
        <Select
          label="New status"
          placeholder="Choose"
          data={detail.allowedTransitions.map((s) => ({ value: s, label: STATUS_LABELS[s] }))}
          value={status}
          onChange={setStatus}
          allowDeselect={false}
          w={240}
        />
        <Button
          disabled={!status}
          loading={patch.isPending}
          onClick={() =>
            patch.mutate(
              { version: c.version, status: status as CaseDetail["case"]["status"] },
              { onSuccess: () => setStatus(null) },
            )
          }
        >
          Change status
        </Button>
        <Select
          label="Escalate to"
          placeholder="Level"
          data={levels}
          value={level}
          onChange={setLevel}
          w={200}
        />
        <Button
          variant="light"
          disabled={!level}
          loading={patch.isPending}
          onClick={() =>
            patch.mutate(
              {
                version: c.version,
                escalationLevel: level as CaseDetail["case"]["escalationLevel"],
              },
              { onSuccess: () => setLevel(null) },
            )
          }
        >
          Escalate
        </Button>
      </Group>
      {patch.isError && (
        <Alert color="red" role="alert" mt="sm" title="Not changed">
          {errorMessage(patch.error)}
        </Alert>
      )}
    </Paper>
  );
}

/** The frontline authority options and how they read (the API names them in snake_case). */
export const AUTHORITY_OPTIONS = [
  { value: "refund", label: "Refund" },
  { value: "fee_waiver", label: "Fee waiver" },
  { value: "replacement", label: "Replacement" },
  { value: "goodwill_credit", label: "Goodwill credit" },
];

/** Frontline authority: apply within the limit, or ask for approval above it. */
export function AuthorityForm({ caseId }: { caseId: string }) {
  const use = useUseAuthority(caseId);
  const [option, setOption] = useState<string | null>("refund");
  const [amount, setAmount] = useState<number | string>(0);
  const [reason, setReason] = useState("");
  return (
    <Paper withBorder p="md">
      <Title order={2} size="h4" mb="sm">
        Resolve with authority
      </Title>
      <Stack gap="xs">
        <Group align="flex-end">
          <Select
            label="Option"
            data={AUTHORITY_OPTIONS}
            value={option}
            onChange={setOption}
            w={200}
            allowDeselect={false}
          />
          <NumberInput label="Amount" min={0} value={amount} onChange={setAmount} w={140} />
        </Group>
        <Textarea
          label="Reason"
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          maxLength={2000}
        />
        <Group>
          <Button
            disabled={!option || !(Number(amount) > 0) || reason.trim() === ""}
            loading={use.isPending}
            onClick={() =>
              use.mutate({ option: option as "refund", amount: Number(amount) || 0, reason })
            }
          >
            Apply
          </Button>
        </Group>
        {use.isSuccess && (
          <Alert role="status" color={use.data.outcome === "applied" ? "green" : "yellow"}>
            {use.data.outcome === "applied"
              ? `Applied within your limit${use.data.limit !== null ? ` (${use.data.limit})` : ""}.`
              : "Above your limit: an approval request was sent."}
          </Alert>
        )}
        {use.isError && (
          <Alert role="alert" color="red">
            {errorMessage(use.error)}
          </Alert>
        )}
      </Stack>
    </Paper>
  );
}

export function NoteForm({ caseId }: { caseId: string }) {
  const add = useAddNote(caseId);
  const [text, setText] = useState("");
  return (
    <Paper withBorder p="md">
      <Textarea
        label="Internal note"
        value={text}
        onChange={(e) => setText(e.currentTarget.value)}
        maxLength={10000}
      />
      <Button
        mt="xs"
        variant="default"
        disabled={text.trim() === ""}
        loading={add.isPending}
        onClick={() => add.mutate(text, { onSuccess: () => setText("") })}
      >
        Add note
      </Button>
    </Paper>
  );
}
