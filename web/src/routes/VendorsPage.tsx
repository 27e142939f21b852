import {
  Alert,
  Button,
  Group,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
  Title,
} from "@mantine/core";
import { useState } from "react";
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { PageHeader } from "../components/PageHeader";
import { EmptyMessage, ErrorState, LoadingState } from "../components/QueryState";
import { useSession } from "../features/auth/use-session";
import {
  recentMonths,
  useImportVendorMetrics,
  useVendorComparison,
  useVendors,
  type Vendor,
  type VendorStatement,
} from "../features/insights-people/insights-people.api";
import { errorMessage } from "../lib/api";

const money = (amount: number, currency: string) =>
  new Intl.NumberFormat("en", { style: "currency", currency }).format(amount);

function Statement({ s }: { s: VendorStatement }) {
  const currency = s.contract?.currency ?? "USD";
  return (
    <Paper withBorder p="md">
      <Title order={3} size="h5">
        Monthly statement: {s.vendor.name}, {s.month}
      </Title>
      <Text size="sm" c="dimmed">
        {s.contract
          ? `${s.contract.name}; fee ${money(s.contract.monthlyFee, currency)}`
          : "No contract in effect"}
        {" · "}
        {s.conversations} conversations
      </Text>
      <Table aria-label={`Monthly statement: ${s.vendor.name}`} mt="xs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Service level</Table.Th>
            <Table.Th scope="col">Target</Table.Th>
            <Table.Th scope="col">Actual</Table.Th>
            <Table.Th scope="col">Source</Table.Th>
            <Table.Th scope="col">Credit</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {s.levels.map((l) => (
            <Table.Tr key={l.metric}>
              <Table.Th scope="row">{l.label}</Table.Th>
              <Table.Td>
                {l.target === null ? "—" : `${l.direction === "higher" ? "≥" : "≤"} ${l.target}`}
              </Table.Td>
              <Table.Td>
                {l.actual ?? "no data"}
                {l.met === false && " (missed)"}
              </Table.Td>
              <Table.Td>
                {l.source === "import"
                  ? "Imported"
                  : l.source === "rapport"
                    ? `Rapport (n=${l.sample})`
                    : "—"}
              </Table.Td>
              <Table.Td>
                {l.creditPercent > 0
                  ? `${l.creditPercent}% · ${money(l.creditAmount, currency)}`
                  : "—"}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Text fw={600} mt="xs">
        Penalty owed: {money(s.total.amount, currency)} ({s.total.percent}% of the fee
        {s.total.capped ? ", capped" : ""})
      </Text>
    </Paper>
  );
}

function ImportForm({ vendor }: { vendor: Vendor }) {
  const [csv, setCsv] = useState("month,metric,value\n");
  const upload = useImportVendorMetrics(vendor.id);
  return (
    <Stack gap="xs">
      <Textarea
        label={`Telephony figures for ${vendor.name} (CSV)`}
        description="Header month,metric,value; metrics answer_within, abandonment, qa_score, satisfaction, fcr"
        autosize
        minRows={3}
        value={csv}
        onChange={(e) => setCsv(e.currentTarget.value)}
      />
      <Group>
        <Button size="xs" onClick={() => upload.mutate(csv)} loading={upload.isPending}>
          Import figures for {vendor.name}
        </Button>
      </Group>
      {upload.isError && <Alert color="red">{errorMessage(upload.error)}</Alert>}
      {upload.data && (
        <Alert color={upload.data.errors.length ? "yellow" : "green"}>
          Imported {upload.data.imported} figures
          {upload.data.errors.map((e) => `; line ${e.line}: ${e.message}`).join("")}
        </Alert>
      )}
    </Stack>
  );
}

export default function VendorsPage() {
  const months = recentMonths(6);
  const [month, setMonth] = useState(months[1]!);
  const vendors = useVendors();
  const compare = useVendorComparison(month);
  const isAdmin = useSession().role === "admin";
  if (vendors.isPending || compare.isPending) return <LoadingState label="Loading vendors…" />;
  if (vendors.isError) return <ErrorState error={vendors.error} />;
  if (compare.isError) return <ErrorState error={compare.error} />;
  if (vendors.data.items.length === 0)
    return (
      <EmptyMessage title="No vendors yet">Add outsourced partners through the API.</EmptyMessage>
    );
  const items = compare.data.items;
  const metrics = items[0]?.levels.map((l) => ({ metric: l.metric, label: l.label })) ?? [];
  return (
    <Stack>
      <PageHeader
        title="Vendors"
        description="Outsourced partners against their contracts: service levels, credits owed, side by side."
        actions={
          <Select
            label="Month"
            value={month}
            onChange={(v) => v && setMonth(v)}
            data={months}
            allowDeselect={false}
            w={140}
          />
        }
      />
      <Paper withBorder p="md">
        <Title order={2} size="h4" mb="sm">
          Vendors side by side, {month}
        </Title>
        <Table aria-label="Vendors side by side">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Service level</Table.Th>
              {items.map((s) => (
                <Table.Th scope="col" key={s.vendor.id}>
                  {s.vendor.name}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {metrics.map((m) => (
              <Table.Tr key={m.metric}>
                <Table.Th scope="row">{m.label}</Table.Th>
                {items.map((s) => {
                  const l = s.levels.find((x) => x.metric === m.metric)!;
                  return (
                    <Table.Td key={s.vendor.id}>
                      {l.actual ?? "—"}
                      {l.target !== null && ` / ${l.target}`}
                      {l.met === false && " (missed)"}
                    </Table.Td>
                  );
                })}
              </Table.Tr>
            ))}
            <Table.Tr>
              <Table.Th scope="row">Penalty owed</Table.Th>
              {items.map((s) => (
                <Table.Td key={s.vendor.id}>
                  {money(s.total.amount, s.contract?.currency ?? "USD")}
                </Table.Td>
              ))}
            </Table.Tr>
          </Table.Tbody>
        </Table>
        <div
          role="img"
          aria-label={`Penalty owed in ${month}: ${items.map((s) => `${s.vendor.name} ${s.total.amount}`).join(", ")}`}
          style={{ height: 200 }}
        >
          <ResponsiveContainer width="100%" height="100%">
            <BarChart data={items.map((s) => ({ label: s.vendor.name, amount: s.total.amount }))}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis dataKey="label" fontSize={11} />
              <YAxis fontSize={11} />
              <Tooltip />
              <Bar dataKey="amount" name="Penalty owed" fill="#e8590c" />
            </BarChart>
          </ResponsiveContainer>
        </div>
      </Paper>
      <SimpleGrid cols={{ base: 1, lg: 2 }}>
        {items.map((s) => (
          <Statement key={s.vendor.id} s={s} />
        ))}
      </SimpleGrid>
      <Title order={2} size="h4">
        Contracts
      </Title>
      <SimpleGrid cols={{ base: 1, lg: 2 }}>
        {vendors.data.items.map((v) => (
          <Paper withBorder p="md" key={v.id}>
            <Title order={3} size="h5">
              {v.name}
            </Title>
            <Text size="sm">Teams: {v.teams.map((t) => t.name).join(", ") || "none"}</Text>
            {v.contracts.map((c) => (
              <Text size="sm" key={c.id}>
                {c.name}: from {c.startsOn}
                {c.endsOn ? ` to ${c.endsOn}` : ""}, {money(c.monthlyFee, c.currency)} a month,
                credits capped at {c.capPercent}%; levels:{" "}
                {c.serviceLevels.map((l) => `${l.metric} ${l.target}`).join(", ")}
              </Text>
            ))}
            {isAdmin && <ImportForm vendor={v} />}
          </Paper>
        ))}
      </SimpleGrid>
    </Stack>
  );
}
