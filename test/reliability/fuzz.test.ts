// Generated inputs through the chat layer, the door every adapter uses (Chat.command, .action, .submit):
// every command of the tree with generated arguments, every form with generated values, every button
// with generated values, typed by an operator, an administrator, a mentor, a mentee, a stranger and
// people the bot has never seen, on a program in the middle of its term. Whatever arrives (Unicode,
// NUL bytes, lone surrogates, huge values, injection-like text, ids of nothing), the answer is a
// refusal or a result, never "something went wrong on our side", and the schema's invariants hold.
//
// FUZZ_RUNS sets the runs per property (default: ≥ 10,000 in total); FUZZ_SEED replays a run;
// FUZZ_SHRINK=1 lets fast-check shrink a failure (slow: the database state moves between runs).
import fc from "fast-check";
import { pino } from "pino";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { consoleIdentity } from "../../src/adapters/console/console-adapter.js";
import { allActions } from "../../src/chat/actions.js";
import { Chat } from "../../src/chat/chat.js";
import { allCommands, type ArgChoices, type ArgSpec } from "../../src/chat/command-tree.js";
import { allForms } from "../../src/chat/forms.js";
import type { FormView, SubmitResult, View } from "../../src/chat/views.js";
import { setApplicationsState, createTerm } from "../../src/core/programs.js";
import { enrollProject } from "../../src/core/projects.js";
import type { IdentityRef } from "../../src/core/people.js";
import { testDatabase, type TestDatabase } from "../support/database.js";
import { buildWorld, enrollAda, insideWindow, passCheckpoints, type World } from "../support/world.js";

const INTERNAL_ERROR = "something went wrong on our side";
const RUNS = Number(process.env.FUZZ_RUNS ?? 3_500);
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined;
const params = {
  numRuns: RUNS,
  endOnFailure: process.env.FUZZ_SHRINK !== "1",
  ...(SEED !== undefined ? { seed: SEED } : {}),
};

// ---------------------------------------------------------------- the program the inputs land on

interface Seeded {
  world: World;
  chat: Chat;
  /** Errors the chat layer logged: the cause behind an internal-error answer. */
  logged: string[];
  ids: string[];
  contexts: string[];
}

/**
 * lfx/2027-spring mid-term: ada enrolled in kernel-docs with checkpoints 1 and 2 passed and a stipend
 * payment awaiting approval, the third checkpoint open; bob's application to k8s-ops pending;
 * cncf/2027-fall open for applications, so applying, withdrawing and reviewing do something too.
 */
async function seed(db: TestDatabase): Promise<Seeded> {
  const world = await buildWorld(db);
  await enrollAda(world);
  await passCheckpoints(world, 2);
  world.clock.set(insideWindow(3));
  const olga = world.as.otherAdministrator;
  // The fall term was created in February, before its applications opened (a new term's open in the future).
  const now = world.clock.now();
  world.clock.set("2027-02-01T00:00:00Z");
  await createTerm(world.core, olga, "cncf", {
    name: "2027-fall",
    kind: "full_time",
    applicationsOpenAt: new Date("2027-03-01T00:00:00Z"),
    applicationsCloseAt: new Date("2027-07-01T00:00:00Z"),
    selectionAt: new Date("2027-07-20T00:00:00Z"),
    startAt: new Date("2027-08-02T00:00:00Z"),
    endAt: new Date("2027-10-25T00:00:00Z"),
  });
  world.clock.set(now);
  await enrollProject(world.core, olga, "cncf/2027-fall", {
    slug: "cloud-docs",
    name: "Cloud docs",
    description: "d",
    skills: ["c"],
    slots: 2,
    mentors: ["@kelsey"],
    stipendBaseCents: 600_000,
    currency: "USD",
    adjustByCountry: true,
    stipendMinCents: 100_000,
    stipendMaxCents: 660_000,
  });
  await setApplicationsState(world.core, olga, "cncf/2027-fall", "open");

  const logged: string[] = [];
  const log = pino({ level: "error" }, { write: (line: string) => void logged.push(line) });
  const chat = new Chat(world.core, log);
  const ids = await knownIds(db);
  const contexts = [
    "lfx",
    "cncf",
    "lfx/2027-spring",
    "cncf/2027-fall",
    "lfx/2027-spring#1",
    "lfx/2027-spring#4",
    "cncf/2027-fall#2",
    "cncf/2027-fall#99999999999",
    "kernel-docs",
    "k8s-ops",
    "cloud-docs",
    "lfx/2027-spring/kernel-docs",
    "@ada",
    "@bob",
    "@sam",
    "",
  ];
  return { world, chat, logged, ids, contexts };
}

/** Real record ids (and the projectId:personId pairs mentor buttons carry), so buttons and forms hit rows. */
async function knownIds(db: TestDatabase): Promise<string[]> {
  const rows = await db.sql.query<{ id: string }>(`
    SELECT id FROM "ApplicationTask" UNION ALL SELECT id FROM "Application" UNION ALL SELECT id FROM "StipendPayment"
    UNION ALL SELECT id FROM "OnboardingStep" UNION ALL SELECT id FROM "PlanItem" UNION ALL SELECT id FROM "Enrollment"
    UNION ALL SELECT id FROM "Project" UNION ALL SELECT id FROM "Person"
    UNION ALL SELECT p.id || ':' || x.id FROM "Project" p CROSS JOIN "Person" x`);
  return [...rows.map((r) => r.id), "00000000-0000-0000-0000-000000000000", "not-an-id", ":", "a:b:c"];
}

// ---------------------------------------------------------------- generated values

const HUGE = "x".repeat(300_000);
const nasty = fc.oneof(
  fc.constantFrom(
    "\u0000",
    "a\u0000b",
    "\uD800",
    "\uDFFF",
    "ok\uDBFFtail",
    "\uDC00\uD800",
    '\'; DROP TABLE "Person"; --',
    "' OR '1'='1",
    "${7*7}",
    "{{7*7}}",
    "<@U0123ABCD>",
    "<!channel>",
    "<#C123|general>",
    "%00",
    "\\",
    '"',
    '""',
    "null",
    "undefined",
    "NaN",
    "-1",
    "1e308",
    "99999999999",
    "2147483648",
    "0",
    "",
    " ",
    "\t\n\r",
    "😀",
    "\u202Eevil",
    "\u200B",
    "Ω≈ç√",
    '=HYPERLINK("x")',
    "../../etc/passwd",
    "2027-02-30",
    "0000-01-01",
    "9999-12-31",
    "-2027-01-01",
    "Etc/GMT+14",
    "<script>alert(1)</script>",
    "\u0007\u001B[31m",
    HUGE,
    "é".repeat(5_000),
    "𝕏".repeat(4_000),
    "a,".repeat(2_000),
  ),
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.string({ unit: "grapheme", maxLength: 40 }),
  fc.string({ maxLength: 12 }).map((s) => `${s}\u0000${s}`),
  fc.string({ maxLength: 12 }).map((s) => `${s}\uD83D`),
);

/** Words that name things the program has, so a good part of the inputs gets past the lookups. */
const WORDS = [
  "lfx",
  "cncf",
  "lfx/2027-spring",
  "cncf/2027-fall",
  "2027-spring",
  "kernel-docs",
  "k8s-ops",
  "cloud-docs",
  "lfx/2027-spring/kernel-docs",
  "cncf/2027-fall/cloud-docs",
  "@ada",
  "@bob",
  "@grace",
  "@linus",
  "@kelsey",
  "@olga",
  "@sam",
  "@operator",
  "@newcomer",
  "<@U0NEW>",
  "pending",
  "ready",
  "accepted",
  "declined",
  "withdrawn",
  "graduated",
  "approved",
  "pending_approval",
  "paid",
  "1",
  "2",
  "3",
  "4",
  "5",
  "6",
  "IN=60",
  "BR=70 DE=100",
  '"0 9 * * 1"',
  "#general",
  "<#C0DIGEST>",
  "LOC-0000-0000-0000-0000",
  "non-performance",
  "mentee-request",
  "returning-mentees",
  "one-mentorship-at-a-time",
  "allowed",
  "123456-789",
  "The project is full this term.",
];
const word = fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...WORDS) }, { weight: 2, arbitrary: nasty });
/** An argument that names what its kind names (a program for a program…) more often than not. */
const NAMES: Record<ArgChoices, string[]> = {
  program: ["lfx", "cncf"],
  term: ["lfx/2027-spring", "cncf/2027-fall"],
  project: ["kernel-docs", "k8s-ops", "cloud-docs", "lfx/2027-spring/kernel-docs"],
  mentee: ["@ada", "@bob"],
  person: ["@ada", "@linus", "@newcomer", "@sam"],
};
const argument = (arg: ArgSpec) =>
  arg.choices
    ? fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...NAMES[arg.choices]) }, { weight: 2, arbitrary: word })
    : word;

/** Values that fit each form field, by field id; anything else is tried too. */
const FIELD_VALUES: Record<string, string[]> = {
  project: ["cloud-docs", "cncf/2027-fall/cloud-docs", "kernel-docs", "k8s-ops"],
  motivation: ["I love docs"],
  experience: ["Some"],
  links: ["https://github.com/ada", "", "https://a.example, ftp://b"],
  availability: ["full_time", "part_time"],
  evidence: ["https://example.org/pr/1", ""],
  comment: ["Please add tests."],
  reason: ["Not this time."],
  reference: ["BANK-001"],
  skills: ["c, git", "go"],
  interests: ["kernels", ""],
  country: ["IN", "DE", "US", "ZZ"],
  timeZone: ["UTC", "Europe/Berlin", "Asia/Kolkata", "Mars/Olympus"],
  bio: ["I mentor."],
  expertise: ["kubernetes, go"],
  capacity: ["1", "2", "10", "11"],
  slug: ["new-program", "x", "lfx", "new-term", "new-project"],
  name: ["A name", "Extra evaluation"],
  administrators: ["@grace", "@newadmin, @olga", "<@U0NEW>"],
  mentors: ["@linus", "@kelsey, @newmentor"],
  kind: ["full_time", "part_time", "milestone", "task"],
  applicationsOpenAt: ["2027-11-01"],
  applicationsCloseAt: ["2027-11-29"],
  selectionAt: ["2027-12-13"],
  startAt: ["2028-01-03"],
  endAt: ["", "2028-03-27"],
  opensAt: ["2027-03-01", "2027-04-10"],
  dueAt: ["2027-03-22", "2027-04-20", "2027-05-01"],
  stipendPercent: ["0", "50", "100"],
  remove: ["no", "yes"],
  description: ["Work on it."],
  slots: ["1", "2", "50", "51"],
  stipendBaseCents: ["3000", "1500.50", "9999999.99"],
  currency: ["USD", "EUR"],
  adjustByCountry: ["yes", "no"],
  stipendMinCents: ["", "1000"],
  stipendMaxCents: ["", "6600"],
  evidenceRequired: ["yes", "no"],
  title: ["Write a chapter"],
  dueWeek: ["1", "12"],
  checkpoint: ["1", "2", "3", "4"],
  ratingTasks: ["4"],
  ratingEngagement: ["4"],
  ratingProgress: ["5", "0"],
  lastContactOn: ["2027-03-20", "2030-01-01"],
  report: ["Good work."],
  outcome: ["pass", "extend", "fail"],
  extendWeeks: ["", "2", "6"],
  hours: ["30", "81"],
  support: ["Weekly calls"],
  progress: ["A chapter"],
  overall: ["5"],
  mentorSupport: ["4"],
  wouldRecommend: ["yes", "no", "maybe"],
  comments: ["", "Thanks"],
};

function fieldValue(fieldId: string, suggested: string[] = []) {
  const fitting = [...suggested, ...(FIELD_VALUES[fieldId] ?? [])];
  return fitting.length > 0
    ? fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...fitting) }, { weight: 1, arbitrary: nasty })
    : nasty;
}

/** A form's values: mostly fitting, one or more generated, some fields missing. */
function formValues(fieldIds: string[], suggestions: Record<string, string[]> = {}) {
  const record: Record<string, fc.Arbitrary<string>> = {};
  for (const id of fieldIds) record[id] = fieldValue(id, suggestions[id]);
  return fc.record(record, { requiredKeys: fieldIds.filter((_, i) => i % 5 !== 4) });
}

// ---------------------------------------------------------------- who types

const PEOPLE = ["operator", "grace", "olga", "linus", "kelsey", "ada", "bob", "sam"];
const identity: fc.Arbitrary<IdentityRef> = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...PEOPLE).map(consoleIdentity) },
  // Someone new: an identity and a display name straight from a platform, whatever they hold.
  {
    weight: 1,
    arbitrary: fc.record({
      platform: fc.constantFrom("slack" as const, "discord" as const, "console" as const),
      externalId: fc.oneof(
        fc.constantFrom("U0NEW", "U0ADA", "812345678901234567"),
        fc.stringMatching(/^[A-Z0-9]{1,12}$/),
        nasty,
      ),
      displayName: fc.oneof(fc.constantFrom("Zoë", "newcomer"), nasty),
    }),
  },
);

// ---------------------------------------------------------------- what an answer may not be

function failures(views: View[], s: Seeded, what: unknown): string | undefined {
  const text = JSON.stringify(views, (key, value: unknown) => (key === "content" ? undefined : value));
  if (!text.includes(INTERNAL_ERROR)) return undefined;
  const cause = s.logged.slice(-1).join("").slice(0, 1_500);
  return `${JSON.stringify(what).slice(0, 600)} → internal error; logged: ${cause}`;
}

function submitFailures(result: SubmitResult, fields: string[], s: Seeded, what: unknown): string | undefined {
  if (result.ok) return failures(result.views, s, what);
  // A refused field must be one the form shows, or the platform has nowhere to put the message.
  const stray = Object.keys(result.errors).filter((f) => !fields.includes(f));
  return stray.length
    ? `${JSON.stringify(what).slice(0, 600)} → errors for fields the form lacks: ${stray.join(", ")}`
    : undefined;
}

const quote = (w: string) => (/\s/.test(w) && !w.includes('"') ? `"${w}"` : w);

// ---------------------------------------------------------------- invariants of the schema

/** Each query returns the rows that break a rule; every one must return none. */
const INVARIANTS: Record<string, string> = {
  "an enrollment belongs to its application's mentee and project": `
    SELECT e.id FROM "Enrollment" e LEFT JOIN "Application" a ON a.id = e."applicationId"
    WHERE a.id IS NULL OR a."menteeId" <> e."menteeId" OR a."projectId" <> e."projectId" OR a."termId" <> e."termId"`,
  "an enrollment's application is accepted, graduated or withdrawn": `
    SELECT e.id FROM "Enrollment" e JOIN "Application" a ON a.id = e."applicationId"
    WHERE a.status NOT IN ('accepted', 'graduated', 'withdrawn')
       OR (e.status = 'completed') <> (a.status = 'graduated')`,
  "an accepted or graduated application has its enrollment": `
    SELECT a.id FROM "Application" a LEFT JOIN "Enrollment" e ON e."applicationId" = a.id
    WHERE a.status IN ('accepted', 'graduated') AND e.id IS NULL`,
  "at most three applications per mentee and term, withdrawn ones aside": `
    SELECT "menteeId" FROM "Application" WHERE status <> 'withdrawn' GROUP BY "menteeId", "termId" HAVING count(*) > 3`,
  "no project accepts beyond its slots": `
    SELECT p.id FROM "Project" p JOIN "Application" a ON a."projectId" = p.id AND a.status IN ('accepted', 'graduated')
    GROUP BY p.id, p.slots HAVING count(*) > p.slots`,
  "an accepted application had every prerequisite completed": `
    SELECT a.id FROM "Application" a JOIN "ApplicationTask" t ON t."applicationId" = a.id
    WHERE a.status IN ('accepted', 'graduated') AND t.status <> 'completed'`,
  "a completed task says when and by whom": `
    SELECT id FROM "ApplicationTask" WHERE status = 'completed' AND ("completedAt" IS NULL OR "completedById" IS NULL)`,
  "a term's timeline is in order with two weeks of review": `
    SELECT id FROM "Term" WHERE NOT ("applicationsOpenAt" < "applicationsCloseAt"
      AND "selectionAt" >= "applicationsCloseAt" + interval '14 days'
      AND "startAt" >= "selectionAt" AND "endAt" > "startAt")`,
  "a term has 3 or 4 checkpoints inside it, stipends adding up to 100 %, the last one final": `
    SELECT t.id FROM "Term" t JOIN "Checkpoint" c ON c."termId" = t.id GROUP BY t.id
    HAVING count(*) NOT IN (3, 4) OR sum(c."stipendPercent") <> 100
        OR bool_or(c."opensAt" < t."startAt" OR c."dueAt" > t."endAt")
        OR count(*) FILTER (WHERE c."isFinal") <> 1 OR max(c.number) FILTER (WHERE c."isFinal") <> max(c.number)`,
  "a project's slots, stipend and currency are within bounds": `
    SELECT id FROM "Project" WHERE slots NOT BETWEEN 1 AND 50 OR "stipendBaseCents" < 0 OR currency !~ '^[A-Z]{3}$'
       OR ("stipendMinCents" IS NOT NULL AND "stipendMaxCents" IS NOT NULL AND "stipendMinCents" > "stipendMaxCents")`,
  "an evaluation's ratings are 1–5 and an extension 1–5 weeks": `
    SELECT id FROM "Evaluation" WHERE LEAST("ratingTasks", "ratingEngagement", "ratingProgress") < 1
       OR GREATEST("ratingTasks", "ratingEngagement", "ratingProgress") > 5
       OR (outcome = 'extend') <> ("extendWeeks" IS NOT NULL) OR "extendWeeks" NOT BETWEEN 1 AND 5`,
  "stipend payments never exceed the mentee's stipend and follow a passed evaluation": `
    SELECT e.id FROM "Enrollment" e JOIN "StipendPayment" p ON p."enrollmentId" = e.id
    LEFT JOIN "Evaluation" v ON v."enrollmentId" = e.id AND v."checkpointId" = p."checkpointId"
    GROUP BY e.id, e."stipendCents"
    HAVING sum(p."amountCents") > e."stipendCents" OR min(p."amountCents") < 0 OR bool_or(v.id IS NULL)`,
  "a paid payment was approved and has a reference; a declined one a reason": `
    SELECT id FROM "StipendPayment"
    WHERE (status = 'paid' AND ("paidReference" IS NULL OR "paidAt" IS NULL OR "decidedAt" IS NULL))
       OR (status = 'declined' AND "declineReason" IS NULL)`,
  "a completed enrollment has its letter, and only a completed one": `
    SELECT e.id FROM "Enrollment" e LEFT JOIN "LetterOfCompletion" l ON l."enrollmentId" = e.id
    WHERE (e.status = 'completed') <> (l."enrollmentId" IS NOT NULL)`,
  "an active enrollment has every onboarding step confirmed": `
    SELECT e.id FROM "Enrollment" e JOIN "OnboardingStep" s ON s."enrollmentId" = e.id
    WHERE e.status IN ('active', 'completed') AND s."confirmedAt" IS NULL`,
  "mentee profiles hold a two-letter country": `SELECT "personId" FROM "MenteeProfile" WHERE country !~ '^[A-Z]{2}$'`,
  "mentor capacity is 1–10, self-reports 0–80 hours, surveys 1–5": `
    SELECT "personId" FROM "MentorProfile" WHERE capacity NOT BETWEEN 1 AND 10
    UNION ALL SELECT id FROM "SelfReport" WHERE hours NOT BETWEEN 0 AND 80
    UNION ALL SELECT "enrollmentId" FROM "FeedbackSurvey"
      WHERE overall NOT BETWEEN 1 AND 5 OR "mentorSupport" NOT BETWEEN 1 AND 5`,
  "one person per platform identity, and identities of persons that exist": `
    SELECT i.id FROM "Identity" i LEFT JOIN "Person" p ON p.id = i."personId" WHERE p.id IS NULL`,
  "display names are readable: not empty, no control characters, not huge": `
    SELECT id, "displayName" FROM "Person"
    WHERE btrim("displayName") = '' OR "displayName" ~ '[\\x01-\\x1F\\x7F]' OR length("displayName") > 200`,
  // PostgreSQL refuses NUL and surrogates in text outright; JSON could keep them escaped (\u0000), so look there.
  "no NUL or surrogate escapes hide in JSON columns": `
    SELECT id::text FROM "AuditLog" WHERE details::text ~* '\\\\u(0000|d[89a-f][0-9a-f]{2})'
    UNION ALL SELECT id FROM "OutboxMessage" WHERE payload::text ~* '\\\\u(0000|d[89a-f][0-9a-f]{2})'`,
};

async function brokenInvariants(db: TestDatabase): Promise<Record<string, unknown[]>> {
  const broken: Record<string, unknown[]> = {};
  for (const [rule, sql] of Object.entries(INVARIANTS)) {
    const rows = await db.sql.query<Record<string, unknown>>(sql);
    if (rows.length > 0) broken[rule] = rows.slice(0, 5);
  }
  return broken;
}

// ---------------------------------------------------------------- the properties

let db: TestDatabase;
let s: Seeded;
beforeEach(async () => {
  db = await testDatabase();
  s = await seed(db);
}, 120_000);
afterEach(async () => {
  await db.close();
});

describe("generated inputs through the chat layer", () => {
  it("the invariants hold on the seeded program (the checks can see a broken row)", async () => {
    expect(await brokenInvariants(db)).toEqual({});
    // A check that cannot fail proves nothing: break one rule on purpose and see it reported.
    await db.sql.exec(`UPDATE "Project" SET slots = 0 WHERE slug = 'k8s-ops'`);
    expect(Object.keys(await brokenInvariants(db))).toEqual([
      "a project's slots, stipend and currency are within bounds",
    ]);
  });

  it(`every command with generated arguments, and the form it opens submitted (${RUNS} runs)`, async () => {
    const commands = allCommands();
    const line = fc.oneof(
      // Mostly as many arguments as the command takes, so lookups, permissions and forms are reached.
      {
        weight: 8,
        arbitrary: fc
          .constantFrom(...commands)
          .chain((spec) =>
            fc
              .oneof(
                { weight: 3, arbitrary: fc.tuple(...spec.args.map(argument)) },
                { weight: 1, arbitrary: fc.array(word, { maxLength: 4 }) },
              )
              .map((args) => [...spec.path, ...args.map(quote)].join(" ")),
          ),
      },
      { weight: 1, arbitrary: fc.array(word, { maxLength: 5 }).map((words) => words.join(" ")) },
      { weight: 1, arbitrary: nasty },
    );
    let forms = 0;
    let answered = 0;
    await fc.assert(
      fc.asyncProperty(identity, line, fc.gen(), async (who, text, gen) => {
        const views = await s.chat.command(who, text);
        if (!views.some((v) => v.type === "message" && v.tone === "error")) answered++;
        const failed = failures(views, s, { who, text });
        if (failed) throw new Error(failed);
        const form = views.find((v): v is FormView => v.type === "form");
        if (!form) return;
        forms++;
        const suggestions = Object.fromEntries(
          form.fields.map((f) => [f.id, [...(f.options ?? []).map((o) => o.value), ...(f.initial ? [f.initial] : [])]]),
        );
        const values = gen(() =>
          formValues(
            form.fields.map((f) => f.id),
            suggestions,
          ),
        );
        const result = await s.chat.submit(who, form.form, form.context, values);
        const failedSubmit = submitFailures(
          result,
          form.fields.map((f) => f.id),
          s,
          { who, text, values },
        );
        if (failedSubmit) throw new Error(failedSubmit);
      }),
      params,
    );
    // Most generated lines must do something, or the fuzzing only exercises the parser's refusals.
    const reached = `${forms} forms submitted, ${answered} lines answered without a refusal, of ${RUNS}`;
    expect(forms, reached).toBeGreaterThan(RUNS / 50);
    // (A sixth: forms that cannot succeed, such as a started term's checkpoints, are refused before they open.)
    expect(answered, reached).toBeGreaterThan(RUNS / 6);
    expect(await brokenInvariants(db)).toEqual({});
  });

  it(`every form with generated values and contexts (${RUNS} runs)`, async () => {
    const forms = allForms();
    expect(forms.length).toBeGreaterThanOrEqual(18);
    const context = fc.oneof(fc.constantFrom(...s.contexts), fc.constantFrom(...s.ids), nasty);
    const submission = fc.constantFrom(...forms).chain((spec) => {
      const fields = Object.keys(spec.schema.shape);
      return fc.record({
        form: fc.constant(spec.id),
        fields: fc.constant(fields),
        context,
        values: formValues(fields),
      });
    });
    const unknownForm = fc.record({
      // A generated name can happen to be a real form's ("apply"): that is a submission missing its fields.
      form: nasty.filter((name) => !forms.some((spec) => spec.id === name)),
      fields: fc.constant<string[]>(["x"]),
      context,
      values: formValues(["x"]),
    });
    let refusedFields = 0;
    await fc.assert(
      fc.asyncProperty(
        identity,
        fc.oneof({ weight: 19, arbitrary: submission }, { weight: 1, arbitrary: unknownForm }),
        async (who, sub) => {
          const result = await s.chat.submit(who, sub.form, sub.context, sub.values);
          if (!result.ok) refusedFields++;
          const failed = submitFailures(result, sub.fields, s, { who, ...sub });
          if (failed) throw new Error(failed);
        },
      ),
      params,
    );
    expect(refusedFields).toBeGreaterThan(0);
    expect(await brokenInvariants(db)).toEqual({});
  });

  it(`the same request two or three times at once, as a double click (${Math.round(RUNS / 10)} runs)`, async () => {
    // Fitting values only: a race needs the first copy to succeed. On PGlite transactions take turns;
    // on PostgreSQL (DATABASE_URL) the copies truly run together.
    const fitting = (arg: ArgSpec) => fc.constantFrom(...(arg.choices ? NAMES[arg.choices] : WORDS));
    const commandLine = fc
      .constantFrom(...allCommands())
      .chain((spec) => fc.tuple(...spec.args.map(fitting)).map((args) => [...spec.path, ...args.map(quote)].join(" ")));
    const press = fc.tuple(fc.constantFrom(...allActions().map((a) => a.id)), fc.constantFrom(...s.ids));
    const request = fc.oneof(
      commandLine.map((line) => ({ kind: "command" as const, line })),
      press.map(([action, value]) => ({ kind: "action" as const, action, value })),
    );
    let races = 0;
    await fc.assert(
      fc.asyncProperty(identity, request, fc.integer({ min: 2, max: 3 }), fc.gen(), async (who, r, copies, gen) => {
        const many = <T>(send: () => Promise<T>) => Promise.all(Array.from({ length: copies }, send));
        const answers: View[][] = [];
        if (r.kind === "action") answers.push(...(await many(() => s.chat.action(who, r.action, r.value))));
        else {
          const views = await s.chat.command(who, r.line);
          answers.push(views);
          const form = views.find((v): v is FormView => v.type === "form");
          if (form) {
            // The form is submitted several times at once, with the values its fields suggest.
            const ids = form.fields.map((f) => f.id);
            const record: Record<string, fc.Arbitrary<string>> = {};
            for (const f of form.fields) {
              const suggested = [...(f.options ?? []).map((o) => o.value), ...(f.initial ? [f.initial] : [])];
              const values = [...suggested, ...(FIELD_VALUES[f.id] ?? [])];
              record[f.id] = values.length ? fc.constantFrom(...values) : fc.constant("x");
            }
            const values = gen(() => fc.record(record));
            races++;
            for (const result of await many(() => s.chat.submit(who, form.form, form.context, values))) {
              const failed = submitFailures(result, ids, s, { who, ...r, values, copies });
              if (failed) throw new Error(failed);
            }
          } else answers.push(...(await many(() => s.chat.command(who, r.line))));
        }
        for (const views of answers) {
          const failed = failures(views, s, { who, ...r, copies });
          if (failed) throw new Error(failed);
        }
      }),
      { ...params, numRuns: Math.round(RUNS / 10) },
    );
    expect(races).toBeGreaterThan(0);
    expect(await brokenInvariants(db)).toEqual({});
  });

  it(`every button with generated values (${RUNS} runs)`, async () => {
    const actions = allActions().map((a) => a.id);
    const value = fc.oneof(
      { weight: 3, arbitrary: fc.constantFrom(...s.ids, ...s.contexts) },
      { weight: 1, arbitrary: nasty },
    );
    const actionId = fc.oneof({ weight: 19, arbitrary: fc.constantFrom(...actions) }, { weight: 1, arbitrary: nasty });
    await fc.assert(
      fc.asyncProperty(identity, actionId, value, async (who, action, v) => {
        const views = await s.chat.action(who, action, v);
        const failed = failures(views, s, { who, action, value: v });
        if (failed) throw new Error(failed);
      }),
      params,
    );
    expect(await brokenInvariants(db)).toEqual({});
  });

  it("first contacts of one new person at once create one person, none answered with an internal error", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.stringMatching(/^U[A-Z0-9]{4,10}$/),
        fc.integer({ min: 2, max: 6 }),
        fc.oneof(fc.constant("Zoë"), nasty),
        async (externalId, n, name) => {
          const who: IdentityRef = { platform: "slack", externalId, displayName: name };
          const answers = await Promise.all(Array.from({ length: n }, () => s.chat.command(who, "profile show")));
          for (const views of answers) {
            const failed = failures(views, s, { who, n });
            if (failed) throw new Error(failed);
          }
          const [row] = await db.sql.query<{ n: string }>(
            `SELECT count(*) AS n FROM "Identity" WHERE platform = 'slack' AND "externalId" = '${externalId}'`,
          );
          expect(Number(row!.n)).toBe(1);
        },
      ),
      { ...params, numRuns: Math.max(20, Math.round(RUNS / 35)) },
    );
    const [orphans] = await db.sql.query<{ n: string }>(
      `SELECT count(*) AS n FROM "Person" p WHERE NOT EXISTS (SELECT 1 FROM "Identity" i WHERE i."personId" = p.id)`,
    );
    // A race must not leave a person behind without the identity that names them.
    expect(Number(orphans!.n)).toBe(0);
  });
});
