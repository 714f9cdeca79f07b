// A pick list longer than a Discord select (25 options): a term of 60 open projects. Nobody types a number:
// with nothing chosen, apply answers with the list and its Apply buttons; with a project chosen (by Apply or
// by `project:`), the form's select holds it, chosen. The fake validates every payload with discord.js's own
// builders (see harness close).
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { LIMITS } from "../../src/adapters/discord/limits.js";
import { projectRef } from "../../src/core/lookup.js";
import { resolveActor, saveMenteeProfile } from "../../src/core/people.js";
import { browseProjects, enrollProject } from "../../src/core/projects.js";
import type { Database } from "../../src/store/database.js";
import { testDatabase } from "../support/database.js";
import { discordHarness, type Answer, type DiscordHarness, type DiscordUser } from "../support/discord.js";
import { buildWorld, type World } from "../support/world.js";

let db: Database;
let h: DiscordHarness;
let w: World;
/** The 47th of the 60 open projects, as mia's list orders them. */
let project47: string;
let name47: string;
let slug47: string;
let mia: DiscordUser;

beforeEach(async () => {
  db = await testDatabase();
  w = await buildWorld(db);
  // The world's term has two projects; 58 more make 60.
  for (let i = 1; i <= 58; i++) {
    await enrollProject(w.core, w.as.administrator, "lfx/2027-spring", {
      slug: `project-${String(i).padStart(2, "0")}`,
      name: `Project ${String(i).padStart(2, "0")}`,
      description: "d",
      skills: ["c"],
      stipendBaseCents: 300_000,
      currency: "USD",
      adjustByCountry: false,
      slots: 1,
      mentors: ["@linus"],
    });
  }
  h = await discordHarness(db);
  const actor = await resolveActor(w.core, { platform: "discord", externalId: h.idOf("mia"), displayName: "mia" });
  await saveMenteeProfile(w.core, actor, {
    skills: ["c"],
    interests: [],
    links: ["https://example.org/mia"],
    country: "DE",
    timeZone: "UTC",
    availability: "part_time",
  });
  const ranked = await browseProjects(w.core, actor);
  expect(ranked).toHaveLength(60);
  project47 = projectRef(ranked[46]!.project);
  name47 = ranked[46]!.project.name;
  slug47 = ranked[46]!.project.slug;
  mia = h.user("mia");
});
afterEach(async () => {
  await h.close();
  await db.close();
});

type Control = { type: number; custom_id: string; options?: { value: string; default?: boolean }[] };
const controls = (modal: Record<string, unknown>) =>
  (modal.components as { component: Control }[]).map((label) => label.component);
const buttons = (data: Record<string, unknown>) =>
  ((data.components as { components: { label: string; custom_id: string }[] }[] | undefined) ?? []).flatMap(
    (row) => row.components,
  );
const shown = (data: Record<string, unknown>) => JSON.stringify([data.content ?? "", data.embeds ?? []]);

/** The apply form, opened with project #47 chosen: its select holds at most 25 options, #47 chosen among them. */
function expectChosen(answer: Answer) {
  expect(answer.type).toBe(9);
  const project = controls(answer.data).find((c) => c.custom_id === "project")!;
  expect(project.type).toBe(3);
  expect(project.options!.length).toBeLessThanOrEqual(LIMITS.selectOptions);
  expect(project.options!.filter((o) => o.default).map((o) => o.value)).toEqual([project47]);
  // No control asks for a typed number any more.
  expect(JSON.stringify(answer.data)).not.toMatch(/"placeholder":"1 /);
}

async function applied() {
  return db.prisma.application.count({
    where: { mentee: { identities: { some: { externalId: h.idOf("mia") } } }, project: { slug: slug47 } },
  });
}

const ANSWERS = { motivation: "I want to learn.", experience: "Some C.", links: "", availability: "part_time" };

describe("Discord: a pick list longer than a select", () => {
  it("apply with nothing chosen lists the 60 projects with Apply; Apply opens the form, one chosen", async () => {
    const list = await mia.command("apply");
    expect(list.type).toBe(4);
    expect(shown(list.data)).toContain("There are 60 open projects, more than a Discord form lists");
    expect(shown(list.data)).toContain("/mentorship apply project:");
    // Page by page, as the person would, until project #47's Apply button.
    let page = list;
    let apply = buttons(page.data).find((b) => b.custom_id === `b|application.apply|${project47}`);
    for (let i = 0; i < 20 && !apply; i++) {
      const next = buttons(page.data).find((b) => b.label === "Next");
      expect(next).toBeDefined();
      page = await mia.press(next!.custom_id, { embeds: page.data.embeds, components: page.data.components });
      apply = buttons(page.data).find((b) => b.custom_id === `b|application.apply|${project47}`);
    }
    expect(apply).toBeDefined();
    const form = await mia.press(apply!.custom_id);
    expectChosen(form);
    const done = await mia.submit(form.data, ANSWERS);
    expect(shown(done.data)).toContain(`You applied to ${name47}.`);
    expect(await applied()).toBe(1);
  });

  it("apply project:<name> opens the form with that project chosen", async () => {
    const form = await mia.command(`apply ${project47}`);
    expectChosen(form);
    const done = await mia.submit(form.data, ANSWERS);
    expect(shown(done.data)).toContain(`You applied to ${name47}.`);
    expect(await applied()).toBe(1);
  });
});
