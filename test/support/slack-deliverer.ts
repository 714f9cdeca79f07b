// One bot process that delivers outbox messages to Slack once, for the kill
// test: `node --import tsx test/support/slack-deliverer.ts` with DATABASE_URL
// (PostgreSQL) and SLACK_API_URL (the test's fake Slack). It uses the bot's own
// Slack sender and dispatcher, and the system clock.
import { webApi } from "@slack/bolt";
import { slackSender } from "../../src/adapters/slack/sender.js";
import { systemClock } from "../../src/core/clock.js";
import type { Core } from "../../src/core/context.js";
import { createLogger } from "../../src/log.js";
import { dispatch } from "../../src/scheduler/dispatcher.js";
import { openDatabase } from "../../src/store/database.js";

const db = await openDatabase({ databaseUrl: process.env.DATABASE_URL!, dataDir: "" });
const core: Core = { db, clock: systemClock, operators: new Set() };
const client = new webApi.WebClient("xoxb-test-token", { slackApiUrl: process.env.SLACK_API_URL! });
await dispatch(
  core,
  slackSender(() => ({ client, log: createLogger("silent") })),
);
await db.close();
