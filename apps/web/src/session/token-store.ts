/**
 * The access token lives in memory only: a reload forgets it and the session is restored
 * from the httpOnly refresh cookie instead.
 */
let accessToken: string | undefined;

export function setAccessToken(token: string): void {
  accessToken = token;
}

export function getAccessToken(): string | undefined {
  return accessToken;
}

export function clearAccessToken(): void {
  accessToken = undefined;
}
