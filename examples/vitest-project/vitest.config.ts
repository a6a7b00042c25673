import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // A scenario simulates minutes to hours of cluster time; a few seconds of wall clock each.
    testTimeout: 60_000,
  },
});
