import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { discordCommands } from "../../src/adapters/discord/commands.js";
import { APPLICATION_ID, FakeDiscord } from "../support/fake-discord.js";

describe("the Discord command", () => {
  it("in manifests/discord-commands.json matches the command tree (run `npm run manifests` after changing it)", () => {
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

  it("stays within Discord's 8,000 characters of names, descriptions and values per command", () => {
    // Discord counts every name, description and choice value of a command, its options' included.
    const count = (o: Record<string, unknown>): number =>
      String(o.name ?? "").length +
      String(o.description ?? "").length +
      ((o.choices as { value: unknown }[] | undefined) ?? []).reduce((n, c) => n + String(c.value).length, 0) +
      ((o.options as Record<string, unknown>[] | undefined) ?? []).reduce((n, c) => n + count(c), 0);
    const [command] = discordCommands() as unknown as Record<string, unknown>[];
    expect(count(command!)).toBeGreaterThan(1000);
    expect(count(command!)).toBeLessThanOrEqual(8000);
  });

  it("offers Discord's channel picker for the digest channel, in servers and direct messages", () => {
    const json = JSON.stringify(discordCommands());
    expect(json).toContain('"name":"channel","description":"the channel (a #channel mention or its id)"');
    const [command] = discordCommands() as unknown as Record<string, unknown>[];
    const admin = (command!.options as { name: string; options: { name: string; options: unknown[] }[] }[]).find(
      (o) => o.name === "admin",
    )!;
    const digestChannel = admin.options.find((o) => o.name === "digest-channel")!;
    expect(digestChannel.options).toContainEqual(expect.objectContaining({ name: "channel", type: 7 }));
    expect(command).toMatchObject({ contexts: [0, 1], integration_types: [0] });
    expect(command).not.toHaveProperty("dm_permission");
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
