// Every environment variable the bot reads, validated at startup. A bad value
// stops the bot with one message naming each problem and how to fix it.
import cron from "node-cron";
import { z } from "zod";

const optionalText = z
  .string()
  .trim()
  .transform((value) => (value === "" ? undefined : value))
  .optional();

const url = (what: string) =>
  optionalText.refine((value) => value === undefined || URL.canParse(value), {
    message: `must be a full URL such as http://127.0.0.1:8080/${what}`,
  });

const operatorPattern = /^(slack|discord|console):[^\s,]+$/;

export const configSchema = z
  .object({
    DATABASE_URL: optionalText.refine(
      (value) => value === undefined || value === "memory://" || /^postgres(ql)?:\/\/.+/.test(value),
      {
        message: "must be postgresql://user@host:5432/database, memory:// (nothing kept), or unset (embedded database)",
      },
    ),
    MENTORSHIP_DATA_DIR: optionalText.default("./data"),
    LOG_LEVEL: z
      .enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"], {
        message: "must be one of fatal, error, warn, info, debug, trace, silent",
      })
      .default("info"),
    PORT: z.coerce
      .number({ message: "must be a port number from 1 to 65535" })
      .int({ message: "must be a port number from 1 to 65535" })
      .min(1, { message: "must be a port number from 1 to 65535" })
      .max(65535, { message: "must be a port number from 1 to 65535" })
      .default(3000),
    MENTORSHIP_OPERATORS: optionalText
      .default("console:operator")
      .transform((value) =>
        (value ?? "")
          .split(",")
          .map((entry) => entry.trim())
          .filter(Boolean),
      )
      .refine((entries) => entries.every((entry) => operatorPattern.test(entry)), {
        message:
          "must be a comma-separated list of platform:id, e.g. slack:U0123ABCD,discord:81234567890,console:operator",
      }),
    MENTORSHIP_TICK_CRON: optionalText.default("* * * * *").refine((value) => cron.validate(value ?? ""), {
      message: 'must be a cron expression such as "* * * * *" (every minute) or "*/5 * * * *"',
    }),
    MENTORSHIP_ESCALATE_AFTER_HOURS: z.coerce
      .number({ message: "must be a number of hours from 1 to 720" })
      .min(1, { message: "must be a number of hours from 1 to 720" })
      .max(720, { message: "must be a number of hours from 1 to 720" })
      .default(48),
    SLACK_BOT_TOKEN: optionalText.refine((value) => value === undefined || value.startsWith("xoxb-"), {
      message: "must be a bot token starting with xoxb- (Slack app → OAuth & Permissions)",
    }),
    SLACK_SIGNING_SECRET: optionalText,
    SLACK_APP_TOKEN: optionalText.refine((value) => value === undefined || value.startsWith("xapp-"), {
      message: "must be an app-level token starting with xapp- (Slack app → Basic Information → App-Level Tokens)",
    }),
    SLACK_API_URL: url("api/"),
    DISCORD_TOKEN: optionalText,
    DISCORD_APPLICATION_ID: optionalText.refine((value) => value === undefined || /^\d{5,25}$/.test(value), {
      message: "must be the numeric application id (Discord Developer Portal → General Information)",
    }),
    DISCORD_GUILD_ID: optionalText.refine((value) => value === undefined || /^\d{5,25}$/.test(value), {
      message: "must be a numeric server (guild) id",
    }),
    DISCORD_API_URL: url("api"),
    DISCORD_PUBLIC_KEY: optionalText.refine((value) => value === undefined || /^[0-9a-fA-F]{64}$/.test(value), {
      message:
        "must be the application's public key, 64 hexadecimal characters " +
        "(Discord Developer Portal → General Information → Public Key)",
    }),
  })
  .superRefine((env, ctx) => {
    const pairs: [keyof typeof env, keyof typeof env][] = [
      ["SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET"],
      ["SLACK_SIGNING_SECRET", "SLACK_BOT_TOKEN"],
      ["SLACK_APP_TOKEN", "SLACK_BOT_TOKEN"],
      ["DISCORD_TOKEN", "DISCORD_APPLICATION_ID"],
      ["DISCORD_APPLICATION_ID", "DISCORD_TOKEN"],
      ["DISCORD_PUBLIC_KEY", "DISCORD_TOKEN"],
    ];
    for (const [present, needed] of pairs) {
      if (env[present] !== undefined && env[needed] === undefined) {
        ctx.addIssue({ code: "custom", path: [needed], message: `must be set too, because ${present} is set` });
      }
    }
  });

export type Config = z.infer<typeof configSchema>;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(
      [
        "The bot cannot start: its configuration has problems.",
        ...problems.map((p) => `  - ${p}`),
        "Fix the environment variables above (see the README's Configuration table) and start it again.",
      ].join("\n"),
    );
  }
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const result = configSchema.safeParse(env);
  if (result.success) return result.data;
  throw new ConfigError(
    result.error.issues.map((issue) => {
      const name = String(issue.path[0] ?? "environment");
      const value = env[name];
      return `${name}${value === undefined ? "" : `=${JSON.stringify(value)}`} ${issue.message}`;
    }),
  );
}

/** For entry points: the configuration, or its problems on stderr and exit code 2. */
export function loadConfigOrExit(env: NodeJS.ProcessEnv = process.env): Config {
  try {
    return loadConfig(env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(2);
  }
}

export function hasSlack(config: Config): boolean {
  return config.SLACK_BOT_TOKEN !== undefined;
}

export function hasDiscord(config: Config): boolean {
  return config.DISCORD_TOKEN !== undefined;
}
