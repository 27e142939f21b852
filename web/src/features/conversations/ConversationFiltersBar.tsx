import { Button, Group, Select, TextInput } from "@mantine/core";
import { CHANNEL_LABELS } from "../../components/ChannelBadge";
import { CHANNELS, type Channel } from "../../lib/types";
import { useAgents, useTeams } from "../people/people.api";
import type { ConversationFilters } from "./use-conversation-filters";

const CHANNEL_OPTIONS = CHANNELS.map((c) => ({ value: c, label: CHANNEL_LABELS[c] }));

interface Props {
  filters: ConversationFilters;
  activeCount: number;
  onChange: (patch: Partial<Omit<ConversationFilters, "cursor">>) => void;
  onClear: () => void;
}

export function ConversationFiltersBar({ filters, activeCount, onChange, onClear }: Props) {
  const teams = useTeams();
  const agents = useAgents(filters.teamId);

  const teamOptions = (teams.data ?? []).map((t) => ({ value: t.id, label: t.name }));
  const agentOptions = (agents.data ?? []).map((a) => ({ value: a.id, label: a.name }));
  const rangeInvalid = Boolean(filters.from && filters.to && filters.from > filters.to);

  return (
    <Group
      align="flex-end"
      gap="sm"
      wrap="wrap"
      mb="md"
      role="search"
      aria-label="Filter conversations"
    >
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
        w={{ base: "100%", xs: 180 }}
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
        w={{ base: "100%", xs: 200 }}
        nothingFoundMessage="No agent matches"
        limit={100}
      />
      <TextInput
        label="From"
        type="date"
        value={filters.from ?? ""}
        max={filters.to ?? undefined}
        onChange={(e) => onChange({ from: e.currentTarget.value || null })}
        w={{ base: "100%", xs: 150 }}
      />
      <TextInput
        label="To"
        type="date"
        value={filters.to ?? ""}
        min={filters.from ?? undefined}
        onChange={(e) => onChange({ to: e.currentTarget.value || null })}
        error={rangeInvalid ? "Before “From”" : undefined}
        w={{ base: "100%", xs: 150 }}
      />
      <Button variant="subtle" onClick={onClear} disabled={activeCount === 0}>
        Clear filters
      </Button>
    </Group>
  );
}
