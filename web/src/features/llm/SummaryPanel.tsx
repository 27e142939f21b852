import { Badge, Button, Group, Paper, Stack, Text, Title } from "@mantine/core";
import { errorMessage } from "../../lib/api";
import { useSummarise, type ConversationSummaryText } from "./llm.api";

const REASONS: Record<NonNullable<ConversationSummaryText["fallbackReason"]>, string> = {
  disabled: "no language model is configured",
  unavailable: "the language model could not answer",
  timeout: "the language model took too long",
};

/** "Summarise": the wrap-up summary, saying whether the language model or the engine wrote it. */
export function SummaryPanel({ conversationId }: { conversationId: string }) {
  const summarise = useSummarise(conversationId);
  const result = summarise.data;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="summary-title">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={2} size="h4" id="summary-title">
            Wrap-up summary
          </Title>
          <Button size="xs" loading={summarise.isPending} onClick={() => summarise.mutate()}>
            Summarise
          </Button>
        </Group>
        {summarise.isError && (
          <Text c="red" size="sm" role="alert">
            {errorMessage(summarise.error)}
          </Text>
        )}
        {result && (
          <Stack gap={6} role="status" aria-label="Summary">
            <Text size="sm">{result.summary}</Text>
            <Group gap="xs">
              <Badge variant="light" color={result.source === "llm" ? "blue" : "gray"}>
                {result.source === "llm" ? `Language model: ${result.model}` : "Extractive"}
              </Badge>
              {result.fallbackReason && (
                <Text size="xs" c="dimmed">
                  Built from the analysis because {REASONS[result.fallbackReason]}.
                </Text>
              )}
            </Group>
          </Stack>
        )}
      </Stack>
    </Paper>
  );
}
