// What a person is offered while typing an argument (Discord's autocomplete): only what they may see.
// Programs and terms are public; projects those of terms not yet ended, or the asker's own; people only
// those in the asker's care (mentees of their projects, people of the programs they administer).
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { Chat } from "../../src/chat/chat.js";
import type { Actor } from "../../src/core/context.js";
import { suggestionsFor, type SuggestionKind } from "../../src/core/suggestions.js";
import { createLogger } from "../../src/log.js";
import { testDatabase, type TestDatabase } from "../support/database.js";
import { acceptAda, buildWorld, type Role, type World } from "../support/world.js";

let db: TestDatabase;
let w: World;
beforeEach(async () => {
  db = await testDatabase();
  w = await buildWorld(db);
});
afterEach(() => db.close());

const refs = async (role: Role | "operator", kind: SuggestionKind, typed = "") =>
  (await suggestionsFor(w.core, w.as[role] as Actor, kind, typed)).map((s) => s.ref);

const AFTER_THE_TERM = "2027-07-01T00:00:00Z";

describe("suggestions", () => {
  it("programs and terms: everyone sees them all", async () => {
    for (const role of ["stranger", "mentee", "otherAdministrator"] as const) {
      expect(await refs(role, "program")).toEqual(["cncf", "lfx"]);
      expect(await refs(role, "term")).toEqual(["lfx/2027-spring"]);
    }
  });

  it("projects: everyone sees those of a term not yet ended, matching what was typed", async () => {
    expect(await refs("stranger", "project")).toEqual(["lfx/2027-spring/k8s-ops", "lfx/2027-spring/kernel-docs"]);
    expect(await refs("stranger", "project", "KERN")).toEqual(["lfx/2027-spring/kernel-docs"]);
  });

  it("projects of an ended term: only to their mentors, applicants and the program's administrators", async () => {
    w.clock.set(AFTER_THE_TERM);
    expect(await refs("stranger", "project")).toEqual([]);
    expect(await refs("otherAdministrator", "project")).toEqual([]);
    expect(await refs("mentee", "project")).toEqual(["lfx/2027-spring/kernel-docs"]);
    expect(await refs("otherMentee", "project")).toEqual(["lfx/2027-spring/k8s-ops"]);
    expect(await refs("mentor", "project")).toEqual(["lfx/2027-spring/kernel-docs"]);
    expect(await refs("administrator", "project")).toEqual(["lfx/2027-spring/k8s-ops", "lfx/2027-spring/kernel-docs"]);
  });

  it("mentees: only to their mentors and their program's administrators", async () => {
    expect(await refs("mentor", "mentee")).toEqual([]);
    await acceptAda(w);
    expect(await refs("mentor", "mentee")).toEqual(["ada"]);
    expect(await refs("administrator", "mentee")).toEqual(["ada"]);
    for (const role of [
      "otherMentor",
      "otherAdministrator",
      "mentee",
      "otherMentee",
      "stranger",
      "operator",
    ] as const) {
      expect(await refs(role, "mentee"), role).toEqual([]);
    }
  });

  it("persons: an administrator sees the people of their programs; a stranger or operator no one", async () => {
    await acceptAda(w);
    expect((await refs("administrator", "person")).sort()).toEqual(["ada", "grace", "kelsey", "linus"]);
    expect(await refs("otherAdministrator", "person")).toEqual(["olga"]);
    expect(await refs("mentor", "person")).toEqual(["ada"]);
    expect(await refs("stranger", "person")).toEqual([]);
    expect(await refs("operator", "person")).toEqual([]);
  });

  it("the chat layer labels them and names people as the platform mentions them", async () => {
    await acceptAda(w);
    const chat = new Chat(w.core, createLogger("silent"));
    const linus = { platform: "console" as const, externalId: "linus", displayName: "linus" };
    expect(await chat.suggest(linus, "project", "kernel")).toEqual([
      { label: "Kernel docs (lfx/2027-spring/kernel-docs)", value: "lfx/2027-spring/kernel-docs" },
    ]);
    expect(await chat.suggest(linus, "mentee", "")).toEqual([{ label: "ada", value: "@ada" }]);
    expect(await chat.suggest(linus, "mentee", "\u0000")).toEqual([]);
  });
});
