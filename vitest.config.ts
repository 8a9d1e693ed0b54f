import { fileURLToPath } from 'node:url';
import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vitest/config';

/**
 * Integration files that measure the machine's own timing (event-loop stalls, how fast a killed
 * server frees its port, how early a recording connects): they run after the others, one at a
 * time.
 */
const exclusiveIntegration = [
  'core/server/event-loop.integration.test.ts',
  'core/server/launcher.integration.test.ts',
  // bounds how early ffmpeg is connected and how soon a window's recording returns
  'core/src/recorder/recorder.integration.test.ts',
];

export default defineConfig({
  test: {
    projects: [
      {
        // .vue files compile for component tests, which pick a DOM with
        // `// @vitest-environment happy-dom` at their top; the rest run in Node
        plugins: [vue()],
        // the renderer's `@contract` alias, as renderer/vite.config.ts and tsconfig.web.json name it
        resolve: {
          alias: { '@contract': fileURLToPath(new URL('./core/contract', import.meta.url)) },
        },
        test: {
          name: 'unit',
          include: [
            'core/**/*.test.ts',
            'electron/**/*.test.ts',
            'renderer/**/*.test.ts',
            'scripts/**/*.test.ts',
          ],
          exclude: ['**/*.integration.test.ts', 'node_modules/**'],
          environment: 'node',
          // unmounts what a test mounted, and fails a file that leaves a timer running
          setupFiles: ['scripts/vitest/unit-setup.ts'],
          // a timeout catches a test that hangs, not a slow machine: on 2 shared cores a component
          // test that takes 1 s alone takes over 5 s (vitest's default) when the machine is busy
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'integration',
          include: ['core/**/*.integration.test.ts'],
          // the container test needs the image: `npm run test:container` builds it and runs it;
          // the files that measure the machine's own timing run alone (below)
          exclude: ['core/test-support/container/**', 'node_modules/**', ...exclusiveIntegration],
          environment: 'node',
          globalSetup: ['core/test-support/global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          // each file starts its own servers on ports it picks, and most of a file's time is real
          // recording time: two files at once (scripts/test.sh passes --maxWorkers=2) halve the
          // wall time; the tests wait on conditions and are written for a loaded machine
        },
      },
      {
        test: {
          name: 'integration-exclusive',
          include: exclusiveIntegration,
          environment: 'node',
          globalSetup: ['core/test-support/global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          // these measure how long the process itself stalls or stops: one file at a time, with
          // nothing else of the suite beside them
          fileParallelism: false,
        },
      },
      {
        test: {
          name: 'container',
          include: ['core/test-support/container/**/*.integration.test.ts'],
          environment: 'node',
          globalSetup: ['core/test-support/global-setup.ts'],
          testTimeout: 300_000,
          hookTimeout: 300_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
