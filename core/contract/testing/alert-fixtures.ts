/**
 * Test support: the alert events as the tests expect them, written out (not read from
 * ALERT_EVENTS: a test that compares the contract with itself could not fail). Not exported from
 * the contract's index.
 */

/** Every event a channel can pick, in the order the API and the forms list them. */
export const EVERY_ALERT_EVENT = [
  'recording.failed',
  'recording.missed',
  'recording.dead-air',
  'transfer.failed',
  'preflight.failed',
  'disk.low',
  'recording.completed',
];

/** What a new channel picks when it names none: every event but `recording.completed`. */
export const EVENTS_OF_A_NEW_CHANNEL = EVERY_ALERT_EVENT.filter(
  (event) => event !== 'recording.completed',
);
