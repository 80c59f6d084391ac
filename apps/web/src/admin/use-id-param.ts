import { useParams } from "react-router";

/** The `:id` of the URL as the API's positive integer id, or undefined when it is not one. */
export function useIdParam(): number | undefined {
  const { id } = useParams();
  if (!id || !/^[0-9]{1,10}$/.test(id)) return undefined;
  const value = Number(id);
  return value > 0 && value <= 2_147_483_647 ? value : undefined;
}
