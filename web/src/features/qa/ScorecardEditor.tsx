import {
  Alert,
  Button,
  Checkbox,
  Group,
  NumberInput,
  Paper,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { useState } from "react";
import type { QaBacktest, QaDefinition, QaScorecard } from "../../lib/types";
import { useBacktest, usePublish, useSaveDraft } from "./qa.api";

type Criterion = QaDefinition["sections"][number]["criteria"][number];

function startingDefinition(card: QaScorecard): QaDefinition {
  if (card.draft) return structuredClone(card.draft.definition);
  return {
    name: card.name,
    channels: card.channels as QaDefinition["channels"],
    sections: structuredClone(card.sections),
  };
}

/** A key from a criterion name: "Uses the customer's name" → "uses_the_customer_s_name". */
function keyFrom(name: string): string {
  const k = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "")
    .slice(0, 60);
  return /^[a-z]/.test(k) ? k : `c_${k}`;
}

function BacktestResult({ result }: { result: QaBacktest }) {
  return (
    <Stack gap={4} aria-label="Backtest result" component="section">
      <Text size="sm">
        Backtest over {result.sample} reviewed conversations: mean score {result.draft.mean ?? "—"}{" "}
        (draft) vs {result.current?.mean ?? "—"} (published)
      </Text>
      <Text size="xs" c="dimmed">
        Agreement with reviewers (alpha), draft / published:{" "}
        {result.criteria
          .map((c) => `${c.key} ${c.alpha ?? "—"} / ${c.currentAlpha ?? "—"}`)
          .join("; ")}
      </Text>
    </Stack>
  );
}

/** Edits the next version of a scorecard as a draft, backtests it, then publishes it. */
export function ScorecardEditor({ card }: { card: QaScorecard }) {
  const [definition, setDefinition] = useState<QaDefinition>(() => startingDefinition(card));
  const [newName, setNewName] = useState("");
  const save = useSaveDraft();
  const backtest = useBacktest();
  const publish = usePublish();
  const criteria = definition.sections.flatMap((s) => s.criteria);
  const total = criteria.reduce((sum, c) => sum + (c.weight || 0), 0);
  const draftVersion = save.data?.draft?.version ?? card.draft?.version;
  const backtested = backtest.isSuccess && backtest.data.version === draftVersion;

  const update = (key: string, patch: Partial<Criterion>) =>
    setDefinition((d) => ({
      ...d,
      sections: d.sections.map((s) => ({
        ...s,
        criteria: s.criteria.map((c) => (c.key === key ? { ...c, ...patch } : c)),
      })),
    }));
  const handleAdd = () => {
    const name = newName.trim();
    if (!name) return;
    setDefinition((d) => {
      const sections = [...d.sections];
      const last = sections[sections.length - 1]!;
      sections[sections.length - 1] = {
        ...last,
        criteria: [
          ...last.criteria,
          { key: keyFrom(name), name, weight: 0, scale: "pass_fail", critical: false, rule: null },
        ],
      };
      return { ...d, sections };
    });
    setNewName("");
  };
  const handleSave = () => {
    backtest.reset();
    save.mutate({ card: save.data ?? card, definition });
  };

  return (
    <Paper withBorder p="md" component="section" aria-label={`Edit ${card.name}`}>
      <Title order={2} size="h4" mb="sm">
        {card.name}: version {draftVersion ?? card.version + 1} (draft)
      </Title>
      <Table aria-label="Criteria">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Criterion</Table.Th>
            <Table.Th>Weight</Table.Th>
            <Table.Th>Critical</Table.Th>
            <Table.Th>Answered by</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {criteria.map((c) => (
            <Table.Tr key={c.key}>
              <Table.Td>
                <TextInput
                  aria-label={`Name of ${c.key}`}
                  size="xs"
                  value={c.name}
                  onChange={(e) => update(c.key, { name: e.currentTarget.value })}
                />
              </Table.Td>
              <Table.Td>
                <NumberInput
                  aria-label={`Weight of ${c.name}`}
                  size="xs"
                  w={90}
                  min={0}
                  max={100}
                  value={c.weight}
                  onChange={(v) => update(c.key, { weight: Number(v) || 0 })}
                />
              </Table.Td>
              <Table.Td>
                <Checkbox
                  aria-label={`${c.name} is critical`}
                  checked={c.critical ?? false}
                  onChange={(e) => update(c.key, { critical: e.currentTarget.checked })}
                />
              </Table.Td>
              <Table.Td>{c.rule ? "Automatic rule" : "Reviewer"}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Text size="sm" mt="xs" c={Math.abs(total - 100) < 1e-6 ? undefined : "red.8"} role="status">
        Weights add up to {total} (must be 100)
      </Text>
      <Group align="flex-end" mt="sm">
        <TextInput
          label="New criterion"
          value={newName}
          onChange={(e) => setNewName(e.currentTarget.value)}
        />
        <Button variant="default" onClick={handleAdd}>
          Add criterion
        </Button>
      </Group>
      {save.isError && (
        <Alert color="red" mt="sm">
          {save.error.message}
        </Alert>
      )}
      {publish.isError && (
        <Alert color="red" mt="sm">
          {publish.error.message}
        </Alert>
      )}
      <Group mt="md">
        <Button onClick={handleSave} loading={save.isPending}>
          Save draft
        </Button>
        <Button
          variant="default"
          disabled={!draftVersion || save.isPending}
          loading={backtest.isPending}
          onClick={() => draftVersion && backtest.mutate({ id: card.id, version: draftVersion })}
        >
          Run backtest
        </Button>
        <Button
          color="teal"
          disabled={!backtested}
          loading={publish.isPending}
          onClick={() => draftVersion && publish.mutate({ id: card.id, version: draftVersion })}
        >
          Publish
        </Button>
      </Group>
      {backtest.isSuccess && <BacktestResult result={backtest.data} />}
      {publish.isSuccess && (
        <Text size="sm" mt="sm" role="status">
          Published version {publish.data.version}. Scoring stored conversations in the background.
        </Text>
      )}
    </Paper>
  );
}
