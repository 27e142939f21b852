import { Badge } from "@mantine/core";
import type { Channel } from "../lib/types";

export const CHANNEL_COLORS: Record<Channel, string> = {
  phone: "violet",
  email: "blue",
  chat: "teal",
  social: "pink",
  sms: "orange",
  other: "gray",
};

export const CHANNEL_LABELS: Record<Channel, string> = {
  phone: "Phone",
  email: "Email",
  chat: "Chat",
  social: "Social",
  sms: "SMS",
  other: "Other",
};

export function ChannelBadge({ channel }: { channel: Channel }) {
  return (
    <Badge color={CHANNEL_COLORS[channel] ?? "gray"} variant="light" radius="sm">
      {CHANNEL_LABELS[channel] ?? channel}
    </Badge>
  );
}
