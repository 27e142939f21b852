import {
  Anchor,
  Group,
  Paper,
  SegmentedControl,
  SimpleGrid,
  Table,
  Text,
  Title,
} from "@mantine/core";
import { useState } from "react";
import { Link, useNavigate } from "react-router";
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import { PageHeader } from "../components/PageHeader";
import { ErrorState, LoadingState } from "../components/QueryState";
import { AUTHORITY_OPTIONS } from "../features/cases/CaseActions";
import { formatInstant, useCompliance, useOperationsReport } from "../features/cases/cases.api";

/** A bar's drill-down: the /cases query that lists the cases behind it, or null (nothing to list). */
type Drill<T> = (row: T, index: number) => Record<string, string> | null;

function casesHref(row: { label: string }, params: Record<string, string>, title: string) {
  return `/cases?${new URLSearchParams({ ...params, label: `${title}: ${row.label}` })}`;
}

function Chart<T extends { label: string }>({
  title,
  data,
  bars,
  drill,
}: {
  title: string;
  data: T[];
  bars: { key: string; name: string; color: string }[];
  drill: Drill<T>;
}) {
  const navigate = useNavigate();
  const links = data.flatMap((row, i) => {
    const params = drill(row, i);
    return params ? [{ row, href: casesHref(row, params, title) }] : [];
  });
  return (
    <Paper withBorder p="md">
      <Title order={2} size="h4" mb="sm">
        {title}
      </Title>
      <div
        role="img"
        aria-label={`${title}: ${JSON.stringify(data).slice(0, 300)}`}
        style={{ height: 240 }}
      >
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={data}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="label" fontSize={11} />
            <YAxis allowDecimals={false} fontSize={11} />
            <Tooltip />
            <Legend />
            {bars.map((b) => (
              <Bar
                key={b.key}
                dataKey={b.key}
                name={b.name}
                fill={b.color}
                cursor="pointer"
                onClick={(_, i) => {
                  const link = links.find((l) => l.row === data[i]);
                  if (link) void navigate(link.href);
                }}
              />
            ))}
          </BarChart>
        </ResponsiveContainer>
      </div>
      {links.length > 0 && (
        <Group gap="xs" mt="xs" component="nav" aria-label={`Cases behind ${title}`}>
          <Text size="xs" c="dimmed">
            Cases:
          </Text>
          {links.map((l) => (
            <Anchor key={l.row.label} component={Link} to={l.href} size="xs">
              {l.row.label}
            </Anchor>
          ))}
        </Group>
      )}
    </Paper>
  );
}

const DAY_MS = 86_400_000;
const AGE_DAYS = [0, 1, 3, 7, 14, 30];
const MINUTES = [0, 60, 240, 480, 960, 2400, 4800];

/** Open cases whose age falls in the backlog bucket `i`. */
function ageDrill(i: number, now: number) {
  const params: Record<string, string> = {
    open: "true",
    openedTo: new Date(now - AGE_DAYS[i]! * DAY_MS).toISOString(),
  };
  if (i + 1 < AGE_DAYS.length)
    params.openedFrom = new Date(now - AGE_DAYS[i + 1]! * DAY_MS).toISOString();
  return params;
}

/** Cases resolved since `from` whose time to first response or resolution is in bucket `i`. */
function minutesDrill(timeTo: string, i: number, from: string) {
  const params: Record<string, string> = { timeTo, resolvedFrom: from };
  if (i > 0) params.minutesFrom = String(MINUTES[i]);
  if (i + 1 < MINUTES.length) params.minutesTo = String(MINUTES[i + 1]);
  return params;
}

export default function CaseReportsPage() {
  const [by, setBy] = useState("team");
  const compliance = useCompliance(by);
  const ops = useOperationsReport();
  const [now] = useState(() => Date.now());
  const opsFrom = new Date(now - 90 * DAY_MS).toISOString();
  if (compliance.isPending || ops.isPending) return <LoadingState label="Loading case reports…" />;
  if (compliance.isError) return <ErrorState error={compliance.error} />;
  if (ops.isError) return <ErrorState error={ops.error} />;
  return (
    <>
      <PageHeader
        title="Case reports"
        description="SLA compliance, response and resolution times, backlog, breaches and authority."
      />
      <SegmentedControl
        aria-label="Compliance by"
        mb="sm"
        value={by}
        onChange={setBy}
        data={[
          { value: "team", label: "By team" },
          { value: "channel", label: "By channel" },
          { value: "category", label: "By category" },
        ]}
      />
      <SimpleGrid cols={{ base: 1, lg: 2 }}>
        <Chart
          title="SLA compliance (%)"
          data={compliance.data.items}
          bars={[
            { key: "firstResponseCompliance", name: "First response met", color: "#1c7ed6" },
            { key: "resolutionCompliance", name: "Resolution met", color: "#2f9e44" },
          ]}
          drill={(row) => {
            const key = row.key;
            return key
              ? { [by === "team" ? "teamId" : by]: key, resolvedFrom: compliance.data.from }
              : null;
          }}
        />
        <Chart
          title="Backlog ageing"
          data={ops.data.backlog}
          bars={[
            { key: "cases", name: "Open cases", color: "#1c7ed6" },
            { key: "breached", name: "Breached", color: "#c92a2a" },
          ]}
          drill={(_, i) => ageDrill(i, now)}
        />
        <Chart
          title="Time to first response"
          data={ops.data.timeToFirstResponse}
          bars={[{ key: "cases", name: "Cases", color: "#5f3dc4" }]}
          drill={(_, i) => minutesDrill("firstResponse", i, opsFrom)}
        />
        <Chart
          title="Time to resolution"
          data={ops.data.timeToResolution}
          bars={[{ key: "cases", name: "Cases", color: "#e8590c" }]}
          drill={(_, i) => minutesDrill("resolution", i, opsFrom)}
        />
      </SimpleGrid>
      <Paper withBorder p="md" mt="md">
        <Title order={2} size="h4" mb="sm">
          Recent breaches
        </Title>
        <Anchor
          component={Link}
          to={casesHref({ label: "every breached case" }, { breached: "true" }, "Breaches")}
          size="sm"
        >
          All breached cases
        </Anchor>
        <Table aria-label="Recent breaches">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Case</Table.Th>
              <Table.Th scope="col">Severity</Table.Th>
              <Table.Th scope="col">Breached</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {ops.data.breaches.slice(0, 15).map((b) => (
              <Table.Tr key={b.id}>
                <Table.Td>
                  <Anchor component={Link} to={`/cases/${b.id}`}>
                    {b.reference} {b.title}
                  </Anchor>
                </Table.Td>
                <Table.Td>{b.severity}</Table.Td>
                <Table.Td>{formatInstant(b.breachedAt)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Paper>
      <Paper withBorder p="md" mt="md">
        <Title order={2} size="h4" mb="sm">
          Authority use
        </Title>
        <Table aria-label="Authority use">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Option</Table.Th>
              <Table.Th scope="col">How</Table.Th>
              <Table.Th scope="col">Uses</Table.Th>
              <Table.Th scope="col">Amount</Table.Th>
              <Table.Th scope="col">Reopened</Table.Th>
              <Table.Th scope="col">Satisfied after (answers)</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {ops.data.authority.map((a) => {
              const option = AUTHORITY_OPTIONS.find((o) => o.value === a.option)?.label ?? a.option;
              return (
                <Table.Tr key={`${a.option}-${a.approved}`}>
                  <Table.Td>
                    <Anchor
                      component={Link}
                      to={casesHref({ label: option }, { authorityOption: a.option }, "Authority")}
                    >
                      {option}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{a.approved.replaceAll("_", " ")}</Table.Td>
                  <Table.Td>{a.uses}</Table.Td>
                  <Table.Td>{a.amount}</Table.Td>
                  <Table.Td>{a.reopenRate === null ? "—" : `${a.reopenRate} %`}</Table.Td>
                  <Table.Td>
                    {a.satisfiedAfterRate === null
                      ? "no answers yet"
                      : `${a.satisfiedAfterRate} % (${a.answeredAfter})`}
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Paper>
    </>
  );
}
