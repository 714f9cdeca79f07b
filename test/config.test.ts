import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../src/config.js";

function problems(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe("configuration", () => {
  it("defaults to the embedded database in ./data with the console operator", () => {
    const config = loadConfig({});
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.MENTORSHIP_DATA_DIR).toBe("./data");
    expect(config.PORT).toBe(3000);
    expect(config.LOG_LEVEL).toBe("info");
    expect(config.MENTORSHIP_OPERATORS).toEqual(["console:operator"]);
  });

  it("accepts PostgreSQL, memory:// and lists of operators", () => {
    expect(loadConfig({ DATABASE_URL: "postgresql://root@127.0.0.1:5432/test" }).DATABASE_URL).toMatch(/^postgresql/);
    expect(loadConfig({ DATABASE_URL: "memory://" }).DATABASE_URL).toBe("memory://");
    expect(loadConfig({ MENTORSHIP_OPERATORS: "slack:U1, discord:123" }).MENTORSHIP_OPERATORS).toEqual([
      "slack:U1",
      "discord:123",
    ]);
  });

  it("names every bad variable, its value and how to fix it, in one message", () => {
    const found = problems({ DATABASE_URL: "mysql://x", PORT: "abc", LOG_LEVEL: "loud", MENTORSHIP_OPERATORS: "bob" });
    expect(found).toHaveLength(4);
    expect(found[0]).toMatch(/^DATABASE_URL="mysql:\/\/x" must be postgresql:\/\//);
    expect(found.find((p) => p.startsWith("PORT"))).toContain("port number from 1 to 65535");
    expect(found.find((p) => p.startsWith("LOG_LEVEL"))).toContain("one of fatal");
    expect(found.find((p) => p.startsWith("MENTORSHIP_OPERATORS"))).toContain("platform:id");
  });

  it("refuses half a chat configuration", () => {
    expect(problems({ SLACK_BOT_TOKEN: "xoxb-1" })).toEqual([
      expect.stringMatching(/^SLACK_SIGNING_SECRET must be set too, because SLACK_BOT_TOKEN/),
    ]);
    expect(problems({ DISCORD_TOKEN: "t" })).toEqual([
      expect.stringMatching(/^DISCORD_APPLICATION_ID must be set too/),
    ]);
    expect(problems({ SLACK_BOT_TOKEN: "xoxp-1", SLACK_SIGNING_SECRET: "s" })[0]).toContain("xoxb-");
    expect(problems({ PORT: "70000" })[0]).toContain("PORT");
    expect(problems({ SLACK_API_URL: "not a url" })[0]).toContain("full URL");
  });

  it("takes Discord's public key as 64 hexadecimal characters, with the token", () => {
    const discord = { DISCORD_TOKEN: "t", DISCORD_APPLICATION_ID: "900000000000000001" };
    const key = "ab".repeat(32);
    expect(loadConfig({ ...discord, DISCORD_PUBLIC_KEY: key }).DISCORD_PUBLIC_KEY).toBe(key);
    expect(problems({ ...discord, DISCORD_PUBLIC_KEY: "ab".repeat(31) })).toEqual([
      expect.stringMatching(/^DISCORD_PUBLIC_KEY="a.*" must be the application's public key, 64 hexadecimal/),
    ]);
    expect(problems({ ...discord, DISCORD_PUBLIC_KEY: `${"ab".repeat(31)}zz` })[0]).toContain("Public Key");
    expect(problems({ DISCORD_PUBLIC_KEY: key })).toContain(
      "DISCORD_TOKEN must be set too, because DISCORD_PUBLIC_KEY is set",
    );
  });
});
