import { Anchor, Table, Text, type TableProps } from "@mantine/core";
import type { ReactNode } from "react";
import { Link } from "react-router";

interface DataTableProps extends Omit<TableProps, "children"> {
  /** Names the table for assistive technology. */
  label: string;
  /** Below this width the table scrolls sideways instead of squeezing its columns. */
  minWidth: number;
  /** The column headings; an empty one for a column of actions. */
  columns: ReactNode[];
  /** The rows. */
  children: ReactNode;
}

/**
 * A list of an admin page as a table: its headings and its rows, striped, scrolling sideways on
 * narrow screens.
 */
export function DataTable({ label, minWidth, columns, children, ...table }: DataTableProps) {
  return (
    <Table.ScrollContainer minWidth={minWidth}>
      <Table striped highlightOnHover verticalSpacing="xs" aria-label={label} {...table}>
        <Table.Thead>
          <Table.Tr>
            {columns.map((column, index) => (
              <Table.Th key={index}>{column}</Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>{children}</Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** A cell's text, or a dimmed stand-in when there is none: a dash, or words such as "never". */
export function CellText({ children, empty = "—" }: { children: ReactNode; empty?: string }) {
  const missing = children === null || children === undefined || children === "";
  return (
    <Text size="sm" c={missing ? "dimmed" : undefined}>
      {missing ? empty : children}
    </Text>
  );
}

/** A name that links to its page for those who may open it, and is plain text for the others. */
export function MaybeLink({
  to,
  bold,
  children,
}: {
  /** Where it leads, or nothing for a reader who may not go there. */
  to: string | undefined;
  bold?: boolean;
  children: ReactNode;
}) {
  const fw = bold ? 600 : undefined;
  return to ? (
    <Anchor component={Link} to={to} size="sm" fw={fw}>
      {children}
    </Anchor>
  ) : (
    <Text size="sm" fw={fw}>
      {children}
    </Text>
  );
}
