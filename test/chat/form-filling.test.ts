// The one form-filling state machine the console (a field per line) and Discord (five fields per modal
// step) share, without a database: which field comes next, each answer checked by the form's own check
// and its pick list, the same sentence for the same mistake whatever the step size, and a refused
// submission asking again only the refused fields.
import { z } from "zod";
import { describe, expect, it } from "vitest";
import { FormFilling, notAnOption, type FormSubmitter } from "../../src/chat/form-filling.js";
import { choice, defineForm, field, integer, resolveOption, text } from "../../src/chat/forms.js";
import type { IdentityRef, SubmissionRequest } from "../../src/chat/requests.js";
import type { Field, FormView, SubmitResult } from "../../src/chat/views.js";
import "../../src/chat/commands/term/create.js";

const fields: Field[] = [
  { id: "name", label: "Name", kind: "text", required: true },
  {
    id: "availability",
    label: "Availability",
    kind: "select",
    required: true,
    options: [
      { label: "Full time", value: "full_time" },
      { label: "Part time", value: "part_time" },
    ],
  },
  { id: "hours", label: "Hours a week", kind: "number", required: true, initial: "20" },
  { id: "note", label: "Note", kind: "text", required: false },
];

defineForm({
  id: "test-form-filling",
  title: "Availability",
  submitLabel: "Save",
  fields: {
    name: field("Name", "text", text("Name", 40)),
    availability: field("Availability", "select", choice("availability", ["full_time", "part_time"]), {
      options: fields[1]?.options,
    }),
    hours: field("Hours a week", "number", integer("Hours a week", 1, 60), { initial: "20" }),
    note: field("Note", "text", z.string().optional()),
  },
  submit: async () => [],
});

const view: FormView = {
  type: "form",
  form: "test-form-filling",
  title: "Availability",
  submitLabel: "Save",
  fields,
  context: "ctx-1",
};
const ada: IdentityRef = { platform: "console", externalId: "ada", displayName: "ada" };

/** A chat layer that answers every submission with `result` and remembers what it was sent. */
function submitter(result: SubmitResult): FormSubmitter & { sent: SubmissionRequest[] } {
  const sent: SubmissionRequest[] = [];
  return {
    sent,
    handle: async (_from, request) => {
      sent.push(request);
      return result;
    },
  };
}

const ids = (list: Field[]) => list.map((f) => f.id);

describe("filling in a form a field at a time (the console)", () => {
  it("asks each field in order, reads a pick list by number, label or value, and submits the values", async () => {
    const filling = new FormFilling(view, { blankKeepsInitial: true });
    expect(filling.untouched).toBe(true);
    expect(ids(filling.next())).toEqual(["name"]);
    expect(filling.answer({ name: "Ada" })).toEqual({});
    expect(ids(filling.next())).toEqual(["availability"]);
    expect(filling.answer({ availability: "part time" })).toEqual({});
    expect(filling.values.availability).toBe("part_time");
    // A blank answer keeps the value the prompt offered.
    expect(filling.answer({ hours: "" })).toEqual({});
    expect(filling.values.hours).toBe("20");
    expect(filling.answer({ note: "" })).toEqual({});
    expect(filling.complete).toBe(true);

    const chat = submitter({ ok: true, views: [] });
    expect(await filling.submit(chat, ada, "key-1")).toEqual({ ok: true, views: [] });
    expect(chat.sent).toEqual([
      {
        kind: "submission",
        form: "test-form-filling",
        context: "ctx-1",
        values: { name: "Ada", availability: "part_time", hours: "20", note: "" },
      },
    ]);
  });

  it("asks a refused field again with the form's own sentence, and keeps the answer for correcting", () => {
    const filling = new FormFilling(view, { blankKeepsInitial: true });
    filling.answer({ name: "Ada" });
    expect(filling.answer({ availability: "3" })).toEqual({
      availability: "Availability: choose one of 1 (Full time), 2 (Part time).",
    });
    expect(ids(filling.next())).toEqual(["availability"]);
    filling.answer({ availability: "1" });
    expect(filling.answer({ hours: "500" })).toEqual({ hours: "Hours a week must be a whole number from 1 to 60." });
    expect(filling.values.hours).toBe("500");
    expect(ids(filling.next())).toEqual(["hours"]);
  });

  it.each(["part-time", "Part_Time", " part  time ", "PART TIME (24 weeks)", "part_time"])(
    "reads %j as the option Part time: case, dashes, underscores and spacing aside",
    (typed) => {
      const filling = new FormFilling(view);
      filling.answer({ name: "Ada" });
      expect(filling.answer({ availability: typed })).toEqual({});
      expect(filling.values.availability).toBe("part_time");
    },
  );

  it("refuses a loose answer that names two options, and reads either by its exact label", () => {
    const twins: Field = {
      id: "project",
      label: "Project",
      kind: "select",
      required: true,
      options: [
        { label: "Docs (lfx/2027-spring/docs)", value: "lfx/2027-spring/docs" },
        { label: "Docs (lfx/2027-fall/docs)", value: "lfx/2027-fall/docs" },
      ],
    };
    expect(resolveOption(twins, "docs")).toBeUndefined();
    expect(resolveOption(twins, "Docs (lfx/2027-fall/docs)")).toBe("lfx/2027-fall/docs");
  });

  it.each(["parttime", "part", "time"])("refuses %j, which names no option", (typed) => {
    const filling = new FormFilling(view);
    filling.answer({ name: "Ada" });
    expect(filling.answer({ availability: typed })).toHaveProperty("availability");
  });

  it("ignores answers to fields it is not asking", () => {
    const filling = new FormFilling(view);
    filling.answer({ name: "Ada", nonsense: "x" });
    expect(filling.values).toEqual({ name: "Ada" });
  });
});

describe("rules across fields, checked as the fields are typed (a term's dates)", () => {
  const dates = ["applicationsOpenAt", "applicationsCloseAt", "selectionAt", "startAt", "endAt"];
  const termView: FormView = {
    ...view,
    form: "term-create",
    fields: [
      { id: "name", label: "Term name", kind: "text", required: true },
      {
        id: "kind",
        label: "Kind",
        kind: "select",
        required: true,
        options: [{ label: "Full-time", value: "full_time" }],
      },
      ...dates.map((id): Field => ({ id, label: id, kind: "date", required: id !== "endAt" })),
    ],
  };

  it("names a date out of order when it is typed, asks it again, and keeps the rest", () => {
    const filling = new FormFilling(termView);
    filling.answer({ name: "2027-spring" });
    filling.answer({ kind: "1" });
    expect(filling.answer({ applicationsOpenAt: "2027-01-11" })).toEqual({});
    expect(filling.answer({ applicationsCloseAt: "2027-01-05" })).toEqual({
      applicationsCloseAt: "Applications must close after they open (2027-01-11).",
    });
    expect(ids(filling.next())).toEqual(["applicationsCloseAt"]);
    expect(filling.answer({ applicationsCloseAt: "2027-02-08" })).toEqual({});
    expect(filling.answer({ selectionAt: "2027-02-12" })).toMatchObject({
      selectionAt: expect.stringContaining("14 days"),
    });
    expect(filling.answer({ selectionAt: "2027-02-22" })).toEqual({});
    expect(filling.answer({ startAt: "2027-02-01" })).toMatchObject({
      startAt: expect.stringContaining("on or after"),
    });
    expect(filling.answer({ startAt: "2027-03-01" })).toEqual({});
    expect(filling.answer({ endAt: "2027-03-08" })).toMatchObject({ endAt: expect.stringContaining("not 7") });
    expect(filling.answer({ endAt: "" })).toEqual({});
    expect(filling.complete).toBe(true);
    expect(filling.values).toMatchObject({ applicationsOpenAt: "2027-01-11", applicationsCloseAt: "2027-02-08" });
  });

  it("blames the date just typed, not one accepted before (five at a time, as on Discord)", () => {
    const filling = new FormFilling(termView);
    filling.answer({ name: "2027-spring", kind: "1" });
    // Open and close typed together: close, the later field, is the one asked again.
    expect(
      Object.keys(filling.answer({ applicationsOpenAt: "2027-02-01", applicationsCloseAt: "2027-01-20" })),
    ).toEqual(["applicationsCloseAt"]);
    expect(ids(filling.next(5))).toEqual(["applicationsCloseAt", "selectionAt", "startAt", "endAt"]);
  });
});

describe("filling in a form in steps (Discord's modals)", () => {
  it("asks up to the step's size, the refused fields first, then those not asked yet", () => {
    const filling = new FormFilling(view);
    expect(ids(filling.next(2))).toEqual(["name", "availability"]);
    expect(filling.answer({ name: "Ada", availability: "weekends" })).toEqual({
      availability: "Availability: choose one of 1 (Full time), 2 (Part time).",
    });
    expect(ids(filling.next(2))).toEqual(["availability", "hours"]);
    expect(filling.remaining).toBe(3);
    expect(filling.untouched).toBe(false);
  });

  it("takes a blank answer as the person clearing a prefilled input", () => {
    const filling = new FormFilling(view);
    expect(Object.keys(filling.answer({ name: "Ada", availability: "2", hours: "" }))).toEqual(["hours"]);
    expect(filling.values.hours).toBe("");
  });
});

describe("the same mistake on both platforms", () => {
  it.each([
    ["a pick list answer that names no option", { availability: "sometimes" }],
    ["a required pick list left blank", { availability: "" }],
    ["a number out of range", { hours: "0" }],
    ["a name too long", { name: "x".repeat(41) }],
  ])("%s: one sentence", (_what, mistake) => {
    const valid = { name: "Ada", availability: "1", hours: "10", note: "" };
    const oneByOne = new FormFilling(view, { blankKeepsInitial: true });
    const console: Record<string, string> = {};
    for (const field of fields) {
      const id = field.id as keyof typeof valid;
      Object.assign(console, oneByOne.answer({ [id]: mistake[id as keyof typeof mistake] ?? valid[id] }));
    }
    const inSteps = new FormFilling(view);
    const discord = inSteps.answer({ ...valid, ...mistake });
    expect(Object.keys(discord)).toHaveLength(1);
    expect(console).toEqual(discord);
  });

  it("a pick list of many options is named by range", () => {
    const many: Field = {
      id: "project",
      label: "Project",
      kind: "select",
      required: true,
      options: Array.from({ length: 12 }, (_, i) => ({ label: `P${i}`, value: `p${i}` })),
    };
    expect(notAnOption(many)).toBe("Project: choose one of 1 to 12, by number or name.");
  });
});

describe("a submission the form refuses", () => {
  it("asks again only the refused fields, keeping every other answer", async () => {
    const filling = new FormFilling(view);
    filling.answer({ name: "Ada", availability: "1", hours: "10", note: "hi" });
    const chat = submitter({ ok: false, errors: { hours: "Too many hours for a part-time mentee." } });
    const result = await filling.submit(chat, ada);
    expect(result.ok).toBe(false);
    expect(ids(filling.next(5))).toEqual(["hours"]);
    expect(filling.values).toMatchObject({ name: "Ada", availability: "full_time", note: "hi" });
  });

  it("leaves nothing to ask when the refusal names no field of the form", async () => {
    const filling = new FormFilling(view);
    filling.answer({ name: "Ada", availability: "1", hours: "10" });
    await filling.submit(submitter({ ok: false, errors: { form: "Applications are closed." } }), ada);
    expect(filling.remaining).toBe(0);
  });
});
