// Finds what a person names in a command: a program by its slug, a term as
// "program/term" (or just the term when that is unambiguous), a project as
// "program/term/project" (or just its slug), a person by mention.
import type { Platform } from "../generated/prisma/client.js";
import type { Tx } from "./context.js";
import { InvalidInput, notFound } from "./errors.js";
import { command, say } from "./sentence.js";

export async function findProgram(tx: Tx, slug: string) {
  const program = await tx.program.findUnique({ where: { slug: slug.toLowerCase() } });
  if (!program) throw notFound(say`There is no program "${slug}". ${command("programs")} lists them.`);
  return program;
}

export async function findTerm(tx: Tx, ref: string) {
  const parts = ref.toLowerCase().split("/");
  const [programSlug, termName] = parts.length === 2 ? parts : [undefined, parts[0]];
  const terms = await tx.term.findMany({
    where: { name: termName ?? "", ...(programSlug ? { program: { slug: programSlug } } : {}) },
    include: { program: true },
  });
  return single(terms, `term "${ref}"`, (t) => `${t.program.slug}/${t.name}`, "terms");
}

export async function findProject(tx: Tx, ref: string) {
  const parts = ref.toLowerCase().split("/");
  const slug = parts.at(-1) ?? "";
  const termName = parts.length >= 2 ? parts.at(-2) : undefined;
  const programSlug = parts.length === 3 ? parts[0] : undefined;
  const projects = await tx.project.findMany({
    where: {
      slug,
      ...(termName ? { term: { name: termName, ...(programSlug ? { program: { slug: programSlug } } : {}) } } : {}),
    },
    include: { term: { include: { program: true } } },
    orderBy: { term: { startAt: "desc" } },
  });
  // A bare slug means the project in its newest term when older terms reuse it.
  const candidates = termName ? projects : projects.filter((p) => p.termId === projects[0]?.termId);
  return single(candidates, `project "${ref}"`, projectRef, "projects");
}

export const projectRef = (p: { slug: string; term: { name: string; program: { slug: string } } }) =>
  `${p.term.program.slug}/${p.term.name}/${p.slug}`;

/** `list` is the command that lists what was looked for. */
function single<T>(found: T[], what: string, name: (item: T) => string, list: string): T {
  if (found.length === 1) return found[0]!;
  if (found.length === 0) throw notFound(say`There is no ${what}. ${command(list)} lists them.`);
  throw notFound(`Several match ${what}: ${found.map(name).join(", ")}. Use the full name.`);
}

/**
 * The person a mention names: `<@U123>` (Slack), `<@123>` (Discord) or
 * `@ada` (console). Someone named before they ever spoke to the bot is
 * created, so an administrator can be added before their first command.
 */
export async function findOrCreatePerson(tx: Tx, platform: Platform, mention: string) {
  const externalId = parseMention(platform, mention);
  if (!externalId) throw notFound(notAPerson([mention], platform));
  const identity = await tx.identity.findUnique({
    where: { platform_externalId: { platform, externalId } },
    include: { person: true },
  });
  if (identity) return identity.person;
  // The same new person named in two requests at once: the second insert waits for the first and
  // yields to it (ON CONFLICT DO NOTHING) instead of failing on the unique key.
  const displayName =
    platform === "console" ? (consoleName(mention.trim().replace(/^@/, "")) ?? externalId) : externalId;
  const person = await tx.person.create({ data: { displayName } });
  const data = [{ personId: person.id, platform, externalId }];
  const { count } = await tx.identity.createMany({ data, skipDuplicates: true });
  if (count > 0) return person;
  await tx.person.delete({ where: { id: person.id } });
  const where = { platform_externalId: { platform, externalId } };
  return (await tx.identity.findUniqueOrThrow({ where, include: { person: true } })).person;
}

/**
 * Checks every person named in a form's field before anything is written, so one bad mention among
 * several is asked again in that field instead of ending the form.
 */
export function checkMentions(platform: Platform, mentions: readonly string[], field: string): void {
  const bad = mentions.filter((m) => !parseMention(platform, m));
  if (bad.length > 0) {
    throw new InvalidInput({ [field]: notAPerson(bad, platform) });
  }
}

function parseMention(platform: Platform, mention: string): string | undefined {
  // Platform user ids are short (Slack U0123ABCD, Discord snowflakes of about 19 digits).
  const tagged = /^<@!?([A-Za-z0-9]{1,40})(\|[^>]*)?>$/.exec(mention.trim());
  if (tagged) return tagged[1];
  if (platform === "console") return consoleName(mention.trim().replace(/^@/, ""))?.toLowerCase();
  return undefined;
}

/**
 * A person's name on the console (`/as 李小龙`, a mention `@José`): one word of letters and digits of any
 * script, with their marks, dots, dashes and underscores, at most 40. The console's one rule for names, so
 * whoever `/as` lets act can be mentioned. Composed (NFC): an é typed as e and an accent is the same person.
 */
export function consoleName(text: string): string | undefined {
  const name = text.normalize("NFC");
  return /^[\p{L}\p{M}\p{N}._-]{1,40}$/u.test(name) ? name : undefined;
}

const notAPerson = (mentions: string[], platform: Platform) =>
  `${mentions.map((m) => `"${m}"`).join(", ")} ${mentions.length === 1 ? "does" : "do"} not name a person. ` +
  `Mention them, e.g. ${mentionExample(platform)}.`;

const mentionExample = (platform: Platform) => (platform === "console" ? "@ada" : "@Ada");
