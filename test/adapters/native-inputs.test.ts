// Each kind of field renders as Slack's own control, and what Slack submits for it reads back into the
// string the form's schema accepts.
import { describe, expect, it } from "vitest";
import type { ViewStateValue } from "@slack/bolt";
import { modalValues, modalView } from "../../src/adapters/slack/modals.js";
import { integer, localDateTime, yesNo } from "../../src/chat/forms.js";
import type { Field, FormView } from "../../src/chat/views.js";
import { viewProblems } from "../support/slack-payloads.js";

const form = (fields: Field[]): FormView => ({
  type: "form",
  form: "f",
  title: "T",
  submitLabel: "Send",
  fields,
  context: "",
});
const f = (id: string, kind: Field["kind"], extra: Partial<Field> = {}): Field => ({
  id,
  label: id,
  kind,
  required: true,
  ...extra,
});

describe("native Slack inputs", () => {
  const view = modalView(
    form([
      f("mentor", "person", { initial: "<@U7>" }),
      f("people", "people"),
      f("hours", "number", { min: 0, max: 80 }),
      f("link", "url"),
      f("recommend", "yesno", { initial: "yes" }),
      f("due", "date"),
      f("at", "datetime", { initial: "2027-03-01T09:30:00Z" }),
    ]),
  );
  const elements = Object.fromEntries(
    view.blocks.map((b) => [b.block_id, (b as unknown as { element: Record<string, unknown> }).element]),
  );

  it("renders each kind as the platform's control", () => {
    expect(elements.mentor).toMatchObject({ type: "users_select", initial_user: "U7" });
    expect(elements.people?.type).toBe("multi_users_select");
    expect(elements.hours).toMatchObject({
      type: "number_input",
      is_decimal_allowed: false,
      min_value: "0",
      max_value: "80",
    });
    expect(elements.link?.type).toBe("url_text_input");
    expect(elements.recommend).toMatchObject({ type: "checkboxes", initial_options: [{ value: "yes" }] });
    expect(elements.due?.type).toBe("datepicker");
    expect(elements.at).toMatchObject({ type: "datetimepicker", initial_date_time: 1_803_893_400 });
    expect(viewProblems(view as never)).toEqual([]);
  });

  it("reads a date and time from Slack's picker as an instant, and typed in words, with one schema", () => {
    const values = modalValues({
      values: { at: { value: { type: "datetimepicker", selected_date_time: 1_803_893_400 } } },
    });
    expect(values).toEqual({ at: "2027-03-01T09:30:00Z" });
    const schema = localDateTime("Due");
    expect(schema.parse(values.at)).toBe("2027-03-01T09:30:00Z");
    expect(schema.parse(" 2027-03-01 09:30 ")).toBe("2027-03-01 09:30");
    expect(schema.safeParse("2027-02-30 09:30").error?.issues[0]?.message).toBe("Due is not a real date and time.");
    expect(schema.safeParse("2027-03-01 25:00").error?.issues[0]?.message).toBe("Due is not a real date and time.");
    expect(schema.safeParse("tomorrow").error?.issues[0]?.message).toBe(
      "Due must be a date and time as YYYY-MM-DD HH:MM.",
    );
  });

  it("reads what Slack submits back into answers the schemas accept", () => {
    const state = (input: ViewStateValue) => ({ value: input });
    const values = modalValues({
      values: {
        mentor: state({ type: "users_select", selected_user: "U9" }),
        hours: state({ type: "number_input", value: "12" }),
        ticked: state({
          type: "checkboxes",
          selected_options: [{ value: "yes", text: { type: "plain_text", text: "Yes" } }],
        }),
        unticked: state({ type: "checkboxes", selected_options: [] }),
      },
    });
    expect(values).toEqual({ mentor: "<@U9>", hours: "12", ticked: "yes", unticked: "no" });
    expect(integer("Hours", 0, 80).parse(values.hours)).toBe(12);
    expect(yesNo("Recommend").parse(values.ticked)).toBe(true);
    expect(yesNo("Recommend").parse(values.unticked)).toBe(false);
  });
});
