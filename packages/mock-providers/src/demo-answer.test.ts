import { describe, expect, it } from "vitest";
import { answerDeltas, demoAnswerText, firstLimit, planDemoAnswer } from "./demo-answer.js";

const messages = [{ role: "user", content: [{ type: "text", text: "What is the capital of France?" }] }];

describe("planDemoAnswer", () => {
  it("echoes the last user message, read from content parts too", () => {
    const answer = planDemoAnswer(messages);
    expect(answer.pieces.join("")).toBe(demoAnswerText(messages));
    expect(answer.pieces.join("")).toContain('You asked: "What is the capital of France?"');
    expect(answer.truncated).toBe(false);
    expect(answer.promptTokens).toBeGreaterThan(6);
    expect(answer.completionTokens).toBeGreaterThan(10);
  });

  it("stops before the limit and reports the whole limit as spent", () => {
    const answer = planDemoAnswer(messages, 5);
    expect(answer.truncated).toBe(true);
    expect(answer.completionTokens).toBe(5);
    expect(answer.pieces.length).toBeLessThan(planDemoAnswer(messages).pieces.length);
  });

  it("says so when there is no user message", () => {
    expect(demoAnswerText([{ role: "system", content: "x" }])).toContain("no user message");
  });
});

describe("answerDeltas", () => {
  it("groups pieces three at a time and loses nothing", () => {
    expect(answerDeltas({ pieces: ["a", " b", " c", " d"] })).toEqual(["a b c", " d"]);
  });
});

describe("firstLimit", () => {
  it("takes the first non-negative integer", () => {
    expect(firstLimit(undefined, "5", 3.5, 7, 9)).toBe(7);
    expect(firstLimit(null, -1)).toBeUndefined();
    expect(firstLimit(0)).toBe(0);
  });
});
