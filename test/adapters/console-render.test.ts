import { describe, expect, it } from "vitest";
import { fieldPrompt, renderMessage } from "../../src/adapters/console/render.js";

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

describe("console field prompts", () => {
  const links = { id: "links", label: "Links", kind: "list", required: false } as const;

  it("say an optional field is skipped by an empty answer", () => {
    expect(fieldPrompt(links)).toBe("Links (comma-separated) (optional, empty to skip)\n");
  });

  it("say an empty answer keeps the value offered, not that it skips the field", () => {
    expect(fieldPrompt({ ...links, initial: "https://github.com/mia" })).toBe(
      "Links (comma-separated) (optional) [Enter for https://github.com/mia]\n",
    );
  });
});
