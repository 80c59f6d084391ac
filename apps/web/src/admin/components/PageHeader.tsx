import { Group, Title } from "@mantine/core";
import type { ReactNode } from "react";

/** An admin page's heading, with the page's actions on the right. */
export function PageHeader({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <Group justify="space-between">
      <Title order={1} fz="h2">
        {title}
      </Title>
      {children}
    </Group>
  );
}
