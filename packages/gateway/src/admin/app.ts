import { Hono } from "hono";
import { sendableError } from "../http/error-response.js";
import { errorBody } from "../lib/errors.js";
import { apiKeyRoutes } from "./api-keys.js";
import { requireAdminKey } from "./require-admin-key.js";
import { auditRoutes } from "./audit.js";
import { auditVerifyExportRoutes } from "./audit-verify-export.js";
import { catalog } from "../catalog/catalog.js";
import { modelRoutes } from "../catalog/models-route.js";
import { providerRoutes } from "../providers/providers-route.js";
import { targetHealthRoutes } from "../routing/target-health.js";
import { costRoutes } from "./costs.js";
import { organisationRoutes } from "./organisation.js";
import { policyRoutes } from "./policies.js";
import { providerKeyRoutes } from "./provider-keys.js";
import { routeConfigRoutes } from "./routes.js";
import type { AdminEnv, AdminServices } from "./services.js";
import { virtualKeyRoutes } from "./virtual-keys.js";

/** The control plane: /api/* for admin keys, and /health for anyone. */
export function adminApp(services: AdminServices, health: () => Promise<{ status: number; body: unknown }>) {
  const app = new Hono<AdminEnv>();

  app.get("/health", async (c) => {
    const { status, body } = await health();
    return c.json(body, status as 200 | 503);
  });

  app.route("/v1/models", modelRoutes(catalog, services.snapshot));
  app.route("/v1/providers", providerRoutes(services.snapshot, services.store));
  app.route("/v1/tenants", providerKeyRoutes(services));

  app.use("/api/*", requireAdminKey(services));

  app.route("/api/virtual-keys", virtualKeyRoutes(services));
  app.route("/api/keys", apiKeyRoutes(services));
  app.route("/api/audit", auditVerifyExportRoutes(services));
  app.route("/api/audit", auditRoutes(services));
  app.route("/api/policies", policyRoutes(services));
  app.route("/api/routes", routeConfigRoutes(services));
  app.route("/api/organisation", organisationRoutes(services));
  app.route("/api/costs", costRoutes(services));
  app.route("/api/health/targets", targetHealthRoutes(services.breaker, services.latency));

  app.notFound((c) => c.json(errorBody(`No route for ${c.req.method} ${c.req.path}.`, "not_found_error", "route_not_found"), 404));
  app.onError((err, c) => {
    const { status, body } = sendableError(err, services.log);
    return c.json(body, status as 400);
  });
  return app;
}
