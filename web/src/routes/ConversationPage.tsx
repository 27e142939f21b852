import { Anchor, Grid, Group, Paper, Stack, Switch, Title } from "@mantine/core";
import { useDocumentTitle, useLocalStorage } from "@mantine/hooks";
import { Link, useParams } from "react-router";
import { EmptyMessage, ErrorState, LoadingState } from "../components/QueryState";
import { AnalysisPanel } from "../features/conversations/AnalysisPanel";
import { ConversationSummaryCard } from "../features/conversations/ConversationSummaryCard";
import { SummaryPanel } from "../features/llm/SummaryPanel";
import { useConversation } from "../features/conversations/conversations.api";
import { listReturnPath } from "../features/conversations/list-return";
import { HighlightLegend } from "../features/conversations/HighlightLegend";
import { MetadataPanel } from "../features/conversations/MetadataPanel";
import { ContactReasonPanel } from "../features/insights/ContactReasonPanel";
import { Transcript } from "../features/conversations/Transcript";
import { CustomerPrivacyActions } from "../features/customers/CustomerPrivacyActions";
import { QaPanel } from "../features/qa/QaPanel";
import { ConversationSurveyPanel } from "../features/surveys/ConversationSurveyPanel";
import { ApiError } from "../lib/api";
import type { ConversationDetail } from "../lib/types";
import { conversationTitle } from "../lib/conversation-title";

export function ConversationPage() {
  const { id = "" } = useParams();
  const detail = useConversation(id);
  const [showCues, setShowCues] = useLocalStorage({
    key: "rapport.transcript.sentiment-cues",
    defaultValue: false,
  });
  const backTo = listReturnPath();
  const conversation = detail.data?.conversation;
  useDocumentTitle(
    `${conversation ? conversationTitle(conversation, "Conversation", 60) : "Conversation"} · Rapport`,
  );

  return (
    <>
      <Anchor component={Link} to={backTo} size="sm" mb="sm" display="inline-block">
        ← Back to conversations
      </Anchor>
      {detail.isPending ? (
        <LoadingState label="Loading conversation…" />
      ) : detail.isError ? (
        detail.error instanceof ApiError && detail.error.code === "CONVERSATION_NOT_FOUND" ? (
          <EmptyMessage title="Conversation not found">
            It may have been deleted, or the link belongs to another organisation.
          </EmptyMessage>
        ) : (
          <ErrorState error={detail.error} onRetry={() => void detail.refetch()} />
        )
      ) : (
        <ConversationBody detail={detail.data} showCues={showCues} onShowCues={setShowCues} />
      )}
    </>
  );
}

interface BodyProps {
  detail: ConversationDetail;
  showCues: boolean;
  onShowCues: (show: boolean) => void;
}

/** The loaded conversation: summary, transcript and the panels beside it. */
function ConversationBody({ detail, showCues, onShowCues }: BodyProps) {
  const { conversation } = detail;
  return (
    <>
      <ConversationSummaryCard conversation={conversation} />
      {conversation.customer && <CustomerPrivacyActions customer={conversation.customer} />}
      <ConversationSurveyPanel conversationId={conversation.id} status={conversation.status} />
      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Paper withBorder p="md">
            <Stack gap={6} mb="sm">
              <Group justify="space-between" wrap="wrap">
                <Title order={2} size="h4">
                  Transcript
                </Title>
                <Switch
                  label="Show sentiment cues"
                  checked={showCues}
                  onChange={(e) => onShowCues(e.currentTarget.checked)}
                  size="sm"
                />
              </Group>
              <HighlightLegend withSentimentCues={showCues} />
            </Stack>
            <Transcript
              messages={detail.messages}
              customerName={conversation.customer?.name ?? null}
              showSentimentCues={showCues}
            />
          </Paper>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Stack gap="md">
            <ContactReasonPanel
              conversationId={conversation.id}
              reason={conversation.contactReason}
            />
            <SummaryPanel conversationId={conversation.id} />
            <QaPanel
              conversationId={conversation.id}
              channel={conversation.channel}
              messages={detail.messages}
            />
            <AnalysisPanel detail={conversation.analysisDetail} messages={detail.messages} />
            <MetadataPanel detail={detail} />
          </Stack>
        </Grid.Col>
      </Grid>
    </>
  );
}
