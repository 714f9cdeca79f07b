import { getProfiles } from "../../../core/people.js";
import { defineCommand } from "../../command-tree.js";
import { info } from "../common.js";
import { commandHint as hint, plural } from "../../format.js";

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
          ["Capacity", `${plural(p.capacity, "mentee")}`],
        ] as [string, string][],
      });
    }
    sections.push({
      heading: "Linked accounts",
      lines: person.identities.map((i) => `${i.platform}: ${i.externalId}`),
    });
    const nothingYet =
      sections.length === 1
        ? `You have no profile yet: ${hint("profile mentee")} or ${hint("profile mentor")}.`
        : undefined;
    return [info(`Profile of ${person.displayName}`, { ...(nothingYet ? { text: nothingYet } : {}), sections })];
  },
});
