/** Reading the credentials clients send, shared by the dialects that use the same header. */

export function bearerToken(authorization: string | string[] | undefined): string | undefined {
  if (typeof authorization !== "string") return undefined;
  const match = /^Bearer\s+(.+)$/i.exec(authorization.trim());
  return match ? match[1] : undefined;
}

/** A header's single non-empty value; empty or repeated headers count as absent rather than guessing. */
export function headerValue(value: string | string[] | undefined): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}
