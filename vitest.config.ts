import { fileURLToPath } from 'node:url';
import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vitest/config';

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
          // the container test needs the image: `npm run test:container` builds it and runs it
          exclude: ['core/test-support/container/**', 'node_modules/**'],
          environment: 'node',
          globalSetup: ['core/test-support/global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          // real servers and real ffmpeg on 2 cores: one file at a time keeps timings honest
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
