import { z } from "zod";
import { getProfiles, saveMenteeProfile } from "../../../core/people.js";
import { defineCommand } from "../../command-tree.js";
import { buildForm, choice, defineForm, list, timeZone, urlList } from "../../forms.js";
import { field, optional, success } from "../common.js";
import { commandHint as hint } from "../../format.js";

const menteeForm = defineForm({
  id: "profile-mentee",
  title: "Your mentee profile",
  submitLabel: "Save",
  fields: async (ctx) => {
    const p = (await getProfiles(ctx.core, ctx.actor.personId)).menteeProfile;
    return [
      field("skills", "Skills", "list", {
        hint: "e.g. go, kubernetes, technical writing",
        initial: p?.skills.join(", "),
      }),
      optional(field("interests", "Interests", "list", { initial: p?.interests.join(", ") })),
      optional(field("links", "Links (GitHub, portfolio)", "list", { initial: p?.links.join(", ") })),
      field("country", "Country (two-letter code)", "text", {
        hint: "e.g. IN, DE, BR: some projects adjust the stipend by country",
        initial: p?.country,
        maxLength: 2,
      }),
      field("timeZone", "Time zone", "text", {
        hint: "e.g. Asia/Kolkata, Europe/Berlin, UTC",
        initial: p?.timeZone ?? ctx.actor.timeZone,
      }),
      field("availability", "Availability", "select", {
        options: [
          { label: "Full-time", value: "full_time" },
          { label: "Part-time", value: "part_time" },
        ],
        initial: p?.availability,
      }),
    ];
  },
  schema: z.object({
    skills: list("skill", { min: 1 }),
    interests: list("interest"),
    links: urlList("link"),
    country: z
      .string({ message: "Country is required." })
      .trim()
      .toUpperCase()
      .regex(/^[A-Z]{2}$/, "Country must be a two-letter code such as IN, DE or BR."),
    timeZone,
    availability: choice("full-time or part-time", ["full_time", "part_time"]),
  }),
  submit: async (ctx, values) => {
    await saveMenteeProfile(ctx.core, ctx.actor, values);
    return [success(`Your mentee profile is saved. Next: ${hint("projects")} to find a project.`)];
  },
});

defineCommand({
  path: ["profile", "mentee"],
  summary: "Create or edit your mentee profile (skills, interests, country, time zone, availability).",
  audience: "mentee",
  args: [],
  run: async (ctx) => [await buildForm(ctx, menteeForm.id)],
});
