// One process under load for bench/discord.ts: our bot with its Discord adapter over the gateway, on a store,
// or the baseline, a bare discord.js client that defers every command and then edits in a constant. Both log
// in to the fake Discord (gateway and REST) that the load generator runs. Like bench/target.ts, it tells its
// parent when it is ready and measures its own event-loop delay and memory when asked.
//   tsx bench/discord-target.ts bare <Discord API URL>
//   tsx bench/discord-target.ts bot <Discord API URL> <DATABASE_URL or a data directory>
import { monitorEventLoopDelay } from "node:perf_hooks";
import { Client, Events, GatewayIntentBits, MessageFlags } from "discord.js";
import { startBot } from "../src/app.js";
import { loadConfig } from "../src/config.js";
import { createLogger } from "../src/log.js";
import { APPLICATION_ID } from "../test/support/fake-discord.js";
import type { FromTarget, ToTarget } from "./target-messages.js";

const send = (message: FromTarget) => process.send?.(message);
const [kind, apiUrl = "", where = ""] = process.argv.slice(2);

let stop: () => Promise<void>;
if (kind === "bare") {
  // The same intents and REST settings as our adapter's client (src/adapters/discord/discord-adapter.ts).
  const client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: apiUrl } });
  client.on(Events.InteractionCreate, async (interaction) => {
    if (!interaction.isChatInputCommand()) return;
    await interaction.deferReply({ flags: MessageFlags.Ephemeral });
    await interaction.editReply("ok");
  });
  const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
  await client.login("bench-token");
  await ready;
  stop = async () => void (await client.destroy());
} else {
  const store = where.startsWith("postgres") ? { DATABASE_URL: where } : {};
  const config = loadConfig({
    DISCORD_TOKEN: "bench-token",
    DISCORD_APPLICATION_ID: APPLICATION_ID,
    DISCORD_API_URL: apiUrl,
    MENTORSHIP_DATA_DIR: store.DATABASE_URL ? "" : where,
    LOG_LEVEL: "silent",
    ...store,
  });
  const bot = await startBot({ config, log: createLogger("silent"), scheduler: false, port: 0 });
  stop = () => bot.stop();
}
// The gateway's READY may still be on its way for our bot: the load generator waits for it at the fake.
send({ ready: true, port: 0 });

let loop = monitorEventLoopDelay({ resolution: 10 });
process.on("message", async (message: ToTarget) => {
  if (message === "measure") {
    loop = monitorEventLoopDelay({ resolution: 10 });
    loop.enable();
    send({ measuring: true });
  } else if (message === "report") {
    loop.disable();
    const rssMiB = process.memoryUsage().rss / 2 ** 20;
    send({ loopDelayP99Ms: loop.percentile(99) / 1e6, loopDelayMaxMs: loop.max / 1e6, rssMiB });
  } else if (message === "stop") {
    await stop();
    send({ stopped: true });
    process.disconnect();
  }
});
