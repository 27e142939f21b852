import { Group, Stack, Text, UnstyledButton } from "@mantine/core";
import type { Message } from "../../lib/types";
import { SignalChip } from "./AnalysisBadges";
import { signalInfo, sortSignals, type SignalSide } from "./signals";

interface SignalCount {
  name: string;
  /** Evidence spans across the conversation. */
  hits: number;
  /** Messages the signal was found in. */
  messages: number;
  maxScore: number;
  firstSeq: number;
}

export function countSignals(messages: Message[]): SignalCount[] {
  const byName = new Map<string, SignalCount>();
  for (const m of [...messages].sort((a, b) => a.seq - b.seq)) {
    for (const s of m.analysis?.signals ?? []) {
      const entry = byName.get(s.name) ?? {
        name: s.name,
        hits: 0,
        messages: 0,
        maxScore: 0,
        firstSeq: m.seq,
      };
      entry.hits += Math.max(1, s.evidence?.length ?? 0);
      entry.messages += 1;
      entry.maxScore = Math.max(entry.maxScore, s.score);
      byName.set(s.name, entry);
    }
  }
  return sortSignals([...byName.values()], (s) => s.name);
}

function scrollToMessage(seq: number) {
  const el = document.getElementById(`message-${seq}`);
  if (!el) return;
  el.scrollIntoView({ behavior: "smooth", block: "center" });
  el.querySelector<HTMLElement>("mark")?.focus({ preventScroll: true });
}

/** Every detected signal with how often it appeared; a click jumps to its first evidence in the transcript. */
export function SignalSummary({ messages }: { messages: Message[] }) {
  const counts = countSignals(messages);
  if (counts.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        No signals detected.
      </Text>
    );
  }
  const sides: SignalSide[] = ["customer", "agent"];
  return (
    <Stack gap="sm">
      {sides.map((side) => {
        const items = counts.filter((c) => signalInfo(c.name).side === side);
        if (items.length === 0) return null;
        return (
          <Stack key={side} gap={4}>
            <Text size="xs" fw={600} c="dimmed" tt="uppercase">
              {side === "customer" ? "Customer" : "Agent"}
            </Text>
            <Stack
              component="ul"
              gap={2}
              p={0}
              m={0}
              style={{ listStyle: "none" }}
              aria-label={`${side === "customer" ? "Customer" : "Agent"} signals`}
            >
              {items.map((c) => (
                <li key={c.name}>
                  <UnstyledButton
                    onClick={() => scrollToMessage(c.firstSeq)}
                    w="100%"
                    py={2}
                    // The name comes from the visible text (WCAG 2.5.3, label in name); the spelled-out counts
                    // are the description and the hover hint.
                    title={`${c.hits} in ${c.messages} message${c.messages === 1 ? "" : "s"}, strongest ${c.maxScore.toFixed(2)}. Show in transcript`}
                  >
                    <Group justify="space-between" wrap="nowrap" gap="xs">
                      <SignalChip name={c.name} />
                      <Text size="xs" c="dimmed" style={{ fontVariantNumeric: "tabular-nums" }}>
                        ×{c.hits} · {c.messages} msg · max {c.maxScore.toFixed(2)}
                      </Text>
                    </Group>
                  </UnstyledButton>
                </li>
              ))}
            </Stack>
          </Stack>
        );
      })}
    </Stack>
  );
}
