import { z } from "zod";
import { getProfiles, saveMentorProfile } from "../../../core/people.js";
import { defineCommand } from "../../command-tree.js";
import { buildForm, defineForm, integer, list, text, timeZone } from "../../forms.js";
import { field, success } from "../common.js";
import { commandHint as hint } from "../../format.js";

const mentorForm = defineForm({
  id: "profile-mentor",
  title: "Your mentor profile",
  submitLabel: "Save",
  fields: async (ctx) => {
    const p = (await getProfiles(ctx.core, ctx.actor.personId)).mentorProfile;
    return [
      field("bio", "Bio", "textarea", { initial: p?.bio, maxLength: 1000 }),
      field("expertise", "Expertise", "list", { initial: p?.expertise.join(", ") }),
      field("timeZone", "Time zone", "text", { initial: p?.timeZone ?? ctx.actor.timeZone }),
      field("capacity", "How many mentees can you take?", "number", { initial: p ? String(p.capacity) : "1" }),
    ];
  },
  schema: z.object({
    bio: text("Bio", 1000),
    expertise: list("area of expertise", { min: 1 }),
    timeZone,
    capacity: integer("Capacity", 1, 10),
  }),
  submit: async (ctx, values) => {
    await saveMentorProfile(ctx.core, ctx.actor, values);
    return [success(`Your mentor profile is saved. Next: ${hint("mentor request", "<project>")}.`)];
  },
});

defineCommand({
  path: ["profile", "mentor"],
  summary: "Create or edit your mentor profile (bio, expertise, time zone, capacity).",
  audience: "mentor",
  args: [],
  run: async (ctx) => [await buildForm(ctx, mentorForm.id)],
});
