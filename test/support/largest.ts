// The largest realistic program, for the platforms' limits: on top of the world, grace administers 7 programs
// (six with long names); 60 applicants to k8s-ops write the longest motivation and experience the apply form
// takes; 30 more mentees are accepted into a 30-slot project and each has a stipend payment waiting for
// grace's approval. Applications are closed (so every pending one can be accepted or declined).
import { accept, apply } from "../../src/core/applications.js";
import { resolveActor, saveMenteeProfile } from "../../src/core/people.js";
import { createProgram, setApplicationsState } from "../../src/core/programs.js";
import { enrollProject } from "../../src/core/projects.js";
import type { World } from "./world.js";

const PROFILE = {
  skills: ["c"],
  interests: [],
  links: [],
  country: "DE",
  timeZone: "UTC",
  availability: "full_time" as const,
};

export interface Largest {
  /** The payments waiting for approval. */
  payments: string[];
}

export async function buildLargest(w: World): Promise<Largest> {
  const mentee = async (name: string) => {
    const actor = await resolveActor(w.core, {
      platform: "console",
      externalId: name.toLowerCase().replace(/\W+/g, "-"),
      displayName: name,
    });
    await saveMenteeProfile(w.core, actor, PROFILE);
    return actor;
  };
  for (let i = 0; i < 60; i++) {
    await apply(w.core, await mentee(`Applicant ${i} ${"x".repeat(40)}`), {
      project: "k8s-ops",
      motivation: "m".repeat(2000),
      experience: "e".repeat(2000),
      links: [],
      availability: "full_time",
    });
  }
  await enrollProject(w.core, w.as.administrator, "lfx/2027-spring", {
    slug: "stipends",
    name: "Stipends at scale",
    description: "d",
    skills: ["c"],
    slots: 30,
    stipendBaseCents: 300_000,
    currency: "USD",
    adjustByCountry: false,
    mentors: ["@kelsey"],
  });
  const accepted: string[] = [];
  for (let i = 0; i < 30; i++) {
    const { application } = await apply(w.core, await mentee(`Paid mentee ${i} ${"y".repeat(40)}`), {
      project: "stipends",
      motivation: "m",
      experience: "e",
      links: [],
      availability: "full_time",
    });
    accepted.push(application.id);
  }
  for (let i = 1; i <= 6; i++) {
    const name = `Program ${i} ${"of the Linux Foundation ".repeat(4)}`.trim();
    await createProgram(w.core, w.as.operator, { slug: `p${i}`, name, timeZone: "UTC", administrators: ["@grace"] });
  }
  w.clock.set("2027-02-09T10:00:00Z");
  await setApplicationsState(w.core, w.as.administrator, "lfx/2027-spring", "closed");
  const checkpoint = await w.core.db.prisma.checkpoint.findFirstOrThrow({
    where: { termId: w.ids.term, number: 1 },
  });
  const payments: string[] = [];
  for (const id of accepted) {
    const { enrollment } = await accept(w.core, w.as.administrator, id);
    // As a passed first evaluation leaves it (see core/stipends.ts): the same row, without a term's weeks.
    const payment = await w.core.db.prisma.stipendPayment.create({
      data: { enrollmentId: enrollment.id, checkpointId: checkpoint.id, amountCents: 75_000, currency: "USD" },
    });
    payments.push(payment.id);
  }
  return { payments };
}
