import { Select } from "@mantine/core";
import { CAN_VIEW_INSIGHTS, hasRole } from "../auth/permissions";
import { useSession } from "../auth/use-session";
import { useReasons } from "./insights.api";

/**
 * Filters a list by contact reason, in the names the Contact reasons page shows (largest first).
 * Renders nothing for roles that cannot read reasons (agents), or before the first clustering
 * found any.
 */
export function ContactReasonSelect(props: {
  value: string | null;
  onChange: (reasonId: string | null) => void;
  label?: string;
}) {
  const allowed = hasRole(useSession().role, CAN_VIEW_INSIGHTS);
  const reasons = useReasons(1, allowed);
  const items = reasons.data?.items ?? [];
  if (!allowed || items.length === 0) return null;
  return (
    <Select
      label={props.label ?? "Contact reason"}
      placeholder="Any contact reason"
      data={items.map((r) => ({ value: r.id, label: r.name }))}
      value={props.value}
      onChange={props.onChange}
      searchable
      clearable
      w={280}
    />
  );
}
