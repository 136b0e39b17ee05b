export { loadConfig, type GatewayConfig } from "./config.js";
export { startGateway, createLogger, DEFAULT_ORG_ID, type RunningGateway } from "./gateway.js";
export { Store } from "./store/index.js";
export type { AuditRecord } from "./audit/writer.js";
