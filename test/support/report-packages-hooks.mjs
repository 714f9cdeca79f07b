// The module hooks of report-packages.mjs (they run on Node's hooks thread).
const WATCHED = ["@slack/bolt", "discord.js", "pdfkit"];

export async function resolve(specifier, context, next) {
  if (WATCHED.includes(specifier)) process.stderr.write(`package ${specifier}\n`);
  return next(specifier, context);
}
