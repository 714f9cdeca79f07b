// `npm run db:migration -- <name>`: writes the next migration as the diff
// between the schema as of the newest migration (kept beside its SQL as
// schema.prisma) and prisma/schema.prisma. Works offline: the diff needs no
// database (see the team's TOOLCHAIN.md).
import { execFileSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { migrationsDirectory, readMigrations } from "../src/store/migrations.js";

const name = process.argv[2] ?? "";
if (!/^[a-z][a-z0-9_]*$/.test(name)) {
  process.stderr.write(
    "Usage: npm run db:migration -- <name>, where name is lowercase letters, digits and _ (e.g. add_mentor_bio).\n",
  );
  process.exit(2);
}

const newest = readMigrations().at(-1);
const from = newest ? path.join(migrationsDirectory, newest.name, "schema.prisma") : undefined;
if (from && !existsSync(from)) {
  process.stderr.write(`${from} is missing; it should hold the schema as of that migration.\n`);
  process.exit(2);
}

const output = execFileSync(
  "node_modules/.bin/prisma",
  [
    "migrate",
    "diff",
    ...(from ? ["--from-schema-datamodel", from] : ["--from-empty"]),
    "--to-schema-datamodel",
    "prisma/schema.prisma",
    "--script",
  ],
  { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] },
);
// The CLI also prints where it found its config on standard output; that line is not SQL.
const sql =
  output
    .split("\n")
    .filter((line) => !line.startsWith("Loaded Prisma config"))
    .join("\n")
    .trimEnd() + "\n";
if (!/\b(CREATE|ALTER|DROP)\b/.test(sql)) {
  process.stdout.write("The schema has not changed since the newest migration; nothing to write.\n");
  process.exit(0);
}

const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
const folder = path.join(migrationsDirectory, `${stamp}_${name}`);
mkdirSync(folder);
writeFileSync(path.join(folder, "migration.sql"), sql);
copyFileSync("prisma/schema.prisma", path.join(folder, "schema.prisma"));
process.stdout.write(
  `Wrote ${path.relative(process.cwd(), folder)}/migration.sql. Read it, then start the bot to apply it.\n`,
);
