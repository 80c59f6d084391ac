import { Avatar } from "@mantine/core";

import type { PublicProfile, User } from "@kabinet/contracts";

/** A whole account, as its owner and administrators see it. */
type AccountFace = Pick<User, "avatar" | "background_color" | "first_name" | "last_name">;
/** Someone as every member sees them: a picture and a name, no colour of their own. */
type PersonFace = Pick<PublicProfile, "pic" | "display_name">;

/** The first letters of a name's first two words: "Анна Смирнова" is "АС", "Nina" is "N". */
export function initialsOf(name: string): string {
  return name
    .trim()
    .split(/\s+/)
    .slice(0, 2)
    .map((word) => Array.from(word)[0] ?? "")
    .join("")
    .toUpperCase();
}

function faceOf(user: AccountFace | PersonFace) {
  if ("pic" in user) {
    return { src: user.pic, color: "indigo", initials: initialsOf(user.display_name) };
  }
  return {
    src: user.avatar,
    color: user.background_color ?? "indigo",
    initials: `${initialsOf(user.first_name).charAt(0)}${initialsOf(user.last_name).charAt(0)}`,
  };
}

/**
 * A person's picture, or their initials on the colour they chose (the theme's indigo for someone
 * seen from outside, whose colour is not public). The initials are black or white, whichever
 * stands out more from that colour (the theme's luminance threshold makes that choice the one
 * with the higher contrast, at least 4.58:1 on any colour). The picture is decoration beside
 * the name it comes with, so it has no text of its own.
 */
export function UserAvatar({ user, size }: { user: AccountFace | PersonFace; size: number }) {
  const { src, color, initials } = faceOf(user);
  return (
    <Avatar src={src} alt="" size={size} radius="xl" color={color} variant="filled" autoContrast>
      {initials}
    </Avatar>
  );
}
