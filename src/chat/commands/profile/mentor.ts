import { dashboardRoles, getProfiles, saveMentorProfile } from "../../../core/people.js";
import { defineCommand } from "../../command-tree.js";
import { buildForm, defineForm, field, list, text, timeZone, numberField } from "../../forms.js";
import { success } from "../common.js";
import { commandHint as hint } from "../../format.js";

const mentorForm = defineForm({
  id: "profile-mentor",
  title: "Your mentor profile",
  submitLabel: "Save",
  fields: {
    bio: field("Bio", "textarea", text("Bio", 1000), { maxLength: 1000 }),
    expertise: field("Expertise", "list", list("area of expertise", { min: 1 })),
    timeZone: field("Time zone", "text", timeZone),
    capacity: numberField("How many mentees can you take?", "Capacity", 1, 10),
  },
  present: async (ctx) => {
    const p = (await getProfiles(ctx.core, ctx.actor.personId)).mentorProfile;
    return {
      bio: { initial: p?.bio },
      expertise: { initial: p?.expertise.join(", ") },
      timeZone: { initial: p?.timeZone ?? ctx.actor.timeZone },
      capacity: { initial: p ? String(p.capacity) : "1" },
    };
  },
  submit: async (ctx, values) => {
    await saveMentorProfile(ctx.core, ctx.actor, values);
    // A mentor an administrator named in a project has nothing to request.
    const { mentoring } = await dashboardRoles(ctx.core, ctx.actor);
    const next = mentoring > 0 ? `${hint("applications")} shows your applicants` : hint("mentor request", "<project>");
    return [success(`Your mentor profile is saved. Next: ${next}.`)];
  },
});

defineCommand({
  path: ["profile", "mentor"],
  form: mentorForm,
  summary: "Create or edit your mentor profile (bio, expertise, time zone, capacity).",
  audience: "mentor",
  args: [],
  run: async (ctx) => [await buildForm(ctx, mentorForm.id)],
});
