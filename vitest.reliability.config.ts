// `npm run test:reliability`: what a request, a crash or an outage may do to the bot (see the README's
// "Reliability" table). Slower than `npm test`: processes are killed, servers stopped, inputs generated.
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/reliability/**/*.test.ts"],
    globalSetup: ["test/support/global-setup.ts"],
    setupFiles: ["test/support/setup.ts"],
    testTimeout: 300_000,
    hookTimeout: 120_000,
    // Kills and outages measure time; one file at a time keeps the two cores for the bot under test.
    fileParallelism: false,
  },
});
