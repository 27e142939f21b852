import { Anchor, Badge, Group, Paper, Stack, Text } from "@mantine/core";
import { Link } from "react-router";
import { VERDICT_LABELS } from "../insights/insights.api";
import type { IdeaDetail } from "./ideas.api";

type IdeaFix = NonNullable<IdeaDetail["fix"]>;

const VERDICT_COLOR = { worked: "teal", did_not_work: "red", inconclusive: "gray" } as const;

const per1000 = (v: number | null) => (v === null ? "—" : v.toFixed(1));

/** The fix an idea became, with its measured impact (insights) or "not measured yet". */
export function IdeaFixImpact({ fix, canOpen }: { fix: IdeaFix; canOpen: boolean }) {
  const i = fix.impact;
  return (
    <Paper withBorder p="sm" component="section" aria-label="Linked fix">
      <Stack gap={4}>
        <Group gap="xs">
          <Text size="sm" fw={600}>
            Fix:{" "}
            {canOpen ? (
              <Anchor component={Link} to="/fixes" inherit>
                {fix.title}
              </Anchor>
            ) : (
              fix.title
            )}
          </Text>
          <Text size="xs" c="dimmed">
            shipped {fix.shippedAt.slice(0, 10)}
          </Text>
        </Group>
        {i === null ? (
          <Text size="sm">Impact: not measured yet (no conversations since it shipped).</Text>
        ) : (
          <>
            <Group gap="xs">
              <Badge color={VERDICT_COLOR[i.verdict]}>{VERDICT_LABELS[i.verdict]}</Badge>
              {!i.complete && (
                <Text size="xs" c="dimmed">
                  the {i.days} days after shipping are not over yet
                </Text>
              )}
            </Group>
            <Text size="sm">
              Targeted contacts per 1,000: {per1000(i.beforePer1000)} before,{" "}
              {per1000(i.afterPer1000)} after ({i.afterConversations} conversations)
            </Text>
            <Text size="sm">
              Rate ratio {i.rateRatio === null ? "—" : i.rateRatio.toFixed(2)}, 95% interval{" "}
              {i.ci95 ? `${i.ci95[0].toFixed(2)} – ${i.ci95[1].toFixed(2)}` : "too few to say"}
            </Text>
          </>
        )}
      </Stack>
    </Paper>
  );
}
