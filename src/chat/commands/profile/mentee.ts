import { countryProblem } from "../../../core/rules/countries.js";
import { z } from "zod";
import { getProfiles, saveMenteeProfile } from "../../../core/people.js";
import { defineCommand } from "../../command-tree.js";
import { buildForm, choice, defineForm, field, list, timeZone, urlList } from "../../forms.js";
import { success } from "../common.js";
import { commandHint as hint } from "../../format.js";

const menteeForm = defineForm({
  id: "profile-mentee",
  title: "Your mentee profile",
  submitLabel: "Save",
  fields: {
    skills: field("Skills", "list", list("skill", { min: 1 }), { hint: "e.g. go, kubernetes, technical writing" }),
    interests: field("Interests", "list", list("interest")),
    links: field("Links (GitHub, portfolio)", "list", urlList("link")),
    country: field(
      "Country (two-letter code)",
      "text",
      z
        .string({ message: "Country is required." })
        .trim()
        .toUpperCase()
        .superRefine((code, ctx) => {
          const problem = countryProblem(code);
          if (problem) ctx.addIssue({ code: "custom", message: problem });
        }),
      { hint: "e.g. IN, DE, BR: some projects adjust the stipend by country", maxLength: 2 },
    ),
    timeZone: field("Time zone", "text", timeZone, { hint: "e.g. Asia/Kolkata, Europe/Berlin, UTC" }),
    availability: field("Availability", "select", choice("full-time or part-time", ["full_time", "part_time"]), {
      options: [
        { label: "Full-time", value: "full_time" },
        { label: "Part-time", value: "part_time" },
      ],
    }),
  },
  present: async (ctx) => {
    const p = (await getProfiles(ctx.core, ctx.actor.personId)).menteeProfile;
    return {
      skills: { initial: p?.skills.join(", ") },
      interests: { initial: p?.interests.join(", ") },
      links: { initial: p?.links.join(", ") },
      country: { initial: p?.country },
      timeZone: { initial: p?.timeZone ?? ctx.actor.timeZone },
      availability: { initial: p?.availability },
    };
  },
  submit: async (ctx, values) => {
    await saveMenteeProfile(ctx.core, ctx.actor, values);
    return [success(`Your mentee profile is saved. Next: ${hint("projects")} to find a project.`)];
  },
});

defineCommand({
  path: ["profile", "mentee"],
  form: menteeForm,
  summary: "Create or edit your mentee profile (skills, interests, country, time zone, availability).",
  audience: "mentee",
  args: [],
  run: async (ctx) => [await buildForm(ctx, menteeForm.id)],
});
