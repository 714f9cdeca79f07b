// The layers' rules, read from the imports themselves: the core decides and imports no layer above it, the
// scheduler does not speak, and platform libraries stay inside their adapters.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const SRC = path.resolve("src");

function sourceFiles(dir: string, extension = /\.ts$/): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "generated" ? [] : sourceFiles(full, extension);
    return extension.test(entry.name) ? [full] : [];
  });
}

/** Every module a file imports (static, dynamic and type imports), resolved to a path under src/ or a package. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, "utf8");
  const specifiers = [...text.matchAll(/(?:from|import)\s*\(?\s*"([^"]+)"/g)].map((m) => m[1] ?? "");
  return specifiers.map((s) => (s.startsWith(".") ? path.relative(SRC, path.resolve(path.dirname(file), s)) : s));
}

const layerOf = (file: string) => path.relative(SRC, file).split(path.sep)[0] ?? "";

describe("the layers", () => {
  const files = sourceFiles(SRC);

  it.each([
    ["core", ["chat", "adapters", "scheduler", "http-server.js", "app.js"]],
    ["scheduler", ["chat", "adapters", "http-server.js", "app.js"]],
    ["chat", ["adapters", "scheduler/scheduler.js", "store/database.js", "app.js"]],
    ["store", ["core", "chat", "adapters", "scheduler"]],
  ])("%s/ imports nothing from %j", (layer, forbidden) => {
    const offending = files
      .filter((file) => layerOf(file) === layer)
      .flatMap((file) => importsOf(file).map((imported) => `${path.relative(SRC, file)} → ${imported}`))
      .filter((edge) => forbidden.some((f) => edge.split(" → ")[1]?.startsWith(f)));
    expect(offending).toEqual([]);
  });

  it("adapters reach the bot only through the chat layer", () => {
    const offending = files
      .filter((file) => layerOf(file) === "adapters")
      .flatMap((file) => importsOf(file).map((imported) => `${path.relative(SRC, file)} → ${imported}`))
      .filter((edge) => /→ (core|store)\//.test(edge));
    expect(offending).toEqual([]);
  });

  it("platform libraries are used only by their adapters", () => {
    const platformOf = (pkg: string) =>
      pkg.startsWith("@slack/") ? "slack" : pkg === "discord.js" || pkg.startsWith("@discordjs/") ? "discord" : "";
    const offending = files.flatMap((file) =>
      importsOf(file)
        .filter((imported) => platformOf(imported) !== "")
        .filter((imported) => !path.relative(SRC, file).startsWith(`adapters${path.sep}${platformOf(imported)}`))
        .map((imported) => `${path.relative(SRC, file)} → ${imported}`),
    );
    expect(offending).toEqual([]);
  });

  it("keeps every line of src/, bench/, scripts/ and test/ within 120 columns", () => {
    const code = ["src", "bench", "scripts", "test"].flatMap((dir) => sourceFiles(path.resolve(dir), /\.m?[jt]s$/));
    const tooLong = code.flatMap((file) =>
      readFileSync(file, "utf8")
        .split("\n")
        .flatMap((line, index) => (line.length > 120 ? [`${path.relative(".", file)}:${index + 1}`] : [])),
    );
    expect(tooLong).toEqual([]);
  });
});
