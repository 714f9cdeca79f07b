import { describe, expect, it } from "vitest";
import { linkLabel } from "../../src/chat/format.js";

describe("a link's label", () => {
  it("names the site and what the address points to", () => {
    expect(linkLabel("https://github.com/ada")).toBe("GitHub: ada");
    expect(linkLabel("https://www.linkedin.com/in/ada-l/")).toBe("LinkedIn: in/ada-l");
    expect(linkLabel("https://gitlab.com/ada/docs/-/merge_requests/3")).toBe("GitLab: ada/docs/-/merge_requests/3");
    expect(linkLabel("https://ada.dev")).toBe("ada.dev");
    expect(linkLabel(`https://example.org/${"x".repeat(60)}`)).toBe(`example.org: ${"x".repeat(39)}…`);
    expect(linkLabel("not a url")).toBe("not a url");
  });
});
