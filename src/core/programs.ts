// Programs, their administrators, and terms with a validated timeline and
// checkpoints.
import type { TermKind } from "../generated/prisma/client.js";
import { inTransaction, type Actor, type Core, type Tx } from "./context.js";
import { InvalidInput, notNow } from "./errors.js";
import { checkMentions, findOrCreatePerson, findProgram, findTerm } from "./lookup.js";
import { requireAdministrator, requireAdministratorOrOperator, requireOperator } from "./policy.js";
import { isShortName, shortNameRule } from "./rules/names.js";
import { checkStipendTable, type StipendTable } from "./rules/stipend-table.js";
import type { EligibilitySettings } from "./rules/eligibility.js";
import { defaultCheckpoints, defaultTermEnd, validateTimeline } from "./rules/timeline.js";
import { digestSchedule } from "./rules/digest-schedule.js";
import { unpaidReminderDays } from "./rules/stipend-schedule.js";
import { instant, say } from "./sentence.js";
import { addDays, addWeeks } from "./time.js";

export interface ProgramInput {
  slug: string;
  name: string;
  timeZone: string;
  administrators: string[];
}

export async function createProgram(core: Core, actor: Actor, input: ProgramInput) {
  return inTransaction(core, actor, async ({ tx, audit, notify }) => {
    requireOperator(actor);
    checkMentions(actor.platform, input.administrators, "administrators");
    if (!isShortName(input.slug)) throw new InvalidInput({ slug: shortNameRule("Short name") });
    if (await tx.program.findUnique({ where: { slug: input.slug } })) {
      throw new InvalidInput({ slug: `A program called "${input.slug}" exists already. Choose another short name.` });
    }
    const program = await tx.program.create({ data: { slug: input.slug, name: input.name, timeZone: input.timeZone } });
    for (const mention of input.administrators) {
      const person = await findOrCreatePerson(tx, actor.platform, mention);
      await tx.programAdministrator.upsert({
        where: { programId_personId: { programId: program.id, personId: person.id } },
        create: { programId: program.id, personId: person.id },
        update: {},
      });
      // Each administrator learns they are one, and where to start (the same event as `admin add`).
      await notify({
        key: `admin-added:${program.id}:${person.id}`,
        personId: person.id,
        programId: program.id,
        event: { kind: "administrator_added", program: program.name, programSlug: program.slug },
      });
    }
    await audit({
      action: "program.created",
      entity: "program",
      entityId: program.id,
      programId: program.id,
      details: input,
    });
    return program;
  });
}

export async function addAdministrator(core: Core, actor: Actor, programSlug: string, mention: string) {
  return inTransaction(core, actor, async ({ tx, audit, notify }) => {
    const program = await findProgram(tx, programSlug);
    await requireAdministratorOrOperator(tx, actor, program, "add administrators");
    const person = await findOrCreatePerson(tx, actor.platform, mention);
    await tx.programAdministrator.upsert({
      where: { programId_personId: { programId: program.id, personId: person.id } },
      create: { programId: program.id, personId: person.id },
      update: {},
    });
    await audit({ action: "administrator.added", entity: "person", entityId: person.id, programId: program.id });
    await notify({
      key: `admin-added:${program.id}:${person.id}`,
      personId: person.id,
      programId: program.id,
      event: { kind: "administrator_added", program: program.name, programSlug: program.slug },
    });
    return { program, person };
  });
}

export async function listPrograms(core: Core) {
  return core.db.prisma.program.findMany({
    orderBy: { slug: "asc" },
    include: { terms: { orderBy: { startAt: "asc" } }, administrators: { include: { person: true } } },
  });
}

export async function setDigestChannel(core: Core, actor: Actor, programSlug: string, channelId: string) {
  return inTransaction(core, actor, async ({ tx, audit }) => {
    const program = await findProgram(tx, programSlug);
    await requireAdministrator(tx, actor, program, "choose the digest channel");
    await tx.program.update({
      where: { id: program.id },
      data: { digestPlatform: actor.platform, digestChannelId: channelId },
    });
    await audit({
      action: "program.digest_channel",
      entity: "program",
      entityId: program.id,
      programId: program.id,
      details: { channelId },
    });
  });
}

/** `typed` as a person wrote it: five cron fields, perhaps in quotes. */
export async function setDigestSchedule(core: Core, actor: Actor, programSlug: string, typed: string) {
  return inTransaction(core, actor, async ({ tx, audit }) => {
    const program = await findProgram(tx, programSlug);
    await requireAdministrator(tx, actor, program, "change the digest schedule");
    const schedule = digestSchedule(typed);
    await audit({
      action: "program.digest_schedule",
      entity: "program",
      entityId: program.id,
      programId: program.id,
      details: { schedule },
    });
    return tx.program.update({ where: { id: program.id }, data: { digestSchedule: schedule } });
  });
}

/** Percent of the base stipend by country code, e.g. { IN: 60, DE: 100 }. */
export async function setStipendCountryTable(core: Core, actor: Actor, programSlug: string, table: StipendTable) {
  return inTransaction(core, actor, async ({ tx, audit }) => {
    const program = await findProgram(tx, programSlug);
    await requireAdministrator(tx, actor, program, "change the stipend table");
    checkStipendTable(table);
    await tx.program.update({ where: { id: program.id }, data: { stipendCountryPercent: table } });
    await audit({
      action: "program.stipend_table",
      entity: "program",
      entityId: program.id,
      programId: program.id,
      details: table,
    });
  });
}

/** How many days after approval administrators are reminded of a payment not yet marked paid (typed: "14"). */
export async function setUnpaidReminderDays(core: Core, actor: Actor, programSlug: string, typed: string) {
  return inTransaction(core, actor, async ({ tx, audit }) => {
    const program = await findProgram(tx, programSlug);
    await requireAdministrator(tx, actor, program, "change when unpaid stipend payments are reminded");
    const days = unpaidReminderDays(typed);
    await audit({
      action: "program.unpaid_reminder_days",
      entity: "program",
      entityId: program.id,
      programId: program.id,
      details: { days },
    });
    return tx.program.update({ where: { id: program.id }, data: { unpaidReminderDays: days } });
  });
}

/** Whether administrators read the end-of-term survey answers without names. */
export async function setSurveyAnonymity(core: Core, actor: Actor, programSlug: string, anonymous: boolean) {
  return inTransaction(core, actor, async ({ tx, audit }) => {
    const program = await findProgram(tx, programSlug);
    await requireAdministrator(tx, actor, program, "choose whether the surveys are anonymous");
    await audit({
      action: "program.survey_anonymity",
      entity: "program",
      entityId: program.id,
      programId: program.id,
      details: { anonymous },
    });
    return tx.program.update({ where: { id: program.id }, data: { anonymousSurveys: anonymous } });
  });
}

/** Changes the program's eligibility settings (see rules/eligibility.ts); they apply to applications and
 * acceptances from now on, not to decisions taken. */
export async function setEligibility(
  core: Core,
  actor: Actor,
  programSlug: string,
  change: Partial<EligibilitySettings>,
) {
  return inTransaction(core, actor, async ({ tx, audit }) => {
    const program = await findProgram(tx, programSlug);
    await requireAdministrator(tx, actor, program, "change its eligibility settings");
    const updated = await tx.program.update({ where: { id: program.id }, data: change });
    await audit({
      action: "program.eligibility",
      entity: "program",
      entityId: program.id,
      programId: program.id,
      details: change,
    });
    return updated;
  });
}

// ---------------------------------------------------------------- terms

export { defaultCheckpoints, GRACE_DAYS, TERM_WEEKS, validateTimeline } from "./rules/timeline.js";

export interface TermInput {
  name: string;
  kind: TermKind;
  applicationsOpenAt: Date;
  applicationsCloseAt: Date;
  selectionAt: Date;
  startAt: Date;
  /** Empty: as many weeks after the start as the kind lasts. */
  endAt?: Date | undefined;
}

export async function createTerm(core: Core, actor: Actor, programSlug: string, given: TermInput) {
  return inTransaction(core, actor, async ({ tx, audit }) => {
    const program = await findProgram(tx, programSlug);
    await requireAdministrator(tx, actor, program, "create terms");
    const input = { ...given, endAt: given.endAt ?? defaultTermEnd(given.startAt, given.kind, program.timeZone) };
    const errors = validateTimeline(input, program.timeZone, core.clock.now());
    if (!isShortName(input.name)) errors.name = shortNameRule("Term name");
    if (await tx.term.findUnique({ where: { programId_name: { programId: program.id, name: input.name } } })) {
      errors.name = `${program.name} has a term called "${input.name}" already.`;
    }
    if (Object.keys(errors).length > 0) throw new InvalidInput(errors);
    await refuseThirdConcurrentTerm(tx, program.id, input.startAt, input.endAt);

    const term = await tx.term.create({ data: { programId: program.id, ...input } });
    for (const checkpoint of defaultCheckpoints(input.kind)) {
      const dueAt = addWeeks(input.startAt, checkpoint.week, program.timeZone);
      await tx.checkpoint.create({
        data: {
          termId: term.id,
          number: checkpoint.number,
          name: checkpoint.name,
          opensAt: addDays(dueAt, -7, program.timeZone),
          dueAt,
          stipendPercent: checkpoint.stipendPercent,
          isFinal: checkpoint.isFinal,
        },
      });
    }
    await audit({ action: "term.created", entity: "term", entityId: term.id, programId: program.id, details: input });
    return { term, program };
  });
}

/** At most two terms of a program run at the same time. */
async function refuseThirdConcurrentTerm(tx: Tx, programId: string, startAt: Date, endAt: Date) {
  const overlapping = await tx.term.findMany({ where: { programId, startAt: { lt: endAt }, endAt: { gt: startAt } } });
  for (const [i, a] of overlapping.entries()) {
    for (const b of overlapping.slice(i + 1)) {
      if (a.startAt < b.endAt && b.startAt < a.endAt) {
        throw new InvalidInput({
          startAt:
            `Terms ${a.name} and ${b.name} already run at the same time in these dates; ` +
            `a program runs at most two terms at once.`,
        });
      }
    }
  }
}

export interface CheckpointInput {
  name: string;
  opensAt: Date;
  dueAt: Date;
  stipendPercent: number;
}

/**
 * Changes one checkpoint of a term before the term starts. The term keeps 3
 * or 4 checkpoints inside its dates, the last one final, stipends adding up to 100 %.
 */
export async function editCheckpoint(
  core: Core,
  actor: Actor,
  termRef: string,
  number: number,
  input: CheckpointInput | "remove",
) {
  return inTransaction(core, actor, async ({ tx, audit, now }) => {
    const term = await findTerm(tx, termRef);
    await requireAdministrator(tx, actor, term.program, "change checkpoints");
    refuseIfStarted(term, now);
    const checkpoints = await tx.checkpoint.findMany({ where: { termId: term.id }, orderBy: { number: "asc" } });
    const current = checkpoints.find((c) => c.number === number);
    if (!current && input === "remove")
      throw new InvalidInput({ number: `Term ${term.name} has no checkpoint ${number}.` });
    const next =
      input === "remove"
        ? checkpoints.filter((c) => c.number !== number)
        : [...checkpoints.filter((c) => c.number !== number), { ...current, ...input, number }];
    next.sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
    const errors: Record<string, string> = {};
    if (next.length < 3 || next.length > 4)
      errors.number = `A term has 3 or 4 checkpoints; this would leave ${next.length}.`;
    if (input !== "remove") {
      if (input.opensAt >= input.dueAt) errors.opensAt = "A checkpoint opens before it is due.";
      if (input.opensAt < term.startAt || input.dueAt > term.endAt)
        errors.dueAt = "A checkpoint lies inside the term, between its start and end.";
    }
    const total = next.reduce((sum, c) => sum + (c.stipendPercent ?? 0), 0);
    if (total !== 100)
      errors.stipendPercent =
        `The stipend percentages of the checkpoints must add up to 100; ` + `they would add up to ${total}.`;
    if (Object.keys(errors).length > 0) throw new InvalidInput(errors);

    await tx.checkpoint.deleteMany({ where: { termId: term.id } });
    for (const [i, c] of next.entries()) {
      await tx.checkpoint.create({
        data: {
          termId: term.id,
          number: i + 1,
          name: c.name!,
          opensAt: c.opensAt!,
          dueAt: c.dueAt!,
          stipendPercent: c.stipendPercent ?? 0,
          isFinal: i === next.length - 1,
        },
      });
    }
    await audit({
      action: "term.checkpoints_changed",
      entity: "term",
      entityId: term.id,
      programId: term.programId,
      details: { number, input },
    });
    return tx.checkpoint.findMany({ where: { termId: term.id }, orderBy: { number: "asc" } });
  });
}

export async function setApplicationsState(core: Core, actor: Actor, termRef: string, state: "open" | "closed") {
  return inTransaction(core, actor, async ({ tx, audit, now }) => {
    const term = await findTerm(tx, termRef);
    await requireAdministrator(tx, actor, term.program, `${state === "open" ? "open" : "close"} applications`);
    if (state === "closed" && term.applicationsClosedAt && term.applicationsState === "closed")
      throw notNow(say`Applications to ${term.name} closed already, at ${instant(term.applicationsClosedAt)}.`);
    if (term.applicationsState === state) throw notNow(`Applications to ${term.name} are ${state} already.`);
    if (state === "open" && term.applicationsState === "closed")
      throw notNow(`Applications to ${term.name} were closed; they do not open again.`);
    if (state === "closed" && term.applicationsState === "not_open")
      throw notNow(`Applications to ${term.name} have not opened yet.`);
    const updated = await tx.term.update({
      where: { id: term.id },
      data: { applicationsState: state, ...(state === "closed" ? { applicationsClosedAt: now } : {}) },
    });
    await audit({ action: `term.applications_${state}`, entity: "term", entityId: term.id, programId: term.programId });
    return { ...updated, program: term.program };
  });
}

export async function termCheckpoints(core: Core, termRef: string) {
  const term = await findTerm(core.db.prisma, termRef);
  const checkpoints = await core.db.prisma.checkpoint.findMany({
    where: { termId: term.id },
    orderBy: { number: "asc" },
  });
  return { term, checkpoints };
}

export async function listTerms(core: Core) {
  return core.db.prisma.term.findMany({
    include: { program: true },
    orderBy: [{ program: { slug: "asc" } }, { startAt: "asc" }],
  });
}

/** A program's operators create it; anyone else is told whom to ask. */
export function mayCreatePrograms(actor: Actor): void {
  requireOperator(actor);
}

/** The program a term is about to be created in (its time zone reads the dates), for its administrators. */
export async function programForNewTerm(core: Core, actor: Actor, programSlug: string) {
  const program = await findProgram(core.db.prisma, programSlug);
  await requireAdministrator(core.db.prisma, actor, program, "create terms");
  return program;
}

/** A term's checkpoints, for an administrator about to change one. */
export async function checkpointsToEdit(core: Core, actor: Actor, termRef: string) {
  const found = await termCheckpoints(core, termRef);
  await requireAdministrator(core.db.prisma, actor, found.term.program, "change checkpoints");
  // Refused before the form opens, not after every field is filled in.
  refuseIfStarted(found.term, core.clock.now());
  return found;
}

function refuseIfStarted(term: { name: string; startAt: Date }, now: Date) {
  if (term.startAt <= now)
    throw notNow(
      `Term ${term.name} has started; its checkpoints can no longer change ` +
        `(record an extension for one mentee instead).`,
    );
}

/**
 * Closes applications whose published close date has passed and that no administrator closed by hand, as
 * the term promised, and tells each of the program's administrators that decisions can be taken.
 */
export async function closeApplicationsOnSchedule(core: Core): Promise<number> {
  const due = await core.db.prisma.term.findMany({
    where: { applicationsState: "open", applicationsCloseAt: { lte: core.clock.now() } },
    select: { id: true },
  });
  for (const { id } of due) {
    await inTransaction(core, undefined, async ({ tx, audit, notify }) => {
      // Another replica may have closed it meanwhile: only the one that changes the row goes on.
      const term = await tx.term.findUniqueOrThrow({ where: { id }, include: { program: true } });
      const { count } = await tx.term.updateMany({
        where: { id, applicationsState: "open" },
        data: { applicationsState: "closed", applicationsClosedAt: term.applicationsCloseAt },
      });
      if (count === 0) return;
      await audit({ action: "term.applications_closed", entity: "term", entityId: id, programId: term.programId });
      const administrators = await tx.programAdministrator.findMany({ where: { programId: term.programId } });
      for (const { personId } of administrators) {
        await notify({
          key: `applications-closed:${id}:${personId}`,
          personId,
          programId: term.programId,
          event: {
            kind: "applications_closed",
            term: term.name,
            termRef: `${term.program.slug}/${term.name}`,
            selectionAt: term.selectionAt.toISOString(),
          },
        });
      }
    });
  }
  return due.length;
}
