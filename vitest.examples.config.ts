import { defineConfig } from "vitest/config";

// `npm run test:examples`: the sample scripts of examples/, each a whole term in a rehearsal (a minute or two).
export default defineConfig({
  test: { include: ["test/examples/**/*.test.ts"], testTimeout: 600_000 },
});
