import {
  ActionIcon,
  Alert,
  Button,
  Group,
  Modal,
  Select,
  Stack,
  Text,
  TextInput,
} from "@mantine/core";
import { useState, type FormEvent } from "react";
import { errorMessage } from "../../lib/api";
import { usePatchRule, type AssistRule } from "./assist.api";
import {
  changeType,
  CONDITION_TYPES,
  RULE_SIGNALS,
  toConditions,
  toDraft,
  type ConditionDraft,
  type ConditionType,
} from "./rule-condition-draft";

const TYPE_OPTIONS = Object.entries(CONDITION_TYPES).map(([value, t]) => ({
  value,
  label: t.label,
}));
const SIGNAL_OPTIONS = RULE_SIGNALS.map((s) => ({ value: s, label: s.replaceAll("_", " ") }));

function ConditionRow({
  draft,
  index,
  onChange,
  onRemove,
}: {
  draft: ConditionDraft;
  index: number;
  onChange: (d: ConditionDraft) => void;
  onRemove: () => void;
}) {
  const kind = CONDITION_TYPES[draft.type];
  const n = index + 1;
  return (
    <Group align="flex-end" wrap="nowrap">
      <Select
        label={`Condition ${n}`}
        data={TYPE_OPTIONS}
        value={draft.type}
        allowDeselect={false}
        onChange={(v) => v && onChange(changeType(draft, v as ConditionType))}
        w={240}
      />
      {kind.value === "signal" ? (
        <Select
          label={`Signal of condition ${n}`}
          data={SIGNAL_OPTIONS}
          value={draft.value}
          allowDeselect={false}
          onChange={(v) => v && onChange({ ...draft, value: v })}
          style={{ flex: 1 }}
        />
      ) : (
        <TextInput
          label={`Value of condition ${n}`}
          description={kind.hint}
          value={draft.value}
          onChange={(e) => onChange({ ...draft, value: e.currentTarget.value })}
          style={{ flex: 1 }}
        />
      )}
      <ActionIcon
        variant="subtle"
        color="red"
        size="lg"
        aria-label={`Remove condition ${n}`}
        onClick={onRemove}
      >
        ×
      </ActionIcon>
    </Group>
  );
}

/** Edits a rule's conditions: all must hold for the rule to propose its action or offer. */
export function RuleConditionsModal({ rule, onClose }: { rule: AssistRule; onClose: () => void }) {
  const [drafts, setDrafts] = useState<ConditionDraft[]>(() => rule.conditions.map(toDraft));
  const [problem, setProblem] = useState<string | null>(null);
  const patch = usePatchRule();

  function handleSubmit(event: FormEvent) {
    event.preventDefault();
    const result = toConditions(drafts);
    if ("problem" in result) {
      setProblem(result.problem);
      return;
    }
    setProblem(null);
    patch.mutate({ id: rule.id, conditions: result.conditions }, { onSuccess: onClose });
  }

  const update = (i: number, d: ConditionDraft) =>
    setDrafts((all) => all.map((x, j) => (j === i ? d : x)));
  return (
    <Modal opened onClose={onClose} title={`Conditions of ${rule.name}`} centered size="xl">
      <form onSubmit={handleSubmit}>
        <Stack>
          <Text size="sm">
            The rule proposes “{rule.title}” when all of these hold for the conversation.
          </Text>
          {drafts.map((d, i) => (
            <ConditionRow
              key={i}
              draft={d}
              index={i}
              onChange={(next) => update(i, next)}
              onRemove={() => setDrafts((all) => all.filter((_, j) => j !== i))}
            />
          ))}
          <Group>
            <Button
              variant="light"
              onClick={() => setDrafts((all) => [...all, { type: "keyword", value: "" }])}
            >
              Add condition
            </Button>
          </Group>
          {(problem ?? patch.error) && (
            <Alert color="red" role="alert">
              {problem ?? errorMessage(patch.error)}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={patch.isPending}>
              Save conditions
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
