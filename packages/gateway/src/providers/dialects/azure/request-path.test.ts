import { describe, expect, it } from "vitest";
import { azureRequestPath, DEFAULT_AZURE_API_VERSION } from "./request-path.js";

describe("Azure OpenAI request paths", () => {
  it("address a deployment with the api-version from the base URL, or the GA default", () => {
    expect(azureRequestPath("https://res.openai.azure.com/openai", "gpt-4o", "/chat/completions")).toBe(
      `/deployments/gpt-4o/chat/completions?api-version=${DEFAULT_AZURE_API_VERSION}`,
    );
    expect(azureRequestPath("https://res.openai.azure.com/openai?api-version=2024-12-01-preview", "my deployment", "/embeddings")).toBe(
      "/deployments/my%20deployment/embeddings?api-version=2024-12-01-preview",
    );
  });

  it("use OpenAI's own paths on Azure's v1 API", () => {
    expect(azureRequestPath("https://res.openai.azure.com/openai/v1", "gpt-4o", "/chat/completions")).toBe("/chat/completions");
  });
});
