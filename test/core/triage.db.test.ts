// Triage for mentors and administrators: an applicant's other applications this term, but only to projects
// the reader manages; their links; complete applications; prerequisite progress.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { consoleIdentity } from "../../src/adapters/console/console-adapter.js";
import { Chat } from "../../src/chat/chat.js";
import type { MessageView } from "../../src/chat/views.js";
import { apply, applicationsToReview, reviewTask, submitTask } from "../../src/core/applications.js";
import { saveMenteeProfile } from "../../src/core/people.js";
import { createTerm, setApplicationsState } from "../../src/core/programs.js";
import { addPrerequisite, enrollProject } from "../../src/core/projects.js";
import { createLogger } from "../../src/log.js";
import type { Database } from "../../src/store/database.js";
import { testDatabase } from "../support/database.js";
import { buildWorld, type World } from "../support/world.js";

let db: Database;
let w: World;
beforeEach(async () => {
  db = await testDatabase();
  w = await buildWorld(db);
  // k8s-ops asks for a prerequisite from now on, of bob (who applied before) and of ada.
  await addPrerequisite(w.core, w.as.administrator, "k8s-ops", {
    name: "Helm chart",
    dueAt: new Date("2027-02-15T00:00:00Z"),
    evidenceRequired: true,
  });
  // bob does it, and kelsey verifies it: his application is complete, ahead of ada's in progress.
  const bobsTask = await db.prisma.applicationTask.findFirstOrThrow({
    where: { applicationId: w.ids.otherApplication },
  });
  await submitTask(w.core, w.as.otherMentee, bobsTask.id, "https://example.org/chart");
  await reviewTask(w.core, w.as.otherMentor, bobsTask.id, { complete: true });
  await saveMenteeProfile(w.core, w.as.mentee, {
    skills: ["c"],
    interests: [],
    links: ["https://github.com/ada", "https://ada.dev"],
    country: "DE",
    timeZone: "UTC",
    availability: "full_time",
  });
  const application = { motivation: "m", experience: "e", availability: "full_time" as const };
  await apply(w.core, w.as.mentee, { ...application, project: "k8s-ops", links: ["https://github.com/ada"] });
  // The same mentee in another program's term, to a project linus mentors as well.
  await createTerm(w.core, w.as.otherAdministrator, "cncf", {
    name: "2027-spring",
    kind: "full_time",
    applicationsOpenAt: new Date("2027-01-13T00:00:00Z"),
    applicationsCloseAt: new Date("2027-02-10T00:00:00Z"),
    selectionAt: new Date("2027-02-24T00:00:00Z"),
    startAt: new Date("2027-03-01T00:00:00Z"),
  });
  await enrollProject(w.core, w.as.otherAdministrator, "cncf/2027-spring", {
    slug: "tracing",
    name: "Tracing",
    description: "d",
    skills: ["c"],
    slots: 1,
    mentors: ["@linus"],
    stipendBaseCents: 300_000,
    currency: "USD",
    adjustByCountry: false,
  });
  w.clock.set("2027-01-13T10:00:00Z");
  await setApplicationsState(w.core, w.as.otherAdministrator, "cncf/2027-spring", "open");
  await apply(w.core, w.as.mentee, { ...application, project: "cncf/2027-spring/tracing", links: [] });
});
afterEach(async () => {
  await db.close();
});

/** Each listed application of ada's, by project, with the projects its "other applications" name. */
async function adasOthers(reader: keyof World["as"]) {
  const listed = await applicationsToReview(w.core, w.as[reader]);
  return Object.fromEntries(
    listed
      .filter((a) => a.mentee.displayName === "ada")
      .map((a) => [a.project.slug, a.otherApplications.map((o) => o.projectRef)]),
  );
}

describe("other applications this term", () => {
  it("show a mentor none to projects they do not mentor, and nothing of another program's term", async () => {
    // linus mentors kernel-docs (lfx) and tracing (cncf): ada applied to both, but in different terms.
    expect(await adasOthers("mentor")).toEqual({ "kernel-docs": [], tracing: [] });
    // kelsey mentors k8s-ops only: ada's kernel-docs application is not hers to see.
    expect(await adasOthers("otherMentor")).toEqual({ "k8s-ops": [] });
  });

  it("show an administrator the applications to their program's projects, never another program's", async () => {
    expect(await adasOthers("administrator")).toEqual({
      "kernel-docs": ["lfx/2027-spring/k8s-ops"],
      "k8s-ops": ["lfx/2027-spring/kernel-docs"],
    });
    expect(await adasOthers("otherAdministrator")).toEqual({ tracing: [] });
  });

  it("show a mentor of both projects each application beside the other, with its status and progress", async () => {
    await db.prisma.projectMentor.create({
      data: { projectId: w.ids.otherProject, personId: w.as.mentor.personId, status: "approved" },
    });
    expect(await adasOthers("mentor")).toEqual({
      "kernel-docs": ["lfx/2027-spring/k8s-ops"],
      "k8s-ops": ["lfx/2027-spring/kernel-docs"],
      tracing: [],
    });
    const [kernelDocs] = (await applicationsToReview(w.core, w.as.mentor, { project: "kernel-docs" })).filter(
      (a) => a.mentee.displayName === "ada",
    );
    expect(kernelDocs?.otherApplications).toEqual([
      { project: "K8s ops", projectRef: "lfx/2027-spring/k8s-ops", status: "pending", completedTasks: 0, tasks: 1 },
    ]);
  });
});

describe("filters and order", () => {
  const names = (list: Awaited<ReturnType<typeof applicationsToReview>>) =>
    list.map((a) => `${a.mentee.displayName}/${a.project.slug}`);

  it("keep the complete applications: every task submitted or completed", async () => {
    // ada's kernel-docs task is submitted, bob's k8s-ops task completed; ada's k8s-ops task is pending.
    expect(names(await applicationsToReview(w.core, w.as.administrator, { status: "complete" }))).toEqual([
      "ada/kernel-docs",
      "bob/k8s-ops",
    ]);
    expect(names(await applicationsToReview(w.core, w.as.otherMentor, { status: "complete" }))).toEqual([
      "bob/k8s-ops",
    ]);
  });

  it("order by prerequisite progress, the most first", async () => {
    expect(names(await applicationsToReview(w.core, w.as.administrator, { order: "progress" }))).toEqual([
      "bob/k8s-ops",
      "ada/kernel-docs",
      "ada/k8s-ops",
    ]);
  });
});

describe("the applications command", () => {
  const chat = () => new Chat(w.core, createLogger("silent"));
  const sections = async (who: string, line: string) => {
    const [view] = (await chat().command(consoleIdentity(who), line)) as MessageView[];
    return view?.sections ?? [];
  };

  it("shows the applicant's links as links and other applications, whatever order the words come in", async () => {
    const [kernelDocs] = (await sections("grace", "applications progress kernel-docs")).filter((s) =>
      s.heading?.startsWith("ada"),
    );
    expect(kernelDocs?.links).toEqual([
      { label: "GitHub: ada", url: "https://github.com/ada" },
      { label: "ada.dev", url: "https://ada.dev" },
    ]);
    expect(kernelDocs?.lines).toContain("Prerequisites: 0 of 1 completed");
    expect(kernelDocs?.lines).toContain(
      "Other applications this term: K8s ops (lfx/2027-spring/k8s-ops): pending, 0/1 prerequisites",
    );
    const complete = await sections("grace", "applications complete");
    expect(complete.map((s) => s.heading)).toEqual([
      "ada → Kernel docs: pending — ready for review",
      "bob → K8s ops: pending — ready for review",
    ]);
  });

  it("without a project lists the current terms' only; `all` or a term lists past ones too", async () => {
    // lfx's term has ended; cncf's runs on (moved a year later).
    await db.prisma.term.updateMany({
      where: { program: { slug: "cncf" } },
      data: { startAt: new Date("2028-03-01T00:00:00Z"), endAt: new Date("2028-05-24T00:00:00Z") },
    });
    w.clock.set("2027-07-01T10:00:00Z");
    const headings = async (who: string, line: string) => (await sections(who, line)).map((s) => s.heading);
    // linus mentors kernel-docs (lfx, ended) and tracing (cncf, current).
    expect(await headings("linus", "applications")).toEqual(["ada → Tracing: pending — ready for review"]);
    expect(await headings("linus", "applications all")).toEqual([
      "ada → Kernel docs: pending — ready for review",
      "ada → Tracing: pending — ready for review",
    ]);
    expect(await headings("linus", "applications lfx/2027-spring progress")).toEqual([
      "ada → Kernel docs: pending — ready for review",
    ]);
    // grace administers lfx only: its ended term's applications only when asked.
    const [none] = (await chat().command(consoleIdentity("grace"), "applications")) as MessageView[];
    expect(none?.text).toBe("No application matches.");
    expect(await headings("grace", "applications pending all")).toHaveLength(3);
    // A project named is listed whatever its term.
    expect(await headings("grace", "applications k8s-ops")).toHaveLength(2);
  });

  it("shows a mentor no other application to a project they do not mentor", async () => {
    const lines = (await sections("linus", "applications kernel-docs")).flatMap((s) => s.lines ?? []);
    expect(lines.join("\n")).not.toContain("Other applications");
    expect(lines.join("\n")).not.toContain("k8s-ops");
  });
});
