import { Box, Paper } from "@mantine/core";
import type { ReactNode } from "react";

import { PageHeader } from "./PageHeader.tsx";

export function AuthCard({
  title,
  subtitle,
  children,
  width = 420,
}: {
  title: string;
  subtitle?: string;
  children: ReactNode;
  width?: number;
}) {
  return (
    <Paper withBorder shadow="sm" radius="md" p="xl" maw={width} mx="auto" mt="lg">
      <Box mb="lg">
        <PageHeader title={title} hint={subtitle} gap="xs" />
      </Box>
      {children}
    </Paper>
  );
}
