import { describe, expect, it } from "vitest";
import { renderMessage } from "../../src/adapters/console/render.js";

describe("console messages", () => {
  it("show a section's links with their labels and whole addresses, which a terminal opens", () => {
    const { text } = renderMessage(
      {
        type: "message",
        sections: [{ heading: "Ada", links: [{ label: "GitHub: ada", url: "https://github.com/ada" }] }],
      },
      1,
    );
    expect(text).toBe("\n== Ada\n  Links: GitHub: ada https://github.com/ada");
  });
});
