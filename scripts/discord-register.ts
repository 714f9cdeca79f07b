// `npm run discord:register`: sends the /mentorship command (generated from
// the command tree, as in manifests/discord-commands.json) to Discord: to one
// server when DISCORD_GUILD_ID is set (instant), otherwise globally.
import { REST, Routes } from "discord.js";
import { loadConfigOrExit } from "../src/config.js";
import { discordCommands } from "../src/adapters/discord/commands.js";

const config = loadConfigOrExit();
if (!config.DISCORD_TOKEN || !config.DISCORD_APPLICATION_ID) {
  process.stderr.write(
    "Set DISCORD_TOKEN and DISCORD_APPLICATION_ID (Discord Developer Portal → your application) " +
      "to register the commands.\n",
  );
  process.exit(2);
}
const rest = new REST(config.DISCORD_API_URL ? { api: config.DISCORD_API_URL } : {}).setToken(config.DISCORD_TOKEN);
const route = config.DISCORD_GUILD_ID
  ? Routes.applicationGuildCommands(config.DISCORD_APPLICATION_ID, config.DISCORD_GUILD_ID)
  : Routes.applicationCommands(config.DISCORD_APPLICATION_ID);
await rest.put(route, { body: discordCommands() });
const where = config.DISCORD_GUILD_ID
  ? `in server ${config.DISCORD_GUILD_ID}`
  : "globally (it can take up to an hour to appear everywhere)";
process.stdout.write(`Registered /mentorship ${where}.\n`);
