import { defineConfig } from 'vitest/config'
import react from '@vitejs/plugin-react'

// Three projects, split by runtime and by what they need:
// - unit:        pure logic (shared, electron main with a mocked `electron`, server pieces), node env
// - renderer:    React components and stores, happy-dom
// - integration: the real servers over real storage engines (SQLite, PostgreSQL)
export default defineConfig({
  test: {
    projects: [
      {
        extends: true,
        test: { name: 'unit', environment: 'node', include: ['test/unit/**/*.test.ts'] },
      },
      {
        extends: true,
        plugins: [react()],
        test: { name: 'renderer', environment: 'happy-dom', include: ['test/unit/**/*.test.tsx'] },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          environment: 'node',
          include: ['test/integration/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          // One file at a time: the PostgreSQL suites share one database server.
          fileParallelism: false,
        },
      },
    ],
  },
})
