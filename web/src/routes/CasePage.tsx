import { Anchor, Group, SimpleGrid, Stack, Text } from "@mantine/core";
import { Link, useParams } from "react-router";
import { PageHeader } from "../components/PageHeader";
import { ErrorState, LoadingState } from "../components/QueryState";
import { hasRole } from "../features/auth/permissions";
import { useSession } from "../features/auth/use-session";
import { CaseStatusBadge, LevelBadge, SeverityBadge } from "../features/cases/CaseBadges";
import { AuthorityForm, NoteForm, StatusControl } from "../features/cases/CaseActions";
import { ClocksPanel } from "../features/cases/ClocksPanel";
import { ApprovalsPanel, HistoryPanel, ReviewPanel } from "../features/cases/ReviewAndHistory";
import { useCase } from "../features/cases/cases.api";

export default function CasePage() {
  const { id = "" } = useParams();
  const session = useSession();
  const query = useCase(id);
  if (query.isPending) return <LoadingState label="Loading the case…" />;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  const detail = query.data;
  const c = detail.case;
  const canAct = hasRole(session.role, ["admin", "leader", "agent", "exec"]);
  return (
    <>
      <PageHeader
        title={c.title}
        description={`Case ${c.reference} · opened ${new Date(c.openedAt).toLocaleString()}`}
      />
      <Group mb="md" gap="xs">
        <CaseStatusBadge status={c.status} />
        <SeverityBadge severity={c.severity} />
        <Text size="sm">Escalation level:</Text>
        <LevelBadge level={c.escalationLevel} />
        {detail.conversationIds.map((cid) => (
          <Anchor key={cid} component={Link} to={`/conversations/${cid}`} size="sm">
            Linked conversation
          </Anchor>
        ))}
      </Group>
      <Stack gap="md">
        <ClocksPanel clocks={detail.clocks} />
        {canAct && <StatusControl detail={detail} />}
        <ReviewPanel detail={detail} />
        <ApprovalsPanel
          detail={detail}
          canDecide={hasRole(session.role, ["admin", "leader", "exec"])}
        />
        {canAct && (
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            <AuthorityForm caseId={c.id} />
            <NoteForm caseId={c.id} />
          </SimpleGrid>
        )}
        <HistoryPanel detail={detail} />
      </Stack>
    </>
  );
}
