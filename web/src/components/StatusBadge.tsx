import { Badge } from "@mantine/core";
import type { ConversationStatus } from "../lib/types";

const STATUS_COLORS: Record<ConversationStatus, string> = {
  open: "blue",
  pending: "yellow",
  resolved: "green",
  closed: "gray",
};

export function StatusBadge({ status }: { status: ConversationStatus }) {
  return (
    <Badge color={STATUS_COLORS[status] ?? "gray"} variant="dot" radius="sm">
      {status}
    </Badge>
  );
}
