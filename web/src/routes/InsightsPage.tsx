import {
  Anchor,
  Badge,
  Button,
  Checkbox,
  Group,
  List,
  Paper,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { useState } from "react";
import { Link } from "react-router";
import { PageHeader } from "../components/PageHeader";
import { CAN_EDIT_INSIGHTS, hasRole } from "../features/auth/permissions";
import { useSession } from "../features/auth/use-session";
import { errorMessage } from "../lib/api";
import { EmptyMessage, ErrorState, LoadingState } from "../components/QueryState";
import { ReasonTrendChart } from "../features/insights/ReasonTrendChart";
import {
  useMergeReasons,
  useReason,
  useReasons,
  useRenameReason,
  useSplitReason,
  type ContactReason,
} from "../features/insights/insights.api";

/** Contact reasons: weekly trends with spikes, and the leaders' rename, pin, merge and split. */
export default function InsightsPage() {
  const reasons = useReasons();
  // Analysts and executives read reasons; only leaders and admins rename, pin, merge or split them.
  const canEdit = hasRole(useSession().role, CAN_EDIT_INSIGHTS);
  const [openId, setOpenId] = useState<string | null>(null);
  const [toMerge, setToMerge] = useState<string[]>([]);

  function renderBody() {
    if (reasons.isPending) return <LoadingState label="Loading contact reasons…" />;
    if (reasons.isError)
      return <ErrorState error={reasons.error} onRetry={() => void reasons.refetch()} />;
    if (reasons.data.items.length === 0)
      return (
        <EmptyMessage title="No contact reasons yet">
          Reasons are found from customer messages once there are conversations; they refresh
          weekly.
        </EmptyMessage>
      );
    const items = reasons.data.items;
    const open = items.find((r) => r.id === openId) ?? items[0]!;
    return (
      <Stack>
        <Paper withBorder p="md">
          <Table striped>
            <Table.Caption>Contact reasons, largest first</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Reason</Table.Th>
                <Table.Th>Conversations</Table.Th>
                <Table.Th>Last week</Table.Th>
                {canEdit && <Table.Th>Merge</Table.Th>}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((r) => (
                <ReasonRow
                  key={r.id}
                  reason={r}
                  open={r.id === open.id}
                  onOpen={() => {
                    setOpenId(r.id);
                    setToMerge([]);
                  }}
                  canEdit={canEdit}
                  merging={toMerge.includes(r.id)}
                  onMerging={(on) =>
                    setToMerge((cur) => (on ? [...cur, r.id] : cur.filter((x) => x !== r.id)))
                  }
                />
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
        <ReasonPanel
          key={open.id}
          reason={open}
          canEdit={canEdit}
          toMerge={toMerge}
          onMerged={() => setToMerge([])}
        />
      </Stack>
    );
  }

  return (
    <>
      <PageHeader
        title="Contact reasons"
        description="Why customers contact you, found from their own words, with weekly trends and spikes."
      />
      {renderBody()}
    </>
  );
}

function ReasonRow(props: {
  reason: ContactReason;
  open: boolean;
  onOpen: () => void;
  canEdit: boolean;
  merging: boolean;
  onMerging: (on: boolean) => void;
}) {
  const r = props.reason;
  const last = r.trend.at(-2) ?? r.trend.at(-1);
  return (
    <Table.Tr>
      <Table.Td>
        <Group gap="xs">
          <Button
            variant={props.open ? "light" : "subtle"}
            size="compact-sm"
            onClick={props.onOpen}
          >
            {r.name}
          </Button>
          {r.pinned && <Badge color="gray">Pinned</Badge>}
          {r.spike && <Badge color="red">Spike</Badge>}
        </Group>
      </Table.Td>
      <Table.Td>{r.conversations}</Table.Td>
      <Table.Td>{last?.count ?? 0}</Table.Td>
      {props.canEdit && (
        <Table.Td>
          {!props.open && (
            <Checkbox
              aria-label={`Merge ${r.name} into the open reason`}
              checked={props.merging}
              onChange={(e) => props.onMerging(e.currentTarget.checked)}
            />
          )}
        </Table.Td>
      )}
    </Table.Tr>
  );
}

function ReasonPanel(props: {
  reason: ContactReason;
  canEdit: boolean;
  toMerge: string[];
  onMerged: () => void;
}) {
  const r = props.reason;
  const detail = useReason(r.id);
  const rename = useRenameReason();
  const merge = useMergeReasons();
  const split = useSplitReason();
  const [name, setName] = useState(r.name);
  return (
    <Paper withBorder p="md">
      <Title order={2} size="h3" mb="xs">
        {r.name}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        Most telling phrases: {r.terms.slice(0, 6).join(", ")}
      </Text>
      <ReasonTrendChart reason={r} />
      {props.canEdit && (
        <Group mt="md" align="flex-end">
          <TextInput
            label="Reason name"
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
          />
          <Button onClick={() => rename.mutate({ id: r.id, name })} loading={rename.isPending}>
            Save name
          </Button>
          <Switch
            label="Pinned (kept by re-clustering)"
            checked={r.pinned}
            onChange={(e) => rename.mutate({ id: r.id, pinned: e.currentTarget.checked })}
          />
          <Button
            variant="default"
            disabled={props.toMerge.length === 0}
            loading={merge.isPending}
            onClick={() =>
              merge.mutate({ id: r.id, reasonIds: props.toMerge }, { onSuccess: props.onMerged })
            }
          >
            Merge selected into this reason
          </Button>
          <Button variant="default" loading={split.isPending} onClick={() => split.mutate(r.id)}>
            Split in two
          </Button>
        </Group>
      )}
      {[rename, merge, split].map(
        (m, i) =>
          m.isError && (
            <Text key={i} c="red.8" role="alert">
              {errorMessage(m.error)}
            </Text>
          ),
      )}
      <Title order={3} size="h4" mt="md">
        Example conversations
      </Title>
      {detail.data && (
        <List size="sm">
          {detail.data.examples.map((e) => (
            <List.Item key={e.id}>
              <Anchor component={Link} to={`/conversations/${e.id}`}>
                {e.text || "(no customer text)"}
              </Anchor>
            </List.Item>
          ))}
        </List>
      )}
      <Anchor component={Link} to={`/conversations?reasonId=${r.id}`} size="sm" mt="xs">
        All {r.conversations.toLocaleString()} conversations of this reason
      </Anchor>
    </Paper>
  );
}
