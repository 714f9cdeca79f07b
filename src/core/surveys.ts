// The end-of-term surveys as administrators read them, and the mentors' own survey. (The mentees' survey is
// part of their enrollment's completion: see enrollments.ts.)
import { inTransaction, type Actor, type Core, type Tx } from "./context.js";
import { notAllowed, notNow } from "./errors.js";
import { findProgram, findProject, projectRef } from "./lookup.js";
import { isProjectMentor, requireAdministrator } from "./policy.js";
import { withSurveyAnonymity, type SurveyAnswer } from "./rules/survey-anonymity.js";
import { command, day, say } from "./sentence.js";
import { DAY_MS } from "./time.js";

/**
 * A mentor's survey stays open this long after the term ends: room for the longest extension (5 weeks) and
 * its final evaluation's week more. The scheduler's reminder keeps to the same window.
 */
export const MENTOR_SURVEY_DAYS_AFTER_END = 42;

export interface MenteeSurveyAnswers {
  overall: number;
  mentorSupport: number;
  wouldRecommend: boolean;
  comments: string;
}

export interface MentorSurveyAnswers {
  overall: number;
  programSupport: number;
  wouldMentorAgain: boolean;
  comments: string;
}

/**
 * Both surveys' answers of a program for its administrators, named or not as the program chose (the one
 * place that reads them for administrators: the chat view and exports call this).
 */
export async function surveyAnswers(core: Core, actor: Actor, programSlug: string, doing = "read the survey answers") {
  const prisma = core.db.prisma;
  const program = await findProgram(prisma, programSlug);
  await requireAdministrator(prisma, actor, program, doing);
  const [mentees, mentors] = await Promise.all([
    prisma.feedbackSurvey.findMany({
      where: { enrollment: { term: { programId: program.id } } },
      include: { enrollment: { include: { mentee: true, project: true, term: true } } },
      orderBy: { submittedAt: "asc" },
    }),
    prisma.mentorSurvey.findMany({
      where: { project: { term: { programId: program.id } } },
      include: { mentor: true, project: { include: { term: true } } },
      orderBy: { submittedAt: "asc" },
    }),
  ]);
  const menteeAnswers: SurveyAnswer<MenteeSurveyAnswers>[] = mentees.map((s) => ({
    term: s.enrollment.term.name,
    respondent: {
      name: s.enrollment.mentee.displayName,
      project: s.enrollment.project.name,
      submittedAt: s.submittedAt,
    },
    answers: {
      overall: s.overall,
      mentorSupport: s.mentorSupport,
      wouldRecommend: s.wouldRecommend,
      comments: s.comments,
    },
  }));
  const mentorAnswers: SurveyAnswer<MentorSurveyAnswers>[] = mentors.map((s) => ({
    term: s.project.term.name,
    respondent: { name: s.mentor.displayName, project: s.project.name, submittedAt: s.submittedAt },
    answers: {
      overall: s.overall,
      programSupport: s.programSupport,
      wouldMentorAgain: s.wouldMentorAgain,
      comments: s.comments,
    },
  }));
  return {
    program,
    anonymous: program.anonymousSurveys,
    mentees: withSurveyAnonymity(menteeAnswers, program.anonymousSurveys),
    mentors: withSurveyAnonymity(mentorAnswers, program.anonymousSurveys),
  };
}

// ---------------------------------------------------------------- the mentors' survey

const mentorSurveyProject = { term: { include: { program: true, checkpoints: true } } } as const;

type SurveyedProject = NonNullable<Awaited<ReturnType<typeof loadProject>>>;

const loadProject = (tx: Tx, id: string) => tx.project.findUnique({ where: { id }, include: mentorSurveyProject });

/**
 * Why this mentor cannot send their survey for this project now, or undefined when they can. It opens with
 * the term's final checkpoint, for mentors of a project whose mentee started (an active enrollment, then or
 * since), and closes MENTOR_SURVEY_DAYS_AFTER_END days after the term ends.
 */
async function whyNotOpen(tx: Tx, actor: Actor, project: SurveyedProject, now: Date) {
  if (!(await isProjectMentor(tx, actor.personId, project.id)))
    return notAllowed(`Only the mentors of ${project.name} send its mentor survey.`);
  const sent = await tx.mentorSurvey.findUnique({
    where: { projectId_mentorId: { projectId: project.id, mentorId: actor.personId } },
  });
  if (sent) return notNow(`You sent your mentor survey for ${project.name} already. Thank you!`);
  const mentored = await tx.enrollment.count({ where: { projectId: project.id, activatedAt: { not: null } } });
  if (mentored === 0) return notNow(`${project.name} had no active mentee, so it has no mentor survey.`);
  const final = project.term.checkpoints.find((c) => c.isFinal);
  if (final && now < final.opensAt)
    return notNow(say`The mentor survey opens with the final evaluation, on ${day(final.opensAt)}.`);
  const closesAt = new Date(project.term.endAt.getTime() + MENTOR_SURVEY_DAYS_AFTER_END * DAY_MS);
  if (now > closesAt) return notNow(say`The mentor survey for ${project.name} closed on ${day(closesAt)}.`);
  return undefined;
}

/**
 * The project whose survey the mentor is about to fill in: the one named, or the only one open to them.
 * Refused, with the reason, when there is none.
 */
export async function mentorSurveyToOpen(core: Core, actor: Actor, projectRefText?: string) {
  const prisma = core.db.prisma;
  const now = core.clock.now();
  if (projectRefText) {
    const found = await findProject(prisma, projectRefText);
    const project = (await loadProject(prisma, found.id))!;
    const why = await whyNotOpen(prisma, actor, project, now);
    if (why) throw why;
    return project;
  }
  const mentored = await prisma.projectMentor.findMany({
    where: { personId: actor.personId, status: "approved" },
    include: { project: { include: mentorSurveyProject } },
  });
  if (mentored.length === 0) throw notAllowed("The mentor survey is for mentors of a project.");
  const open = [];
  for (const m of mentored) if (!(await whyNotOpen(prisma, actor, m.project, now))) open.push(m.project);
  if (open.length === 1) return open[0]!;
  if (open.length > 1)
    throw notNow(
      say`You mentored several projects with a survey open: ${open.map(projectRef).join(", ")}. Name one: ${command(
        "mentor survey",
        "<project>",
      )}.`,
    );
  throw notNow("You have no mentor survey open: it opens with a term's final evaluation, for mentors of a mentee.");
}

export async function submitMentorSurvey(core: Core, actor: Actor, projectId: string, input: MentorSurveyAnswers) {
  return inTransaction(core, actor, async (uc) => {
    const project = await loadProject(uc.tx, projectId);
    if (!project) throw notNow("That project no longer exists.");
    const why = await whyNotOpen(uc.tx, actor, project, uc.now);
    if (why) throw why;
    await uc.tx.mentorSurvey.create({
      data: { projectId, mentorId: actor.personId, ...input, submittedAt: uc.now },
    });
    await uc.audit({
      action: "mentor_survey.submitted",
      entity: "project",
      entityId: projectId,
      programId: project.term.programId,
    });
    return project;
  });
}
