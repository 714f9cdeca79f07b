// One command per file under src/chat/commands, all registered by its index.ts: a new file that
// index.ts forgets would be a command nobody can run.
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, expectTypeOf, it } from "vitest";
import { allCommands, type ArgValues, LISTING_ORDER } from "../../src/chat/command-tree.js";
import "../../src/chat/commands/index.js";

const root = join(import.meta.dirname, "../../src/chat/commands");
// Not commands: the index itself and the helpers commands share.
const NOT_COMMANDS = new Set(["index.ts", "common.ts"]);

const commandFiles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? commandFiles(join(dir, entry.name))
      : entry.name.endsWith(".ts") && !NOT_COMMANDS.has(relative(root, join(dir, entry.name)))
        ? [relative(root, join(dir, entry.name))]
        : [],
  );

const imported = [...readFileSync(join(root, "index.ts"), "utf8").matchAll(/^import "\.\/(.+)\.js";$/gm)].map(
  (m) => `${m[1]}.ts`,
);

describe("the command files", () => {
  it("are each imported by commands/index.ts, and the index imports nothing else", () => {
    expect([...imported].sort()).toEqual(commandFiles(root).sort());
  });

  it("are imported in sorted order, so a new one has one obvious place", () => {
    expect(imported).toEqual([...imported].sort());
  });

  it("hold each command at the file its path names", () => {
    const files = new Set(commandFiles(root));
    for (const spec of allCommands()) expect(files).toContain(`${spec.path.join("/")}.ts`);
  });

  it("are all in the listing order help and the platforms use, and it names no other command", () => {
    expect([...LISTING_ORDER].sort()).toEqual(
      allCommands()
        .map((c) => c.path.join(" "))
        .sort(),
    );
  });
});

describe("a command's arguments", () => {
  it("reach run typed: a required one as a string, an optional one as possibly missing", () => {
    type Args = ArgValues<
      readonly [
        { name: "program"; description: string; required: true },
        { name: "status"; description: string; required: false },
      ]
    >;
    expectTypeOf<Args>().toEqualTypeOf<{ program: string; status: string | undefined }>();
  });
});
