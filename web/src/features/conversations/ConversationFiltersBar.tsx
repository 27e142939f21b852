import { Box, Button, Group, RangeSlider, Select, Stack, Text, TextInput } from "@mantine/core";
import { useEffect, useState } from "react";
import { CHANNEL_LABELS } from "../../components/ChannelBadge";
import { capitalize } from "../../lib/format";
import { CHANNELS, SENTIMENTS, type Channel, type SentimentLabel } from "../../lib/types";
import { ContactReasonSelect } from "../insights/ContactReasonSelect";
import { useAgents, useTeams } from "../people/people.api";
import { satisfactionColor } from "./AnalysisBadges";
import { ConversationSearchBox } from "./ConversationSearchBox";
import { SIGNAL_OPTIONS, isSignalName } from "./signals";
import {
  SATISFACTION_MAX,
  SATISFACTION_MIN,
  type ConversationFilters,
  type FilterPatch,
} from "./conversation-filters";

const CHANNEL_OPTIONS = CHANNELS.map((c) => ({ value: c, label: CHANNEL_LABELS[c] }));
const SENTIMENT_OPTIONS = SENTIMENTS.map((s) => ({ value: s, label: capitalize(s) }));
const SATISFACTION_MARKS = [1, 2, 3, 4, 5].map((value) => ({ value, label: String(value) }));

interface Props {
  filters: ConversationFilters;
  activeCount: number;
  onChange: (patch: FilterPatch) => void;
  onClear: () => void;
}

function SatisfactionRange({ filters, onChange }: Pick<Props, "filters" | "onChange">) {
  const fromUrl: [number, number] = [
    Number(filters.minSatisfaction ?? SATISFACTION_MIN),
    Number(filters.maxSatisfaction ?? SATISFACTION_MAX),
  ];
  const [range, setRange] = useState(fromUrl);
  const [urlMin, urlMax] = fromUrl;
  useEffect(() => setRange([urlMin, urlMax]), [urlMin, urlMax]);

  // The full range is no filter at all: keep the URL clean.
  function handleChangeEnd([min, max]: [number, number]) {
    onChange({
      minSatisfaction: min > SATISFACTION_MIN ? String(min) : null,
      maxSatisfaction: max < SATISFACTION_MAX ? String(max) : null,
    });
  }

  const [min, max] = range;
  const whole = min === SATISFACTION_MIN && max === SATISFACTION_MAX;
  return (
    <Box w={{ base: "100%", xs: 220 }}>
      <Group justify="space-between" gap={4} wrap="nowrap">
        <Text size="sm" fw={500} id="satisfaction-range-label">
          Predicted satisfaction
        </Text>
        <Text
          size="xs"
          c={whole ? "dimmed" : undefined}
          style={{ fontVariantNumeric: "tabular-nums" }}
        >
          {whole ? "any" : `${min}–${max}`}
        </Text>
      </Group>
      <RangeSlider
        aria-labelledby="satisfaction-range-label"
        thumbFromLabel="Minimum predicted satisfaction"
        thumbToLabel="Maximum predicted satisfaction"
        min={SATISFACTION_MIN}
        max={SATISFACTION_MAX}
        step={0.5}
        minRange={0.5}
        marks={SATISFACTION_MARKS}
        value={range}
        onChange={setRange}
        onChangeEnd={handleChangeEnd}
        color={whole ? "gray" : satisfactionColor((min + max) / 2)}
        size="sm"
        mt={6}
        mb="lg"
        label={null}
      />
    </Box>
  );
}

export function ConversationFiltersBar({ filters, activeCount, onChange, onClear }: Props) {
  const teams = useTeams();
  const agents = useAgents(filters.teamId);

  const teamOptions = (teams.data ?? []).map((t) => ({ value: t.id, label: t.name }));
  const agentOptions = (agents.data ?? []).map((a) => ({ value: a.id, label: a.name }));
  const rangeInvalid = Boolean(filters.from && filters.to && filters.from > filters.to);

  return (
    <Stack gap="xs" mb="md" role="search" aria-label="Filter conversations">
      <Group align="flex-start" gap="sm" wrap="wrap">
        <ConversationSearchBox value={filters.q} onSearch={(q) => onChange({ q })} />
        <Select
          label="Customer sentiment"
          placeholder="Any sentiment"
          data={SENTIMENT_OPTIONS}
          value={filters.sentiment}
          onChange={(value) => onChange({ sentiment: (value as SentimentLabel | null) ?? null })}
          clearable
          w={{ base: "100%", xs: 170 }}
        />
        <Select
          label="Signal"
          placeholder="Any signal"
          data={SIGNAL_OPTIONS}
          value={filters.signal}
          onChange={(value) => onChange({ signal: isSignalName(value) ? value : null })}
          clearable
          searchable
          w={{ base: "100%", xs: 200 }}
          nothingFoundMessage="No signal matches"
          maxDropdownHeight={360}
        />
        <SatisfactionRange filters={filters} onChange={onChange} />
      </Group>
      <Group align="flex-end" gap="sm" wrap="wrap">
        <Select
          label="Channel"
          placeholder="All channels"
          data={CHANNEL_OPTIONS}
          value={filters.channel}
          onChange={(value) => onChange({ channel: (value as Channel | null) ?? null })}
          clearable
          w={{ base: "100%", xs: 140 }}
          comboboxProps={{ withinPortal: true }}
        />
        <Select
          label="Team"
          placeholder={teams.isError ? "Unavailable" : "All teams"}
          data={teamOptions}
          value={filters.teamId}
          onChange={(value) => onChange({ teamId: value, agentId: null })}
          clearable
          searchable
          disabled={teams.isError}
          w={{ base: "100%", xs: 170 }}
          nothingFoundMessage="No team matches"
        />
        <Select
          label="Agent"
          placeholder={agents.isError ? "Unavailable" : "All agents"}
          data={agentOptions}
          value={agentOptions.some((o) => o.value === filters.agentId) ? filters.agentId : null}
          onChange={(value) => onChange({ agentId: value })}
          clearable
          searchable
          disabled={agents.isError}
          w={{ base: "100%", xs: 180 }}
          nothingFoundMessage="No agent matches"
          limit={100}
        />
        <TextInput
          label="From"
          type="date"
          value={filters.from ?? ""}
          max={filters.to ?? undefined}
          onChange={(e) => onChange({ from: e.currentTarget.value || null })}
          w={{ base: "100%", xs: 145 }}
        />
        <TextInput
          label="To"
          type="date"
          value={filters.to ?? ""}
          min={filters.from ?? undefined}
          onChange={(e) => onChange({ to: e.currentTarget.value || null })}
          error={rangeInvalid ? "Before “From”" : undefined}
          w={{ base: "100%", xs: 145 }}
        />
        <ContactReasonSelect
          value={filters.reasonId}
          onChange={(reasonId) => onChange({ reasonId })}
        />
        <Button variant="subtle" onClick={onClear} disabled={activeCount === 0}>
          Clear filters{activeCount > 0 ? ` (${activeCount})` : ""}
        </Button>
      </Group>
    </Stack>
  );
}
