// The dashboard's first-run checklist (issue 15, point 3): what a new install needs, in order,
// and which of it is done, from the app's real state.

/** What the checklist is decided from. */
export interface FirstRunFacts {
  streams: number;
  /**
   * A stream is known to work. The core keeps no record of "Test stream", so this counts: a
   * stream's URL answered "Test stream" in this browser (remembered there), or a stream has a
   * completed recording (its audio arrived, which is what the test checks).
   */
  tested: boolean;
  /** A recording was made (any session, manual or scheduled) or a schedule exists. */
  planned: boolean;
  destinations: number;
}

export type FirstRunStepId = 'stream' | 'test' | 'record' | 'destination';

export interface FirstRunStep {
  id: FirstRunStepId;
  title: string;
  /** What the step is for, in one sentence. */
  help: string;
  done: boolean;
  /** Its buttons can be used: what it needs (a stream) exists. */
  ready: boolean;
}

/** The four steps: add a stream → test it → record now or schedule it → add a destination. */
export function firstRunSteps(facts: FirstRunFacts): FirstRunStep[] {
  const hasStream = facts.streams > 0;
  return [
    {
      id: 'stream',
      title: 'Add a stream',
      help: 'The station to record: its URL and the tags its recordings get.',
      done: hasStream,
      ready: true,
    },
    {
      id: 'test',
      title: 'Test it',
      help: '“Test stream” in the stream’s editor reads a few seconds and shows the codec and bit rate.',
      done: hasStream && facts.tested,
      ready: hasStream,
    },
    {
      id: 'record',
      title: 'Record now or schedule it',
      help: 'Record a few minutes now, or add a schedule such as every weekday at 06:30.',
      done: hasStream && facts.planned,
      ready: hasStream,
    },
    {
      id: 'destination',
      title: 'Add a destination',
      help: 'A server the recordings are delivered to over SFTP. Without one they stay on this machine.',
      done: facts.destinations > 0,
      ready: true,
    },
  ];
}

/** Every step is done: the checklist is not shown any more. */
export function firstRunDone(steps: readonly FirstRunStep[]): boolean {
  return steps.every((step) => step.done);
}

/** What a step's button does (its test id is `first-run-<action>`). */
export type FirstRunAction = 'add-stream' | 'test' | 'record' | 'schedule' | 'add-destination';

export interface FirstRunButton {
  action: FirstRunAction;
  label: string;
  primary: boolean;
}

/**
 * The buttons of a step: none once it is done or while it waits; testing and recording are about
 * the stream named `subject` (none without one).
 */
export function firstRunButtons(step: FirstRunStep, subject: string | null): FirstRunButton[] {
  if (step.done || !step.ready) return [];
  switch (step.id) {
    case 'stream':
      return [{ action: 'add-stream', label: 'Add a stream', primary: true }];
    case 'test':
      return subject === null
        ? []
        : [{ action: 'test', label: `Test “${subject}”`, primary: true }];
    case 'record':
      return subject === null
        ? []
        : [
            { action: 'record', label: 'Record now', primary: true },
            { action: 'schedule', label: 'Add a schedule', primary: false },
          ];
    case 'destination':
      return [{ action: 'add-destination', label: 'Add a destination', primary: true }];
  }
}
