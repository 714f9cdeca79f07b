// Every field of every form answers a bad value with a sentence of ours, never a validator's default text
// ("Too big: expected string to have <=3000 characters"), and a field shown as optional takes an empty answer.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import "../../src/chat/commands/index.js";
import { allForms } from "../../src/chat/forms.js";

// zod's own wording starts like this; ours never does.
const VALIDATOR_WORDING = /^(Invalid|Too (big|small)|Expected|Required)\b|received|expected (string|number)/;

const fieldsOf = () =>
  allForms().flatMap((form) =>
    Object.entries(form.schema.shape as Record<string, z.ZodType>).map(([id, schema]) => ({
      form: form.id,
      id,
      schema,
    })),
  );

describe("form fields", () => {
  it("answer bad values with the form's own sentences", () => {
    const awkward = fc.oneof(
      fc.string({ maxLength: 40 }),
      fc.string({ minLength: 3001, maxLength: 3100 }),
      fc.constantFrom("", " ", "2027-02-30", "-1", "1e99", "999999999", "yes please", "<@>"),
    );
    for (const { form, id, schema } of fieldsOf()) {
      fc.assert(
        fc.property(awkward, (value) => {
          const result = schema.safeParse(value);
          for (const issue of result.error?.issues ?? []) {
            expect(issue.message, `${form}.${id} for ${JSON.stringify(value).slice(0, 40)}`).not.toMatch(
              VALIDATOR_WORDING,
            );
          }
        }),
        { numRuns: 60 },
      );
    }
  });

  it("take an empty answer wherever the field is shown as optional", () => {
    const optional = fieldsOf().filter(({ schema }) => schema.safeParse(undefined).success);
    expect(optional.length).toBeGreaterThan(3);
    for (const { form, id, schema } of optional) expect(schema.safeParse("").success, `${form}.${id}`).toBe(true);
  });
});
