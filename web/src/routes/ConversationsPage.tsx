import { Button, Group, Loader, Paper, Text } from "@mantine/core";
import { useEffect } from "react";
import { useLocation } from "react-router";
import { PageHeader } from "../components/PageHeader";
import { EmptyMessage, ErrorState, LoadingState } from "../components/QueryState";
import { ConversationFiltersBar } from "../features/conversations/ConversationFiltersBar";
import { ConversationTable } from "../features/conversations/ConversationTable";
import { PAGE_SIZE, useConversations } from "../features/conversations/conversations.api";
import { refusedCursor } from "../features/conversations/conversation-filters";
import { rememberListSearch } from "../features/conversations/list-return";
import { useConversationFilters } from "../features/conversations/use-conversation-filters";

export function ConversationsPage() {
  const location = useLocation();
  const { filters, setFilters, setCursor, clearFilters, activeCount } = useConversationFilters();
  const conversations = useConversations(filters);
  const page = conversations.data;
  useEffect(() => rememberListSearch(location.search), [location.search]);
  useEffect(() => {
    if (filters.cursor && refusedCursor(conversations.error)) {
      setCursor(null, { replace: true });
    }
  }, [filters.cursor, conversations.error, setCursor]);

  function renderBody() {
    if (conversations.isPending) return <LoadingState label="Loading conversations…" />;
    if (conversations.isError) {
      return (
        <ErrorState error={conversations.error} onRetry={() => void conversations.refetch()} />
      );
    }
    if (!page || page.items.length === 0) {
      return (
        <EmptyMessage title="No conversations found">
          {filters.q
            ? "No message matches this search. Try fewer words, or “or” between alternatives."
            : activeCount > 0
              ? "Nothing matches these filters. Widen the date range or clear a filter."
              : "Conversations appear here once a channel is connected or data is imported."}
        </EmptyMessage>
      );
    }
    return <ConversationTable items={page.items} />;
  }

  const hasPrev = Boolean(page?.prevCursor);
  const hasNext = Boolean(page?.nextCursor);

  return (
    <>
      <PageHeader
        title="Conversations"
        description="Newest first across every channel. Satisfaction is predicted from the transcript."
      />
      <ConversationFiltersBar
        filters={filters}
        activeCount={activeCount}
        onChange={setFilters}
        onClear={clearFilters}
      />
      <Paper withBorder p={0} pos="relative" aria-busy={conversations.isFetching}>
        {renderBody()}
      </Paper>
      <Group justify="space-between" mt="sm" wrap="wrap">
        <Group gap="xs">
          {conversations.isFetching && !conversations.isPending && (
            <Loader size="xs" role="status" aria-label="Refreshing" />
          )}
          <Text size="sm" c="dimmed">
            {page && page.items.length > 0
              ? `Showing ${page.items.length} (up to ${PAGE_SIZE} per page)`
              : ""}
          </Text>
        </Group>
        <Group gap="xs">
          <Button
            variant="default"
            disabled={!hasPrev || conversations.isFetching}
            onClick={() => setCursor(page?.prevCursor ?? null)}
          >
            Previous
          </Button>
          <Button
            variant="default"
            disabled={!hasNext || conversations.isFetching}
            onClick={() => {
              setCursor(page?.nextCursor ?? null);
              window.scrollTo({ top: 0 });
            }}
          >
            Next
          </Button>
        </Group>
      </Group>
    </>
  );
}
