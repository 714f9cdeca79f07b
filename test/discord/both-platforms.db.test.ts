// Slack and Discord served by one process.
import { describe, expect, it } from "vitest";
import { startBot } from "../../src/app.js";
import { loadConfig } from "../../src/config.js";
import { createLogger } from "../../src/log.js";
import { testDatabase } from "../support/database.js";
import { APPLICATION_ID, FakeDiscord } from "../support/fake-discord.js";
import { FakeSlack, SlackUser } from "../support/fake-slack.js";
import { DiscordUser } from "../support/discord.js";
import { blockText } from "../support/slack.js";

describe("one bot process", () => {
  it("serves Slack and Discord at once", async () => {
    const db = await testDatabase();
    const slack = new FakeSlack();
    const discord = new FakeDiscord();
    await Promise.all([slack.start(), discord.start()]);
    const config = loadConfig({
      SLACK_BOT_TOKEN: "xoxb-x",
      SLACK_SIGNING_SECRET: "secret",
      SLACK_API_URL: `${slack.base}/api/`,
      DISCORD_TOKEN: "t",
      DISCORD_APPLICATION_ID: APPLICATION_ID,
      DISCORD_API_URL: `${discord.base}/api`,
      LOG_LEVEL: "silent",
    });
    const bot = await startBot({
      config,
      log: createLogger("silent"),
      database: db,
      scheduler: false,
      port: 0,
      slackRetries: 0,
    });
    try {
      const onSlack = new SlackUser("UADA", "ada", {
        bot: `http://127.0.0.1:${bot.http!.port}`,
        fake: slack,
        secret: "secret",
      });
      await onSlack.command("help");
      const onDiscord = await new DiscordUser("ada", "900000000000000123", {
        bot,
        fake: discord,
        idOf: (name) => name,
      }).command("help");
      await bot.idle();
      expect(blockText(slack.responses.at(-1)!.body.blocks as never)).toContain("/mentorship help");
      expect(JSON.stringify(onDiscord.data.embeds)).toContain("/mentorship help");
      expect((await db.prisma.identity.findMany()).map((i) => i.platform).sort()).toEqual(["discord", "slack"]);
    } finally {
      await bot.stop();
      await Promise.all([slack.stop(), discord.stop()]);
      await db.close();
    }
  });
});
