// Long lists in pages: every section lands on exactly one page, in order; no page holds more than a Discord
// message can; the buttons lead to the pages beside it and say which command they run again.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { PAGE, paged, pagesOf, pagesOfViews } from "../../src/chat/paging.js";
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

  it("pages an answer of several views as one list: each view's sections in order, every page within limits", () => {
    const view = fc.record({
      title: fc.string({ minLength: 1, maxLength: 80 }),
      text: fc.string({ maxLength: 300 }),
      sections: fc.array(section, { maxLength: 30 }),
      buttons: fc.array(fc.constant({ label: "Approve", action: "stipend.approve", value: "p" }), { maxLength: 2 }),
    }) as fc.Arbitrary<Omit<MessageView, "type">>;
    fc.assert(
      fc.property(fc.array(view, { minLength: 1, maxLength: 12 }), (drafts) => {
        const views: MessageView[] = drafts.map((d) => ({ type: "message", ...d }));
        const pages = pagesOfViews(views);
        // Put back together, the pages give each view's sections, in order, and every view at least once.
        const again = new Map<string, Section[]>();
        for (const page of pages) {
          expect(page.views.length).toBeLessThanOrEqual(PAGE.views);
          const counted = page.views.reduce(
            (n, v) =>
              n + (v.buttons?.length ?? 0) + (v.sections ?? []).reduce((m, s) => m + (s.buttons?.length ?? 0), 0),
            0,
          );
          if (page.last > page.first) expect(counted).toBeLessThanOrEqual(PAGE.buttons);
          for (const v of page.views) again.set(v.title!, [...(again.get(v.title!) ?? []), ...(v.sections ?? [])]);
        }
        for (const v of views) expect(again.get(v.title!)).toEqual(expect.arrayContaining(v.sections ?? []));
        const total = views.reduce((n, v) => n + (v.sections?.length ?? 0), 0);
        expect(pages.reduce((n, p) => n + p.last - p.first + 1, 0)).toBe(total);
        expect(pages.at(-1)!.last).toBe(total);
      }),
    );
  });

  it("says on the dashboard's first page where it is, and puts Previous/Next after its last view", () => {
    const hello: MessageView = { type: "message", title: "Hello, grace", text: "Your dashboard." };
    const payments: MessageView = {
      type: "message",
      title: "Payments",
      sections: Array.from({ length: 7 }, (_, i) => ({
        heading: `Payment ${i + 1}`,
        buttons: [{ label: "Approve", action: "stipend.approve", value: `p${i + 1}` }],
      })),
    };
    const onboarding: MessageView = { type: "message", title: "Onboarding", sections: [{ heading: "Step" }] };
    const first = paged([hello, payments, onboarding], "home", 1) as MessageView[];
    expect(first.map((v) => v.title)).toEqual(["Hello, grace", "Payments"]);
    expect(first[0]!.text).toBe("Your dashboard.\nPage 1 of 2: 1–5 of 8.");
    expect(first.at(-1)!.buttons).toEqual([{ label: "Next", action: "page", value: "2|home" }]);
    const second = paged([hello, payments, onboarding], "home", 2) as MessageView[];
    // The payments' view goes on with its title, and the onboarding's follows.
    expect(second.map((v) => v.title)).toEqual(["Payments", "Onboarding"]);
    expect(second[0]!.text).toBe("Page 2 of 2: 6–8 of 8.");
    expect(second.flatMap((v) => v.sections ?? []).map((s) => s.heading)).toEqual(["Payment 6", "Payment 7", "Step"]);
  });
});
