// Discord's renderers against golden views, and every payload rebuilt with discord.js's validating builders
// (their setters check Discord's limits), so a view the bot renders is one Discord accepts.
import {
  ActionRowBuilder,
  ButtonBuilder,
  EmbedBuilder,
  embedLength,
  ModalBuilder,
  type APIEmbed,
  type APIModalInteractionResponseCallbackData,
} from "discord.js";
import { describe, expect, it } from "vitest";
import { discordMessage, type ButtonRow } from "../../src/adapters/discord/components.js";
import { LIMITS } from "../../src/adapters/discord/limits.js";
import { modalStep } from "../../src/adapters/discord/modals.js";
import type { Field, MessageView } from "../../src/chat/views.js";

/** Rebuilt through the setters, which throw on anything Discord would refuse. */
function validEmbed(embed: APIEmbed): APIEmbed {
  const builder = new EmbedBuilder();
  if (embed.title !== undefined) builder.setTitle(embed.title);
  if (embed.description !== undefined) builder.setDescription(embed.description);
  if (embed.color !== undefined) builder.setColor(embed.color);
  if (embed.fields) builder.addFields(...embed.fields);
  return builder.toJSON();
}

function validRow(row: ButtonRow) {
  expect(row.components.length).toBeLessThanOrEqual(LIMITS.buttonsPerRow);
  const buttons = row.components.map((b) =>
    new ButtonBuilder()
      .setCustomId(b.custom_id)
      .setLabel(b.label ?? "")
      .setStyle(b.style),
  );
  return new ActionRowBuilder<ButtonBuilder>().addComponents(buttons).toJSON();
}

function validMessage(views: MessageView[]) {
  const message = discordMessage(views);
  const embeds = message.embeds.map(validEmbed);
  expect(embeds.length).toBeLessThanOrEqual(10);
  expect(embeds.reduce((sum, e) => sum + embedLength(e), 0)).toBeLessThanOrEqual(LIMITS.embedsTotal);
  expect(message.components.length).toBeLessThanOrEqual(LIMITS.rows);
  for (const embed of embeds) expect(embed.fields?.length ?? 0).toBeLessThanOrEqual(LIMITS.embedFields);
  return { embeds, components: message.components.map(validRow) };
}

function validModal(modal: APIModalInteractionResponseCallbackData) {
  expect(modal.components.length).toBeGreaterThanOrEqual(1);
  expect(modal.components.length).toBeLessThanOrEqual(LIMITS.modalInputs);
  // Built from the JSON, each Label and the control in it get their own builder; toJSON runs their validators.
  return new ModalBuilder(modal).toJSON();
}

const decision: MessageView = {
  type: "message",
  tone: "success",
  title: "Application accepted",
  text: "Ada joins Kernel docs.",
  sections: [
    {
      heading: "Ada Lovelace",
      fields: [["Project", "kernel-docs"]],
      buttons: [{ label: "Open", action: "a.open", value: "1" }],
    },
  ],
  buttons: [{ label: "Decline", action: "application.decline", value: "app-1", style: "danger" }],
};

/** An applicant's links: one with characters that would end a link early on each platform. */
const withLinks: MessageView = {
  type: "message",
  sections: [
    {
      heading: "Ada → Kernel docs",
      lines: ["Why: docs"],
      links: [
        { label: "GitHub: ada", url: "https://github.com/ada" },
        { label: "a|b [c]", url: "https://example.org/x?a=1&b=(2)|3>" },
      ],
    },
  ],
};

describe("Discord messages", () => {
  it("show a section's links as masked links in its field", () => {
    expect(discordMessage([withLinks]).embeds[0]?.fields?.[0]?.value).toBe(
      "Why: docs\nLinks: [GitHub: ada](https://github.com/ada) · [a|b c](https://example.org/x?a=1&b=%282%29|3>)",
    );
    validMessage([withLinks]);
  });

  it("render a golden view as one embed and a row of buttons", () => {
    expect(discordMessage([decision])).toEqual({
      embeds: [
        {
          title: "Application accepted",
          description: "Ada joins Kernel docs.",
          fields: [{ name: "Ada Lovelace", value: "**Project:** kernel-docs" }],
          color: 0x1a7f37,
        },
      ],
      components: [
        {
          type: 1,
          components: [
            { type: 2, style: 2, label: "Open", custom_id: "b|a.open|1" },
            { type: 2, style: 4, label: "Decline", custom_id: "b|application.decline|app-1" },
          ],
        },
      ],
    });
    validMessage([decision]);
  });

  it("an error reads as one, in red", () => {
    expect(discordMessage([{ type: "message", tone: "error", text: "No." }]).embeds).toEqual([
      { description: "No.", color: 0xd1242f },
    ]);
  });

  it("a very large view stays within every limit and says what it left out", () => {
    const huge: MessageView = {
      type: "message",
      title: "T".repeat(1_000),
      text: "x".repeat(10_000),
      sections: Array.from({ length: 200 }, (_, i) => ({
        heading: `Applicant ${i} ${"h".repeat(300)}`,
        lines: ["l".repeat(2_000)],
        buttons: [{ label: "L".repeat(200), action: "application.accept", value: `app-${i}` }],
      })),
    };
    const { embeds, components } = validMessage([huge, huge]);
    expect(embeds[0]!.fields!.at(-1)!.value).toMatch(/^and \d+ more not shown here/);
    // Only the buttons of sections shown: a button of a section left out would act on something unseen.
    const shown = embeds.flatMap((e) => e.fields ?? []).filter((f) => f.name !== "…");
    expect(components.flatMap((r) => r.components)).toHaveLength(shown.length);
  });

  it("a dashboard of many views (an administrator of 7 programs) keeps to 10 embeds and 6,000 characters", () => {
    const program = (i: number): MessageView => ({
      type: "message",
      title: `Program ${i}: ${"Linux Foundation Mentorship ".repeat(3)}`,
      text: "p".repeat(700),
      sections: Array.from({ length: 4 }, (_, j) => ({
        heading: `Waiting ${j}`,
        lines: ["w".repeat(300)],
        buttons: [{ label: "Approve", action: "stipend.approve", value: `pay-${i}-${j}` }],
      })),
    });
    const views = [{ type: "message" as const, title: "Hello, grace", text: "Your dashboard." }];
    const { embeds } = validMessage([...views, ...Array.from({ length: 13 }, (_, i) => program(i))]);
    expect(embeds.length).toBeLessThanOrEqual(10);
    expect(embeds[0]!.title).toBe("Hello, grace");
    // Small views: ten fit the characters, but not the embeds.
    const small = Array.from({ length: 14 }, (_, i) => ({ type: "message" as const, title: `Part ${i}`, text: "t" }));
    const few = validMessage(small).embeds;
    expect(few).toHaveLength(10);
    expect(few.at(-1)!.description).toBe(
      "…and 5 more not shown here. Ask for one part at a time (for example by program).",
    );
  });

  it("leaves out a button whose custom id Discord would refuse instead of failing the message", () => {
    const view: MessageView = {
      type: "message",
      text: "x",
      buttons: [{ label: "Go", action: "a", value: "v".repeat(200) }],
    };
    expect(discordMessage([view]).components).toEqual([]);
  });
});

const fields: Field[] = [
  { id: "motivation", label: "Why this project?", kind: "textarea", required: true, hint: "A few sentences" },
  {
    id: "availability",
    label: "Availability",
    kind: "select",
    required: true,
    options: [
      { label: "Full time", value: "full_time" },
      { label: "Part time", value: "part_time" },
    ],
    initial: "part_time",
  },
  { id: "mentors", label: "Mentors", kind: "people", required: false },
];

describe("Discord modals", () => {
  it("render each field as a Label holding its native control", () => {
    const modal = modalStep("m|d1", "Apply", fields, {});
    expect(modal).toEqual({
      custom_id: "m|d1",
      title: "Apply",
      components: [
        {
          type: 18,
          label: "Why this project?",
          description: "A few sentences",
          component: { type: 4, custom_id: "motivation", style: 2, required: true, max_length: 4000 },
        },
        {
          type: 18,
          label: "Availability",
          component: {
            type: 21,
            custom_id: "availability",
            required: true,
            options: [
              { value: "full_time", label: "Full time" },
              { value: "part_time", label: "Part time", default: true },
            ],
          },
        },
        {
          type: 18,
          label: "Mentors",
          description: "Pick one or more people.",
          component: { type: 5, custom_id: "mentors", required: false, min_values: 0, max_values: 25 },
        },
      ],
    });
    validModal(modal);
  });

  it("offer the answer given so far instead of the initial value", () => {
    const [, availability] = modalStep("m|d1", "Apply", fields, { availability: "1" }).components;
    expect(availability).toMatchObject({ component: { options: [{ default: true }, {}] } });
  });

  it("offer a person picked before, a select for pick lists (past 25: the chosen among the first), a checkbox", () => {
    const options = (n: number) => Array.from({ length: n }, (_, i) => ({ label: `Project ${i + 1}`, value: `p${i}` }));
    const modal = validModal(
      modalStep(
        "m|d1",
        "Mixed",
        [
          { id: "mentee", label: "Mentee", kind: "person", required: true },
          { id: "project", label: "Project", kind: "select", required: true, options: options(12), initial: "p3" },
          { id: "evidence", label: "Evidence needed?", kind: "yesno", required: true, initial: "yes" },
          { id: "many", label: "Many", kind: "select", required: true, options: options(30), initial: "p28" },
          { id: "due", label: "Due", kind: "date", required: true },
        ],
        { mentee: "<@123456789012345678>" },
      ),
    );
    const controls = modal.components.map((c) => ("component" in c ? c.component : undefined));
    expect(controls[0]).toMatchObject({ type: 5, max_values: 1, default_values: [{ id: "123456789012345678" }] });
    expect(controls[1]).toMatchObject({ type: 3, min_values: 1, max_values: 1 });
    expect((controls[1] as { options: { default?: boolean }[] }).options[3]?.default).toBe(true);
    expect(controls[2]).toEqual({ type: 23, custom_id: "evidence", default: true });
    // 30 options: no numbers to type; a select of 25, the chosen 29th last among the first 24.
    expect(controls[3]).toMatchObject({ type: 3, custom_id: "many" });
    const many = (controls[3] as { options: { value: string; default?: boolean }[] }).options;
    expect(many).toHaveLength(LIMITS.selectOptions);
    expect(many.map((o) => o.value)).toEqual([...options(24).map((o) => o.value), "p28"]);
    expect(many.filter((o) => o.default).map((o) => o.value)).toEqual(["p28"]);
    expect(controls[4]).toMatchObject({ type: 4, placeholder: "YYYY-MM-DD" });
  });

  it("clips long titles, labels, placeholders and values, and asks at most five fields", () => {
    const long: Field[] = Array.from({ length: 8 }, (_, i) => ({
      id: `f${i}`,
      label: "L".repeat(200),
      kind: "text",
      required: true,
      hint: "h".repeat(500),
      initial: "v".repeat(5_000),
      maxLength: 10_000,
    }));
    const modal = validModal(modalStep("m|d1", "T".repeat(200), long, {}));
    expect(modal.components).toHaveLength(LIMITS.modalInputs);
  });
});
