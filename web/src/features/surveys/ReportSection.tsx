import { Paper, Title } from "@mantine/core";
import type { ReactNode } from "react";

/** A titled, labelled panel of the Voice of the customer page. */
export function ReportSection({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Paper withBorder p="md" component="section" aria-label={title}>
      <Title order={2} size="h4" mb="sm">
        {title}
      </Title>
      {children}
    </Paper>
  );
}
