// The import rules of ARCHITECTURE.md are enforced by ESLint: this checks the rules really fire.
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });

async function ruleIds(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => m.ruleId ?? m.message);
}

/** Expects `code` in `filePath` to break no rule. */
async function expectAllowed(code: string, filePath: string): Promise<void> {
  expect(await ruleIds(code, filePath)).toEqual([]);
}

describe('import boundaries', () => {
  const RESTRICTED = 'no-restricted-imports';
  const DB_ONLY = '@typescript-eslint/no-restricted-imports';
  /** The cases of one rule: each import (`code`, in `file`) is refused with `ruleId`. */
  const refusals = (rule: string, ruleId: string, cases: [code: string, file: string][]) =>
    cases.map(([code, file]) => [rule, code, file, ruleId] as const);

  it.each([
    ...refusals('core/src', RESTRICTED, [
      ["import { app } from 'electron';", 'core/src/pipeline/x.ts'],
      ["import { ref } from 'vue';", 'core/src/recorder/x.ts'],
      ["import { defineStore } from 'pinia';", 'core/src/operations/x.ts'],
      ["import Fastify from 'fastify';", 'core/src/operations/x.ts'],
      ["import { x } from '../../server/app';", 'core/src/pipeline/x.ts'],
    ]),
    ...refusals('core/contract stays pure:', RESTRICTED, [
      ["import { readFile } from 'node:fs';", 'core/contract/x.ts'],
      ["import { DataSource } from 'typeorm';", 'core/contract/x.ts'],
      ["import { x } from '../src/create-core';", 'core/contract/x.ts'],
    ]),
    ...refusals('hosts keep their side:', RESTRICTED, [
      ["import { createCore } from '../../core/src/create-core';", 'renderer/src/x.ts'],
      ["import { ipcRenderer } from 'electron';", 'renderer/src/x.ts'],
      ["import { app } from 'electron';", 'core/server/x.ts'],
    ]),
    ...refusals('only core/src/db touches the database:', DB_ONLY, [
      ["import { In } from 'typeorm';", 'core/src/operations/x.ts'],
      ["import { StreamEntity } from '../db/entities/schemas';", 'core/src/operations/x.ts'],
      ["import type { StreamRecord } from '../db/entities/records';", 'core/src/backup/x.ts'],
      ["import { StreamEntity } from '../src/db/entities/schemas';", 'core/cli/x.ts'],
      ["import { DataSource } from 'typeorm';", 'core/server/x.ts'],
      ["import Sqlite from 'better-sqlite3';", 'electron/main/x.ts'],
    ]),
  ])('%s refuses %s', async (_rule, code, file, ruleId) => {
    expect(await ruleIds(`${code}\nexport const y = 1;\n`, file)).toContain(ruleId);
  });

  it('core/contract may not touch process', async () => {
    expect(await ruleIds('export const y = process.env.X;\n', 'core/contract/x.ts')).toContain(
      'no-restricted-globals',
    );
  });

  it.each([
    "import { createCore } from '@contract/../src/create-core';",
    "import { x } from '@contract/operations/../../server/app';",
    "import { x } from '@contract/..';",
    "import { x } from '@contract/./../../electron/main/csp';",
  ])('the @contract alias cannot leave core/contract: refuses %s', async (code) => {
    expect(await ruleIds(`${code}\nexport const y = 1;\n`, 'renderer/src/x.ts')).toContain(
      'no-restricted-imports',
    );
    const component = `<script setup lang="ts">\n${code}\nconst y = x;\n</script>\n`;
    expect(await ruleIds(component, 'renderer/src/views/X.vue')).toContain('no-restricted-imports');
  });

  it('lets core/src/db, tests and fixtures reach the database, and the rest use repositories', async () => {
    const entities =
      "import { StreamEntity } from './entities/schemas';\nexport const y = StreamEntity;\n";
    await expectAllowed(entities, 'core/src/db/x-repository.ts');
    const seed =
      "import { StreamEntity } from '../db/entities/schemas';\nexport const y = StreamEntity;\n";
    await expectAllowed(seed, 'core/src/operations/x.test.ts');
    await expectAllowed(seed, 'core/src/pipeline/test-fixtures.ts');
    const repository =
      "import type { StreamRecord } from '../db/records';\nimport { createRepositories } from '../db/repositories';\nexport type R = StreamRecord;\nexport const y = createRepositories;\n";
    await expectAllowed(repository, 'core/src/operations/x.ts');
  });

  it("lets a renderer test use the contract's test support", async () => {
    await expectAllowed(
      "import { backupDocument } from '@contract/testing/backup-fixtures';\nexport const y = backupDocument;\n",
      'renderer/src/stores/x.test.ts',
    );
  });

  it('allows what the rules allow', async () => {
    await expectAllowed(
      "import { AppError } from '../../core/contract';\nexport const y = AppError;\n",
      'renderer/src/x.ts',
    );
    await expectAllowed(
      "import { SESSION_STATUSES } from '@contract';\nimport { listSessions } from '@contract/operations';\nexport const y = [SESSION_STATUSES, listSessions];\n",
      'renderer/src/stores/x.ts',
    );
    await expectAllowed("import { z } from 'zod';\nexport const y = z;\n", 'core/contract/x.ts');
    await expectAllowed(
      "import { spawn } from 'node:child_process';\nexport const y = spawn;\n",
      'core/src/ffmpeg/x.ts',
    );
  });
});
