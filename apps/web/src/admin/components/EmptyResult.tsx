import { Paper, Text } from "@mantine/core";

/** What a list says when it has nothing to show. */
export function EmptyResult({ children }: { children: string }) {
  return (
    <Paper withBorder radius="md" p="lg" data-testid="empty">
      <Text c="dimmed" ta="center">
        {children}
      </Text>
    </Paper>
  );
}
