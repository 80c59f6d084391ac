/** The API takes images up to 700 KiB (as base64, under its 960,000-character limit). */
export const AVATAR_MAX_BYTES = 700 * 1024;
export const AVATAR_TYPES = ["image/png", "image/jpeg", "image/webp", "image/gif"] as const;

export type AvatarFileProblem = "avatarTooLarge" | "avatarWrongType";

export function avatarFileProblem(file: { size: number; type: string }): AvatarFileProblem | null {
  if (!(AVATAR_TYPES as readonly string[]).includes(file.type)) return "avatarWrongType";
  if (file.size > AVATAR_MAX_BYTES) return "avatarTooLarge";
  return null;
}

/** Plain base64 of the bytes, without a `data:` prefix; in chunks, since the argument list is bounded. */
export function bytesToBase64(bytes: Uint8Array): string {
  let binary = "";
  const chunk = 0x8000;
  for (let start = 0; start < bytes.length; start += chunk) {
    binary += String.fromCharCode(...bytes.subarray(start, start + chunk));
  }
  return btoa(binary);
}

export async function fileToBase64(file: Blob): Promise<string> {
  return bytesToBase64(new Uint8Array(await file.arrayBuffer()));
}
