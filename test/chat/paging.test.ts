// Long lists in pages: every section lands on exactly one page, in order; no page holds more than a Discord
// message can; the buttons lead to the pages beside it and say which command they run again.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { PAGE, paged, pagesOf } from "../../src/chat/paging.js";
import type { MessageView, Section } from "../../src/chat/views.js";

const section = fc.record({
  heading: fc.string({ maxLength: 60 }),
  lines: fc.array(fc.string({ maxLength: 600 }), { maxLength: 4 }),
  buttons: fc.array(fc.constant({ label: "Verify", action: "task.complete", value: "t" }), { maxLength: 8 }),
}) as fc.Arbitrary<Section>;

describe("paging", () => {
  it("puts every section on one page, in order, each page within the limits unless it holds one section", () => {
    fc.assert(
      fc.property(fc.array(section, { maxLength: 80 }), (sections) => {
        const pages = pagesOf(sections);
        expect(pages.flat()).toEqual(sections);
        for (const page of pages) {
          expect(page.length).toBeGreaterThan(0);
          expect(page.length).toBeLessThanOrEqual(PAGE.sections);
          if (page.length > 1) {
            expect(page.reduce((n, s) => n + (s.buttons?.length ?? 0), 0)).toBeLessThanOrEqual(PAGE.buttons);
          }
        }
      }),
    );
  });

  it("shows one page with buttons to its neighbours that run the command again", () => {
    const list: MessageView = {
      type: "message",
      title: "Applications",
      text: "12 applications.",
      sections: Array.from({ length: 12 }, (_, i) => ({ heading: `Applicant ${i + 1}` })),
    };
    const [second] = paged([list], "applications kernel-docs", 2) as MessageView[];
    expect(second!.sections!.map((s) => s.heading)).toEqual([6, 7, 8, 9, 10].map((i) => `Applicant ${i}`));
    expect(second!.text).toBe("12 applications.\nPage 2 of 3: 6–10 of 12.");
    expect(second!.buttons).toEqual([
      { label: "Previous", action: "page", value: "1|applications kernel-docs" },
      { label: "Next", action: "page", value: "3|applications kernel-docs" },
    ]);
    const [last] = paged([list], "applications kernel-docs", 99) as MessageView[];
    expect(last!.text).toContain("Page 3 of 3: 11–12 of 12.");
    expect(last!.buttons?.map((b) => b.label)).toEqual(["Previous"]);
    const short = { ...list, sections: list.sections!.slice(0, 3) };
    expect(paged([short], "applications", 1)).toEqual([short]);
  });
});
