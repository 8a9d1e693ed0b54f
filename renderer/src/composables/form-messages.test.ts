// The forms of the UI speak with one voice (issue 15 item 6): every message a form can show
// under a field, and above it, is walked here and checked by the contract's one rule of style
// (`fieldMessageStyleProblem`): a sentence, "Enter ..." for a required value left empty, "Must
// ..." for a rule, never the API's field names or "The <label> must ...". A form that words a
// message its own way fails this test.
import { describe, expect, it } from 'vitest';
import { fieldMessageStyleProblem } from '@contract/field-messages';
import { SETTING_NAMES } from '@contract/operations';
import { recordDurationProblem } from '../components/duration-input';
import {
  emptyForm,
  keyFileProblem,
  validateForm,
} from '../components/destinations/destination-form';
import {
  emptyChannelForm,
  validateChannelForm,
  type ChannelForm,
} from '../components/notifications/channel-form';
import {
  newDraft,
  validateDraft as validateSchedule,
} from '../components/schedule-editor/schedule-form';
import { passwordProblems } from '../components/settings/password-problems';
import {
  emptyDraft,
  fieldMessage,
  validateDraft as validateStream,
} from '../components/stream-editor/stream-draft';
import { settingProblem } from '../settings/setting-fields';
import { goodStreamDraft } from '../testing/stream-draft';
import { CHECK_FIELDS_MESSAGE, REFUSED_FIELD_MESSAGE } from './use-form';

/** Every message of `errors`, named by where it comes from. */
function messagesOf(form: string, errors: Record<string, string | undefined>): [string, string][] {
  return Object.entries(errors)
    .filter((entry): entry is [string, string] => entry[1] !== undefined)
    .map(([field, message]) => [`${form} ${field}`, message]);
}

function streamMessages(): [string, string][] {
  const good = goodStreamDraft();
  return [
    ...messagesOf('stream (empty)', validateStream(emptyDraft())),
    ...messagesOf(
      'stream (bad)',
      validateStream({
        ...good,
        name: 'x'.repeat(201),
        streamUrl: 'radio.example.com/live',
        fallbackUrls: ['file:///etc/passwd', '', 'http://'],
        genre: 'g'.repeat(101),
        outputFilenamePattern: '{nmae}',
        silenceThresholdDb: null,
        deadAirSeconds: -1,
        podcast: { ...good.podcast, enabled: true, language: 'not a tag', keepEpisodes: null },
      }),
    ),
    ...messagesOf('stream (out of range)', {
      ...validateStream({ ...good, silenceThresholdDb: -5, deadAirSeconds: 2.5 }),
    }),
  ];
}

function scheduleMessages(): [string, string][] {
  const draft = newDraft({ timezone: '', streamId: 's' });
  return [
    ...messagesOf(
      'schedule (empty)',
      validateSchedule({
        ...draft,
        streamId: null,
        time: null,
        durationMinutes: null,
        padBeforeSeconds: null,
        padAfterSeconds: null,
        maxRetries: null,
      }),
    ),
    ...messagesOf(
      'schedule (bad)',
      validateSchedule({
        ...draft,
        name: 'n'.repeat(101),
        timezone: 'Mars/Olympus',
        durationMinutes: 1441,
        padBeforeSeconds: 2.5,
        padAfterSeconds: 3601,
        maxRetries: 21,
      }),
    ),
    ...messagesOf('schedule (custom, empty)', validateSchedule({ ...draft, mode: 'custom' })),
    ...messagesOf(
      'schedule (custom, seconds)',
      validateSchedule({ ...draft, mode: 'custom', custom: '0 30 6 * * *' }),
    ),
    ...messagesOf(
      'schedule (overlap)',
      validateSchedule({ ...draft, mode: 'custom', custom: '0 * * * *', durationMinutes: 90 }),
    ),
    ...messagesOf('schedule (time)', validateSchedule({ ...draft, time: '25:99' })),
  ];
}

function destinationMessages(): [string, string][] {
  return [
    ...messagesOf('destination (empty)', validateForm(emptyForm())),
    ...messagesOf(
      'destination (bad)',
      validateForm({
        ...emptyForm(),
        name: 'Archive',
        host: 'sftp example',
        port: 70000,
        username: 'a user',
        remoteDir: '/srv',
        privateKey: 'not a key',
        hostKeyFingerprint: 'SHA256:short',
        publicBaseUrl: 'ftp://user:pw@example.org/?x',
      }),
    ),
    ...messagesOf('destination (key path)', validateForm({ ...emptyForm(), keySource: 'path' })),
    ...['', 'ssh-ed25519 AAAAC3 me@host', 'hello', 'x'.repeat(70_000)].map(
      (text): [string, string] => ['destination key file', keyFileProblem(text) ?? ''],
    ),
  ];
}

function channelMessages(): [string, string][] {
  const kinds: Partial<ChannelForm>[] = [
    { kind: 'webhook' },
    { kind: 'webhook', webhookUrl: 'ftp://x.example/', secret: 'short' },
    { kind: 'ntfy', ntfyTopic: '' },
    { kind: 'ntfy', ntfyTopic: 'a topic', priority: 9, token: 'has blanks' },
    { kind: 'email' },
    { kind: 'email', host: 'smtp example', port: 0, from: 'nobody', to: 'a@b.example; nope' },
  ];
  return kinds.flatMap((patch) =>
    messagesOf(`channel (${patch.kind})`, validateChannelForm({ ...emptyChannelForm(), ...patch })),
  );
}

function settingsMessages(): [string, string][] {
  return SETTING_NAMES.flatMap((name) =>
    [null, -1, 1e9, 2.5, 'loud'].map((value): [string, string | undefined] => [
      `setting ${name} = ${String(value)}`,
      settingProblem(name, value),
    ]),
  ).filter((entry): entry is [string, string] => entry[1] !== undefined);
}

function passwordMessages(): [string, string][] {
  return [
    ...messagesOf(
      'password (empty)',
      passwordProblems({ currentPassword: '', newPassword: '', repeat: 'x' }),
    ),
    ...messagesOf(
      'password (short)',
      passwordProblems({ currentPassword: 'old', newPassword: 'short', repeat: 'short' }),
    ),
  ];
}

function recordNowMessages(): [string, string][] {
  return [null, 0, 86_401, 1.5].map((seconds): [string, string] => [
    `record now ${String(seconds)} s`,
    recordDurationProblem(seconds) ?? '',
  ]);
}

/** What the server says of a field, as the forms show it (the server's words, field dropped). */
function refusalMessages(): [string, string][] {
  return [
    ['refusal streamUrl', fieldMessage('streamUrl', 'streamUrl: needs a scheme, e.g. https://x')],
    [
      'refusal outputFilenamePattern',
      fieldMessage(
        'outputFilenamePattern',
        'outputFilenamePattern: has unknown token {nmae}: use {name}',
      ),
    ],
    ['refusal name', fieldMessage('name', 'name: must not be longer than 200 characters')],
  ];
}

describe('the forms speak with one voice', () => {
  const all = [
    ...streamMessages(),
    ...scheduleMessages(),
    ...destinationMessages(),
    ...channelMessages(),
    ...settingsMessages(),
    ...passwordMessages(),
    ...recordNowMessages(),
    ...refusalMessages(),
    ['form: blocked save', CHECK_FIELDS_MESSAGE] as [string, string],
    ['form: refused field', REFUSED_FIELD_MESSAGE] as [string, string],
  ];

  it('walks a good number of messages (every form is in the walk)', () => {
    const forms = new Set(all.map(([where]) => where.split(' ')[0]));
    expect([...forms].sort()).toEqual(
      [
        'channel',
        'destination',
        'form:',
        'password',
        'record',
        'refusal',
        'schedule',
        'setting',
        'stream',
      ].sort(),
    );
    expect(all.length).toBeGreaterThan(60);
  });

  it('words every message one way: a sentence, "Enter ..." or "Must ...", no API field names', () => {
    const stray = all
      .map(([where, message]) => ({ where, message, problem: fieldMessageStyleProblem(message) }))
      .filter((entry) => entry.problem !== null);
    expect(stray).toEqual([]);
  });

  it('asks for an empty required value with "Enter" or "Choose", never "must not be empty"', () => {
    const empties = [
      ...streamMessages().filter(([where]) => where.startsWith('stream (empty)')),
      ...scheduleMessages().filter(([where]) => where.startsWith('schedule (empty)')),
      ...destinationMessages().filter(([where]) => where.startsWith('destination (empty)')),
      ...passwordMessages().filter(([where]) => where.startsWith('password (empty) current')),
      ...recordNowMessages().slice(0, 1),
    ];
    expect(empties.length).toBeGreaterThan(10);
    for (const [where, message] of empties) {
      expect(message, where).toMatch(/^(Enter|Choose|Upload) /);
    }
  });
});
