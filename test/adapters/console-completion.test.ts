import { describe, expect, it } from "vitest";
import "../../src/chat/commands/index.js";
import type { ArgChoices } from "../../src/chat/command-tree.js";
import { complete } from "../../src/adapters/console/completion.js";

const asked: [ArgChoices, string][] = [];
const suggest = async (choices: ArgChoices, typed: string) => {
  asked.push([choices, typed]);
  return choices === "program" ? ["lfx", "lf-energy", "gsoc"] : ["@ada", "@alan"];
};

describe("console completion", () => {
  it("completes the console's own words, then command path words", async () => {
    expect(await complete("/men", suggest, [])).toEqual([["/mentorship "], "/men"]);
    expect(await complete("/mentorship ver", suggest, [])).toEqual([["verify "], "ver"]);
    const [terms] = await complete("/mentorship term ", suggest, []);
    expect(terms).toEqual(expect.arrayContaining(["create ", "open ", "close ", "show "]));
  });

  it("completes an argument with the names the chat layer suggests for its kind, matching what is typed", async () => {
    asked.length = 0;
    expect(await complete("/mentorship admin ledger lf", suggest, [])).toEqual([["lfx ", "lf-energy "], "lf"]);
    expect(asked).toEqual([["program", "lf"]]);
    expect(await complete("/mentorship evaluate @a", suggest, [])).toEqual([["@ada ", "@alan "], "@a"]);
  });

  it("offers nothing for free text, and names used with /as for /as", async () => {
    expect(await complete("/mentorship verify ab", suggest, [])).toEqual([[], "ab"]);
    expect(await complete("/as gr", suggest, ["grace", "ada"])).toEqual([["grace"], "gr"]);
  });
});
