import { Badge } from "@mantine/core";
import { LEVEL_LABELS, STATUS_LABELS, type Case, type CaseClock } from "./cases.api";

const SEVERITY_COLORS: Record<Case["severity"], string> = {
  low: "gray",
  medium: "blue",
  high: "orange",
  critical: "red",
};
const CLOCK_COLORS: Record<CaseClock["state"], string> = {
  running: "blue",
  paused: "yellow",
  met: "green",
  breached: "red",
};

export function SeverityBadge({ severity }: { severity: Case["severity"] }) {
  return (
    <Badge color={SEVERITY_COLORS[severity]} variant="light" radius="sm">
      {severity}
    </Badge>
  );
}

export function CaseStatusBadge({ status }: { status: Case["status"] }) {
  return (
    <Badge
      variant="dot"
      radius="sm"
      color={status === "resolved" || status === "closed" ? "green" : "blue"}
    >
      {STATUS_LABELS[status]}
    </Badge>
  );
}

export function LevelBadge({ level }: { level: Case["escalationLevel"] }) {
  return (
    <Badge
      variant="outline"
      radius="sm"
      color={level === "executive" ? "grape" : level === "agent" ? "gray" : "orange"}
    >
      {LEVEL_LABELS[level]}
    </Badge>
  );
}

export function ClockStateBadge({ state }: { state: CaseClock["state"] }) {
  return (
    <Badge color={CLOCK_COLORS[state]} radius="sm">
      {state}
    </Badge>
  );
}
