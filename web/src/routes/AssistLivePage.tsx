import { Badge, Group, Text } from "@mantine/core";
import { useParams } from "react-router";
import { PageHeader } from "../components/PageHeader";
import { AssistPanel } from "../features/assist/AssistPanel";
import { useLiveCall } from "../features/assist/use-live-call";

const STATUS_LABELS = {
  connecting: "Connecting…",
  live: "Live",
  ended: "Call ended",
  not_found: "Waiting for the call to start",
  closed: "Reconnecting…",
} as const;

/** The agent's live panel for a call streamed over /api/v1/live. */
export default function AssistLivePage() {
  const { ref = "" } = useParams();
  const call = useLiveCall(ref);
  return (
    <>
      <PageHeader
        title="Live assist"
        description={
          <Group gap="xs" component="span">
            <Text span size="sm">
              Call {ref}
            </Text>
            <Badge color={call.status === "live" ? "green" : "gray"} role="status">
              {STATUS_LABELS[call.status]}
            </Badge>
          </Group>
        }
      />
      <AssistPanel
        conversationRef={ref}
        messages={call.messages}
        customerExternalId={call.customerExternalId}
      />
    </>
  );
}
