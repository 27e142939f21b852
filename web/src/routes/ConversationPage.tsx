import { Anchor, Grid, Paper, Title } from "@mantine/core";
import { useDocumentTitle } from "@mantine/hooks";
import { Link, useLocation, useParams } from "react-router";
import { EmptyMessage, ErrorState, LoadingState } from "../components/QueryState";
import { ConversationSummaryCard } from "../features/conversations/ConversationSummaryCard";
import { useConversation } from "../features/conversations/conversations.api";
import { MetadataPanel } from "../features/conversations/MetadataPanel";
import { Transcript } from "../features/conversations/Transcript";
import { ApiError } from "../lib/api";

function readListSearch(state: unknown): string {
  if (state && typeof state === "object" && "listSearch" in state) {
    const value = (state as { listSearch: unknown }).listSearch;
    if (typeof value === "string") return value;
  }
  return "";
}

export function ConversationPage() {
  const { id = "" } = useParams();
  const location = useLocation();
  const detail = useConversation(id);
  const backTo = `/conversations${readListSearch(location.state)}`;
  const subject = detail.data?.conversation.subject;
  useDocumentTitle(`${subject?.trim() || "Conversation"} · Rapport`);

  const back = (
    <Anchor component={Link} to={backTo} size="sm" mb="sm" display="inline-block">
      ← Back to conversations
    </Anchor>
  );

  if (detail.isPending) {
    return (
      <>
        {back}
        <LoadingState label="Loading conversation…" />
      </>
    );
  }
  if (detail.isError) {
    if (detail.error instanceof ApiError && detail.error.code === "CONVERSATION_NOT_FOUND") {
      return (
        <>
          {back}
          <EmptyMessage title="Conversation not found">
            It may have been deleted, or the link belongs to another organisation.
          </EmptyMessage>
        </>
      );
    }
    return (
      <>
        {back}
        <ErrorState error={detail.error} onRetry={() => void detail.refetch()} />
      </>
    );
  }

  const { conversation } = detail.data;
  return (
    <>
      {back}
      <ConversationSummaryCard conversation={conversation} />
      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Paper withBorder p="md">
            <Title order={2} size="h4" mb="sm">
              Transcript
            </Title>
            <Transcript
              messages={detail.data.messages}
              customerName={conversation.customer?.name ?? null}
            />
          </Paper>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <MetadataPanel detail={detail.data} />
        </Grid.Col>
      </Grid>
    </>
  );
}
