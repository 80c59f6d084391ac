import { Permission } from "@kabinet/contracts";

export interface PermissionInfo {
  name: string;
  description: string;
  kind: "general" | "device";
}

export interface PermissionOption {
  value: string;
  label: string;
  /** Set on permissions the signed-in person does not hold, and so may not grant. */
  disabled?: true;
}

export interface PermissionOptionGroup {
  group: string;
  items: PermissionOption[];
}

export function isDevicePermission(name: string): boolean {
  return name.startsWith("device:") && Permission.safeParse(name).success;
}

/**
 * A machine permission the user is typing: `device:laser-cutter:use`, or `device:laser-cutter`
 * completed with `:use`. Undefined while the text is not (yet) a valid one.
 */
export function typedDevicePermission(search: string): string | undefined {
  const text = search.trim().toLowerCase();
  if (!text.startsWith("device:")) return undefined;
  const candidate = text.endsWith(":use") ? text : `${text.replace(/:$/, "")}:use`;
  return isDevicePermission(candidate) ? candidate : undefined;
}

/**
 * The picker's options: the catalogue's general permissions, then machine permissions — those
 * the catalogue knows, those already chosen, and the one being typed. Those `mayGrant` refuses
 * are disabled: the server refuses a group with permissions its maker does not hold.
 */
export function permissionOptions(
  catalogue: readonly PermissionInfo[],
  selected: readonly string[],
  search: string,
  labels: { general: string; devices: string },
  mayGrant: (name: string) => boolean = () => true,
): PermissionOptionGroup[] {
  const general = catalogue.filter((item) => item.kind === "general").map((item) => item.name);
  const devices = new Set(
    catalogue.filter((item) => item.kind === "device").map((item) => item.name),
  );
  for (const name of selected) if (!general.includes(name)) devices.add(name);
  const typed = typedDevicePermission(search);
  if (typed) devices.add(typed);
  const option = (name: string): PermissionOption =>
    mayGrant(name) ? { value: name, label: name } : { value: name, label: name, disabled: true };
  const groups: PermissionOptionGroup[] = [{ group: labels.general, items: general.map(option) }];
  if (devices.size > 0)
    groups.push({ group: labels.devices, items: [...devices].sort().map(option) });
  return groups;
}
