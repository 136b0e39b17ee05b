export { DEFAULT_GRACE_MINUTES, RotationService, type RotationServiceOptions } from "./rotation-service.js";
export { RotationTracker } from "./rotation-tracker.js";
export { ProviderCredentialSet, type ProviderCredential, type ProviderKeyCredentials } from "./provider-credentials.js";
export { configuredBaseUrl, ProviderKeyConfigSchema, storedConfig, type ProviderKeyConfig } from "./provider-key-config.js";
export { virtualKeyCredential, type VirtualKeyCredential } from "./virtual-key-credential.js";
