import type { MiddlewareHandler } from "hono";
import { forbidden, unauthorized } from "../lib/errors.js";
import type { AdminEnv, AdminServices } from "./services.js";

/** Lets through only an active admin key, which then rides on the context as `apiKey`. */
export function requireAdminKey(services: Pick<AdminServices, "snapshot">): MiddlewareHandler<AdminEnv> {
  return async (c, next) => {
    const { token, key, expired } = services.snapshot.keyFromHeader(c.req.header("authorization"));
    if (!key) {
      throw unauthorized(token === null ? "Missing admin key: send Authorization: Bearer <admin key>." : expired ? "This API key has expired." : "Invalid or revoked API key.");
    }
    if (key.role !== "admin") throw forbidden("This API key may not use the admin API.", "admin_key_required");
    c.set("apiKey", key);
    await next();
  };
}
