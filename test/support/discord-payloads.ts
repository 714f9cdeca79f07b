// What Discord would refuse, checked with discord.js's own validating builders and the documented limits
// the builders do not check (10 embeds, 6,000 characters across a message, 2,000 of content). The fake
// Discord answers such a payload as Discord does, with 400 "Invalid Form Body", so every test that drives
// the bot through it (the whole-term runs included) fails on a payload Discord would not take.
import {
  ActionRowBuilder,
  EmbedBuilder,
  embedLength,
  ModalBuilder,
  type APIActionRowComponent,
  type APIComponentInMessageActionRow,
  type APIEmbed,
  type APIModalInteractionResponseCallbackData,
} from "discord.js";

type Message = {
  content?: string;
  embeds?: APIEmbed[];
  components?: APIActionRowComponent<APIComponentInMessageActionRow>[];
};

function checkEmbed(embed: APIEmbed): void {
  const builder = new EmbedBuilder();
  if (embed.title !== undefined) builder.setTitle(embed.title);
  if (embed.description !== undefined) builder.setDescription(embed.description);
  if (embed.color !== undefined) builder.setColor(embed.color);
  if (embed.fields) builder.addFields(...embed.fields);
  if (embed.image) builder.setImage(embed.image.url);
  if (!embed.title && !embed.description && !embed.fields?.length && !embed.image) throw new Error("an empty embed");
}

function checkMessage(message: Message): void {
  const embeds = message.embeds ?? [];
  if (embeds.length > 10) throw new Error(`${embeds.length} embeds (at most 10)`);
  embeds.forEach(checkEmbed);
  const total = embeds.reduce((sum, e) => sum + embedLength(e), 0);
  if (total > 6_000) throw new Error(`${total} characters across the embeds (at most 6,000)`);
  if ((message.content?.length ?? 0) > 2_000) throw new Error("content over 2,000 characters");
  const rows = message.components ?? [];
  if (rows.length > 5) throw new Error(`${rows.length} action rows (at most 5)`);
  for (const row of rows) new ActionRowBuilder(row).toJSON();
}

/** Why Discord would refuse this request body (a message, a webhook, an interaction callback), or undefined. */
export function discordPayloadProblem(body: unknown): string | undefined {
  if (typeof body !== "object" || body === null) return undefined;
  try {
    const b = body as { type?: number; data?: unknown };
    if (typeof b.type === "number" && "data" in b) {
      // An interaction callback: 9 opens a modal; 4 and 7 carry a message; 5 and 6 only defer.
      if (b.type === 9) new ModalBuilder(b.data as APIModalInteractionResponseCallbackData).toJSON();
      else if (b.data && (b.type === 4 || b.type === 7)) checkMessage(b.data as Message);
    } else if ("embeds" in b || "components" in b || "content" in b) checkMessage(b as Message);
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}
