import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // The reliability suite (kills, outages, fuzzing) has its own command: npm run test:reliability.
    exclude: ["test/reliability/**", "**/node_modules/**"],
    globalSetup: ["test/support/global-setup.ts"],
    setupFiles: ["test/support/setup.ts"],
    // PGlite boots in about half a second per file; Prisma's WASM engines load once per worker.
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // `npm run coverage`: what the suite runs of src/ (the generated Prisma client aside).
    coverage: {
      provider: "v8",
      reporter: ["text-summary", "json-summary"],
      include: ["src/**"],
      exclude: ["src/generated/**"],
    },
  },
});
