import type { PublicProfile } from "@kabinet/contracts";
import { schema, sql } from "@kabinet/db";

const { users } = schema;

/** The columns of a person's public card, read wherever someone else is shown. */
export const cardColumns = {
  id: users.id,
  displayName: sql<string>`coalesce(${users.displayName}, ${users.firstName} || ' ' || ${users.lastName})`,
  pic: users.avatarUrl,
  confirmed: users.confirmed,
  karma: users.karma,
};

export interface CardRow {
  id: number;
  displayName: string;
  pic: string | null;
  confirmed: boolean;
  karma: number;
}

export type PersonCard = Omit<PublicProfile, "bio">;

export function toCard(row: CardRow): PersonCard {
  return {
    user_id: row.id,
    display_name: row.displayName,
    pic: row.pic,
    confirmed: row.confirmed,
    karma: row.karma,
  };
}
