import { useMutation, useQueryClient } from "@tanstack/react-query";

import type { FriendRelation, FriendStatus } from "@kabinet/contracts";

import { useTRPC, useTRPCClient } from "../trpc.ts";
import { callOf, listsChanged, type FriendAction } from "./friendship.ts";

export interface FriendActionInput {
  userId: number;
  /** Their name, for what a page says of the action. */
  name: string;
  action: FriendAction;
  /** Our status as the page shows it, before the action. */
  before: FriendStatus;
}

/**
 * Runs a friendship action. The answer is the new status with that person, which is stored as
 * is; of my lists, only those the change shows in are loaded again (the incoming requests
 * behind the menu's count among them), and the action ends once they have been. `onDone` runs
 * then, even where the button pressed has gone with its list entry.
 */
export function useFriendAction(
  onDone?: (relation: FriendRelation, input: FriendActionInput) => void,
) {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ userId, action }: FriendActionInput) =>
      client.friends[callOf[action]].mutate({ user_id: userId }),
    onSuccess: async (relation, input) => {
      queryClient.setQueryData(
        trpc.friends.status.queryKey({ user_id: relation.user_id }),
        relation,
      );
      const lists = { requests: trpc.friends.requests, friends: trpc.friends.list };
      await Promise.all(
        listsChanged(input.before, relation.status).map((list) =>
          queryClient.invalidateQueries({ queryKey: lists[list].pathKey() }),
        ),
      );
      onDone?.(relation, input);
    },
  });
}
