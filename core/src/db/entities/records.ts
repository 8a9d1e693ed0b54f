// TEMPORARY (issue 12): the records moved to core/src/db/records.ts. This re-export serves the
// session code that still imports the db layer directly (the exception list of the lint rule in
// eslint.config.js); it goes when that list goes.
export type * from '../records';
