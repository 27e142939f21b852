import { BarChart } from "@mantine/charts";
import {
  Button,
  Code,
  Group,
  Paper,
  Stack,
  Switch,
  Table,
  Text,
  Textarea,
  Title,
} from "@mantine/core";
import { useState } from "react";
import { PageHeader } from "../components/PageHeader";
import { ErrorState, LoadingState } from "../components/QueryState";
import { RuleConditionsModal } from "../features/assist/RuleConditionsModal";
import { CONDITION_TYPES, toDraft } from "../features/assist/rule-condition-draft";
import {
  SIGNAL_LABELS,
  useAdoptCurated,
  usePatchRewrite,
  usePatchRule,
  useRewrites,
  useRuleReport,
  useRules,
  type AssistRewrite,
  type AssistRule,
} from "../features/assist/assist.api";

/** "Customer signal churn threat and Open cases at least 1": a rule's conditions in words. */
function conditionsInWords(rule: AssistRule): string {
  return rule.conditions
    .map(toDraft)
    .map((d) => `${CONDITION_TYPES[d.type].label} ${d.value.replaceAll("_", " ")}`)
    .join(" and ");
}

function RewriteRow({ rewrite, editable }: { rewrite: AssistRewrite; editable: boolean }) {
  const patch = usePatchRewrite();
  const [suggestion, setSuggestion] = useState(rewrite.suggestion);
  return (
    <Table.Tr>
      <Table.Td>{SIGNAL_LABELS[rewrite.signal]}</Table.Td>
      <Table.Td>{rewrite.phrases.join(", ") || "any"}</Table.Td>
      <Table.Td miw={260}>
        {editable ? (
          <Textarea
            aria-label={`Suggestion for ${SIGNAL_LABELS[rewrite.signal]} (${rewrite.phrases.join(", ") || "any"})`}
            autosize
            value={suggestion}
            onChange={(e) => setSuggestion(e.currentTarget.value)}
            onBlur={() =>
              suggestion !== rewrite.suggestion && patch.mutate({ id: rewrite.id, suggestion })
            }
          />
        ) : (
          rewrite.suggestion
        )}
      </Table.Td>
      <Table.Td>{rewrite.principle}</Table.Td>
    </Table.Tr>
  );
}

/** The org's next-best-action rules (with acceptance and outcome) and its rewrite library. */
export default function AssistLibraryPage() {
  const rules = useRules();
  const report = useRuleReport();
  const rewrites = useRewrites();
  const patchRule = usePatchRule();
  const adopt = useAdoptCurated();
  const [editing, setEditing] = useState<AssistRule | null>(null);
  if (rules.isPending || rewrites.isPending) return <LoadingState />;
  if (rules.error) return <ErrorState error={rules.error} />;
  if (rewrites.error) return <ErrorState error={rewrites.error} />;
  const byRule = new Map((report.data?.items ?? []).map((r) => [r.ruleId, r]));
  const chart = (report.data?.items ?? []).map((r) => ({
    rule: r.name,
    used: r.used,
    dismissed: r.dismissed,
  }));
  return (
    <>
      <PageHeader
        title="Assist rules and phrasing"
        description="Next best actions and offers with how agents received them, and the rewrite library behind framing nudges."
      />
      <Stack gap="lg">
        <Paper withBorder p="md" component="section" aria-label="Rules">
          <Title order={2} size="h3" mb="sm">
            Rules
          </Title>
          <Table striped aria-label="Next-best-action rules">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Rule</Table.Th>
                <Table.Th>Proposes</Table.Th>
                <Table.Th>When</Table.Th>
                <Table.Th>Acceptance</Table.Th>
                <Table.Th>Satisfaction when used</Table.Th>
                <Table.Th>Enabled</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rules.data.items.map((rule) => {
                const r = byRule.get(rule.id);
                return (
                  <Table.Tr key={rule.id}>
                    <Table.Td>{rule.name}</Table.Td>
                    <Table.Td>
                      {rule.kind === "offer" ? "Offer: " : ""}
                      {rule.title}
                    </Table.Td>
                    <Table.Td>
                      <Code>{conditionsInWords(rule)}</Code>
                      <Button
                        variant="subtle"
                        size="compact-sm"
                        aria-label={`Edit conditions of ${rule.name}`}
                        onClick={() => setEditing(rule)}
                      >
                        Edit
                      </Button>
                    </Table.Td>
                    <Table.Td>
                      {r?.acceptance === null || r?.acceptance === undefined
                        ? "—"
                        : `${Math.round(r.acceptance * 100)}% of ${r.used + r.dismissed}`}
                    </Table.Td>
                    <Table.Td>{r?.satisfactionUsed?.toFixed(1) ?? "—"}</Table.Td>
                    <Table.Td>
                      <Switch
                        aria-label={`Enable ${rule.name}`}
                        checked={rule.enabled}
                        onChange={(e) =>
                          patchRule.mutate({ id: rule.id, enabled: e.currentTarget.checked })
                        }
                      />
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
          {editing && <RuleConditionsModal rule={editing} onClose={() => setEditing(null)} />}
          {chart.some((c) => c.used + c.dismissed > 0) && (
            <BarChart
              mt="md"
              h={220}
              data={chart}
              dataKey="rule"
              type="stacked"
              series={[
                { name: "used", label: "Used", color: "teal.7" },
                { name: "dismissed", label: "Dismissed", color: "gray.6" },
              ]}
              role="img"
              aria-label="Suggestions used and dismissed per rule"
            />
          )}
        </Paper>
        <Paper withBorder p="md" component="section" aria-label="Rewrite library">
          <Group justify="space-between" mb="sm">
            <Title order={2} size="h3">
              Rewrite library
            </Title>
            {rewrites.data.curated && (
              <Button loading={adopt.isPending} onClick={() => adopt.mutate()}>
                Edit a copy of the curated library
              </Button>
            )}
          </Group>
          {rewrites.data.curated && (
            <Text size="sm" mb="sm">
              Your organization uses the curated library.
            </Text>
          )}
          <Table striped aria-label="Rewrite patterns">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Signal</Table.Th>
                <Table.Th>Phrases</Table.Th>
                <Table.Th>Suggested phrasing</Table.Th>
                <Table.Th>Principle</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rewrites.data.items.map((r) => (
                <RewriteRow key={r.id} rewrite={r} editable={!rewrites.data.curated} />
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
      </Stack>
    </>
  );
}
