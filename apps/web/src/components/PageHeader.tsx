import { Group, Stack, Text, Title, type MantineSpacing } from "@mantine/core";
import type { ReactNode } from "react";

interface PageHeaderProps {
  title: string;
  /** A line under the title, on what the page is for. */
  hint?: string;
  centered?: boolean;
  /** Between the title and the hint. */
  gap?: MantineSpacing;
  /** The page's actions, on the right. */
  children?: ReactNode;
}

/** A page's heading. */
export function PageHeader({ title, hint, centered, gap = 4, children }: PageHeaderProps) {
  const heading = (
    <Stack gap={gap} ta={centered ? "center" : undefined}>
      <Title order={1} fz="h2">
        {title}
      </Title>
      {hint && (
        <Text size="sm" c="dimmed">
          {hint}
        </Text>
      )}
    </Stack>
  );
  if (!children) return heading;
  return (
    <Group justify="space-between">
      {heading}
      {children}
    </Group>
  );
}
