import { Button, Code, CopyButton, Group } from "@mantine/core";

/** A value shown in full, wrapped anywhere so a long key or URL never overflows the modal. */
export function ShownOnceValue({ label, value }: { label: string; value: string }) {
  return (
    <Code block aria-label={label} style={{ overflowWrap: "anywhere", whiteSpace: "pre-wrap" }}>
      {value}
    </Code>
  );
}

/** Copy the secret, then confirm it is stored: the only way out of a shown-once secret. */
export function ShownOnceActions({
  value,
  copyLabel,
  onDone,
}: {
  value: string;
  copyLabel: string;
  onDone: () => void;
}) {
  return (
    <Group justify="flex-end">
      <CopyButton value={value} timeout={2000}>
        {({ copied, copy }) => (
          <Button color={copied ? "teal" : "indigo"} variant="light" onClick={copy}>
            {copied ? "Copied" : copyLabel}
          </Button>
        )}
      </CopyButton>
      <Button onClick={onDone}>I have stored it</Button>
    </Group>
  );
}
