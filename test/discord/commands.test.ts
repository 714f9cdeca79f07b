import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { discordCommands } from "../../src/adapters/discord/commands.js";
import { APPLICATION_ID, FakeDiscord } from "../support/fake-discord.js";

describe("the Discord command", () => {
  it("in manifests/discord-commands.json is what the command tree generates (run `npm run manifests` after changing commands)", () => {
    expect(JSON.parse(readFileSync("manifests/discord-commands.json", "utf8"))).toEqual(discordCommands());
  });

  it("stays within Discord's limits", () => {
    const [command] = discordCommands() as {
      name: string;
      options: {
        name: string;
        description: string;
        options?: { name: string; description: string; options?: unknown[] }[];
      }[];
    }[];
    expect(command!.options.length).toBeLessThanOrEqual(25);
    const names = (o: {
      name: string;
      description: string;
      options?: unknown[];
    }): { name: string; description: string }[] => [o, ...((o.options ?? []) as never[]).flatMap(names)];
    for (const option of command!.options.flatMap(names)) {
      expect(option.name).toMatch(/^[-_a-z0-9]{1,32}$/);
      expect(option.description.length).toBeGreaterThan(0);
      expect(option.description.length).toBeLessThanOrEqual(100);
    }
  });

  describe("npm run discord:register", () => {
    const fake = new FakeDiscord();
    beforeAll(() => fake.start());
    afterAll(() => fake.stop());
    const register = (env: Record<string, string>) =>
      promisify(execFile)(process.execPath, ["--import", "tsx", "scripts/discord-register.ts"], {
        env: {
          PATH: process.env.PATH ?? "",
          DISCORD_TOKEN: "t",
          DISCORD_APPLICATION_ID: APPLICATION_ID,
          DISCORD_API_URL: `${fake.base}/api`,
          ...env,
        },
      });

    it("registers in one server when DISCORD_GUILD_ID is set, otherwise globally", async () => {
      await register({ DISCORD_GUILD_ID: "900000000000000099" });
      await register({});
      const puts = fake.calls.filter((c) => c.method === "PUT");
      expect(puts.map((c) => c.path)).toEqual([
        `/applications/${APPLICATION_ID}/guilds/900000000000000099/commands`,
        `/applications/${APPLICATION_ID}/commands`,
      ]);
      expect(puts[0]!.body).toEqual(discordCommands());
    }, 60_000);
  });
});
