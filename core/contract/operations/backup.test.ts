import { describe, expect, it } from 'vitest';
import { backupDestinationSchema, backupScheduleSchema, backupStreamSchema } from './backup';
import { createDestinationInput } from './destinations';
import { createScheduleInput } from './schedules';
import { createStreamInput } from './streams';

describe('backup entries', () => {
  // a restore checks the fields a create operation takes with that operation's schema: a field
  // added to one and not the other would be restored unchecked, or lost
  it.each([
    ['destinations', backupDestinationSchema, createDestinationInput, ['transferMode']],
    ['streams', backupStreamSchema, createStreamInput, ['artwork']],
    ['schedules', backupScheduleSchema, createScheduleInput, ['lastRunTime']],
  ] as const)(
    '%s hold the fields of their create input, plus their own',
    (_kind, entry, create, own) => {
      const fields = Object.keys(entry.shape).sort();
      expect(fields).toEqual(
        [...Object.keys(create.shape), 'id', 'createdAt', 'updatedAt', ...own].sort(),
      );
    },
  );
});
