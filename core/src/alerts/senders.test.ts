import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { buildAlert } from '../../contract/alerts';
import { sessionDto } from '../../contract/testing/session-fixtures';
import { emailText } from './email';
import { ntfyHeaders, ntfyHeaderText } from './ntfy';
import { webhookSignature } from './webhook';

const payload = buildAlert({
  event: 'recording.dead-air',
  at: Date.parse('2026-11-24T06:30:00.000Z'),
  timeZone: 'UTC',
  publicUrl: 'https://rec.example.com',
  stream: { id: 's1', name: 'Café Show' },
  session: sessionDto({
    streamId: 's1',
    status: 'COMPLETED',
    plannedDurationSeconds: 1800,
    durationSeconds: 1800,
    silences: [{ at: '2026-11-24T06:10:00.000Z', seconds: 120 }],
    deadAir: true,
  }),
});

describe('webhookSignature', () => {
  it('is sha256= and the hex HMAC-SHA256 of the exact body', () => {
    const body = JSON.stringify(payload);
    const hex = createHmac('sha256', 'k').update(Buffer.from(body, 'utf8')).digest('hex');
    expect(webhookSignature(body, 'k')).toBe(`sha256=${hex}`);
    expect(webhookSignature(`${body} `, 'k')).not.toBe(`sha256=${hex}`);
  });
});

describe('ntfy headers', () => {
  const channel = {
    id: 'n',
    name: 'Phone',
    kind: 'ntfy',
    url: 'https://ntfy.sh/t',
    enabled: true,
    events: ['recording.dead-air'],
    priority: null,
    token: null,
  } as const;

  it('title RFC 2047 encoded when not ASCII; priority by event; tags; click; no token', () => {
    const headers = ntfyHeaders(channel, payload);
    expect(headers).toEqual({
      'Content-Type': 'text/plain; charset=utf-8',
      'User-Agent': 'AudioStreamRecorder',
      Title: `=?UTF-8?B?${Buffer.from('Dead air: Café Show').toString('base64')}?=`,
      Priority: '4',
      Tags: 'mute,recording.dead-air',
      Click: 'https://rec.example.com/recordings?session=sess-1',
    });
  });

  it('the channel priority and the token', () => {
    const headers = ntfyHeaders({ ...channel, priority: 1, token: 'tk_x' }, payload);
    expect(headers).toMatchObject({ Priority: '1', Authorization: 'Bearer tk_x' });
    const completed = ntfyHeaders(channel, { ...payload, event: 'recording.completed' });
    expect(completed).toMatchObject({
      Priority: '3',
      Tags: 'white_check_mark,recording.completed',
    });
  });

  it('ASCII stays as it is, unless it looks like an encoded word', () => {
    expect(ntfyHeaderText('Recording failed: Jazz')).toBe('Recording failed: Jazz');
    expect(ntfyHeaderText('=?x?=')).toBe(`=?UTF-8?B?${Buffer.from('=?x?=').toString('base64')}?=`);
  });
});

describe('emailText', () => {
  it("the message, the link and the facts, as plain text; the time on the app's clock", () => {
    expect(emailText(payload, 'Europe/Berlin')).toBe(
      [
        payload.message,
        '',
        'Open it: https://rec.example.com/recordings?session=sess-1',
        '',
        'Event: recording.dead-air',
        // local and in words, as the UI says it, with the zone it is told in (never ISO/UTC text)
        'At: Tue 24 Nov, 07:30 (Europe/Berlin)',
        'Stream: Café Show',
        '',
        '-- Audio Stream Recorder',
        '',
      ].join('\n'),
    );
    // a recording is named by its title, never by its id
    const titled = { ...payload, session: { ...payload.session!, title: 'Café Show 2026-11-24' } };
    expect(emailText(titled)).toContain('\nRecording: Café Show 2026-11-24\n');
    expect(emailText(titled)).not.toMatch(/^Session: /m);
    // no zone given: UTC, said so
    expect(emailText(payload)).toContain('\nAt: Tue 24 Nov, 06:30 (UTC)\n');
  });
});
