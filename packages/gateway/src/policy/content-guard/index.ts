export { chatRequestTexts, chatResponseTexts, redactChatRequest, redactChatResponse } from "./chat-texts.js";
export { compileGuard, type CompiledGuard, type GuardSpec } from "./compile-guard.js";
export { ContentGuardError } from "./content-guard-error.js";
export { countFindings, type Finding } from "./finding.js";
export { StreamScanner } from "./stream-scanner.js";
export { nativeTexts, redactNative } from "./native-texts.js";
