import { z } from "zod";
import {
  createLinkCode,
  getProfiles,
  redeemLinkCode,
  saveMenteeProfile,
  saveMentorProfile,
} from "../../core/people.js";
import { defineCommand } from "../command-tree.js";
import { buildForm, choice, defineForm, integer, list, text, timeZone, urlList } from "../forms.js";
import { field, info, optional, success, when } from "./common.js";

defineCommand({
  path: ["profile", "show"],
  summary: "Show your profiles and linked accounts.",
  audience: "everyone",
  args: [],
  run: async (ctx) => {
    const person = await getProfiles(ctx.core, ctx.actor.personId);
    const sections = [];
    if (person.menteeProfile) {
      const p = person.menteeProfile;
      sections.push({
        heading: "Mentee profile",
        fields: [
          ["Skills", p.skills.join(", ")],
          ["Interests", p.interests.join(", ")],
          ["Links", p.links.join(" ") || "—"],
          ["Country", p.country],
          ["Time zone", p.timeZone],
          ["Availability", p.availability.replace("_", "-")],
        ] as [string, string][],
      });
    }
    if (person.mentorProfile) {
      const p = person.mentorProfile;
      sections.push({
        heading: "Mentor profile",
        fields: [
          ["Bio", p.bio],
          ["Expertise", p.expertise.join(", ")],
          ["Time zone", p.timeZone],
          ["Capacity", `${p.capacity} mentee(s)`],
        ] as [string, string][],
      });
    }
    sections.push({
      heading: "Linked accounts",
      lines: person.identities.map((i) => `${i.platform}: ${i.externalId}`),
    });
    const hint =
      sections.length === 1
        ? "You have no profile yet: /mentorship profile mentee or /mentorship profile mentor."
        : undefined;
    return [info(`Profile of ${person.displayName}`, { ...(hint ? { text: hint } : {}), sections })];
  },
});

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
    return [success("Your mentee profile is saved. Next: /mentorship projects to find a project.")];
  },
});

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
    return [success("Your mentor profile is saved. Next: /mentorship mentor request <project>.")];
  },
});

defineCommand({
  path: ["profile", "mentee"],
  summary: "Create or edit your mentee profile (skills, interests, country, time zone, availability).",
  audience: "mentee",
  args: [],
  run: async (ctx) => [await buildForm(ctx, menteeForm.id)],
});

defineCommand({
  path: ["profile", "mentor"],
  summary: "Create or edit your mentor profile (bio, expertise, time zone, capacity).",
  audience: "mentor",
  args: [],
  run: async (ctx) => [await buildForm(ctx, mentorForm.id)],
});

defineCommand({
  path: ["link"],
  summary: "Link your Slack and Discord accounts: without a code, get one; with a code, use it.",
  audience: "everyone",
  args: [{ name: "code", description: "the code from your other account", required: false }],
  run: async (ctx, args) => {
    if (!args.code) {
      const { code, expiresAt } = await createLinkCode(ctx.core, ctx.actor);
      return [
        info("Link another account", {
          text: `On your other platform, type: /mentorship link ${code}\nThe code works once, until ${when(ctx, expiresAt)}.`,
        }),
      ];
    }
    await redeemLinkCode(ctx.core, ctx.actor, args.code);
    return [success("Linked: this account now acts as the same person on both platforms.")];
  },
});
