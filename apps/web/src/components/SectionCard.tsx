import { Group, Paper, Stack, Text, Title, type MantineSpacing } from "@mantine/core";
import type { ReactNode } from "react";

interface SectionCardProps {
  /** The heading's id: it names the section for assistive technology. */
  titleId: string;
  title: ReactNode;
  /** Beside the title, on the right: a time, a count. */
  aside?: ReactNode;
  /** A dimmed line under the title. */
  hint?: ReactNode;
  gap?: MantineSpacing;
  "data-testid"?: string;
  children: ReactNode;
}

/** A titled part of a page on a bordered card, such as a user's avatar or a device's key actions. */
export function SectionCard({
  titleId,
  title,
  aside,
  hint,
  gap = "md",
  "data-testid": testId,
  children,
}: SectionCardProps) {
  const heading = (
    <Title order={2} fz="h3" id={titleId}>
      {title}
    </Title>
  );
  return (
    <Paper
      withBorder
      radius="md"
      p="lg"
      component="section"
      aria-labelledby={titleId}
      data-testid={testId}
    >
      <Stack gap={gap}>
        {aside ? (
          <Group justify="space-between" align="flex-start">
            {heading}
            {aside}
          </Group>
        ) : (
          heading
        )}
        {hint && (
          <Text size="sm" c="dimmed">
            {hint}
          </Text>
        )}
        {children}
      </Stack>
    </Paper>
  );
}
