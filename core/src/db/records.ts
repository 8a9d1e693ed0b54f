// The row shapes (plain types, no TypeORM): what the repositories answer and take. Code outside
// core/src/db imports them from here. TEMPORARY (issue 12): they still live in
// entities/records.ts, where the session code imports them until the sessions workstream lands;
// then that file moves here (git mv) in place of this re-export.
export type * from './entities/records';
export type * from './entities/alert-records';
