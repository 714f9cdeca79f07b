import { describe, expect, it } from "vitest";
import { formatWords, linkLabel } from "../../src/chat/format.js";
import { day, say } from "../../src/core/sentence.js";

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

describe("a calendar day in the core's words", () => {
  // 1 February 2027 in Berlin begins on 31 January in UTC.
  const selection = new Date("2027-01-31T23:00:00Z");

  it("is the reader's day when it is an event's", () => {
    expect(formatWords(say`Decided on ${day(selection)}.`, "UTC")).toContain("2027-01-31");
  });

  it("is the program's day when it is of a term's timeline, whatever the reader's zone", () => {
    for (const reader of ["UTC", "America/Los_Angeles", "Asia/Tokyo"])
      expect(formatWords(say`Due by ${day(selection, "Europe/Berlin")}.`, reader)).toContain("2027-02-01");
  });
});
