import { describe, expect, it } from 'vitest';
import { networkUrlProblem } from '@contract/operations';
import { NO_PODCAST } from '@contract/podcast';
import { draftFromStream, emptyDraft, fieldMessage, toInput, validateDraft } from './stream-draft';
import { goodStreamDraft } from '../../testing/stream-draft';

const good = goodStreamDraft();

describe('validateDraft (the contract schema on what was typed)', () => {
  it('passes a complete stream, and names every missing required field', () => {
    expect(validateDraft(good)).toEqual({});
    expect(Object.keys(validateDraft(emptyDraft())).sort()).toEqual(
      ['album', 'albumArtist', 'artist', 'name', 'streamUrl'].sort(),
    );
    expect(validateDraft(emptyDraft()).name).toBe('Enter a name.');
    expect(validateDraft(emptyDraft()).streamUrl).toBe('Enter the stream URL.');
  });

  it("gives the schema's own message for a URL without a scheme and for a file: URL", () => {
    expect(validateDraft({ ...good, streamUrl: 'radio.example.com/live' }).streamUrl).toBe(
      'This needs a scheme, e.g. https://radio.example.com/live.mp3.',
    );
    const file = validateDraft({ ...good, streamUrl: 'file:///etc/passwd' }).streamUrl;
    expect(file).toBe(`${networkUrlProblem('file:///etc/passwd')}.`);
  });

  it('names one fallback URL by its index', () => {
    const errors = validateDraft({
      ...good,
      fallbackUrls: ['https://ok.example/a', 'concat:a|b', ''],
    });
    expect(Object.keys(errors)).toEqual(['fallbackUrls.1', 'fallbackUrls.2']);
    expect(errors['fallbackUrls.2']).toBe('Enter the URL or remove it.');
  });

  it('leaves genre and pattern optional but bounded', () => {
    expect(validateDraft({ ...good, genre: '', outputFilenamePattern: '  ' })).toEqual({});
    expect(validateDraft({ ...good, genre: 'x'.repeat(101) }).genre).toBe(
      'Must be at most 100 characters.',
    );
  });
});

describe('draft and input', () => {
  it('round-trips a stream; blank optional fields become null only in the schema', () => {
    // what the stream holds and the input sends back as it is
    const carried = {
      outputFilenamePattern: '{date}',
      destinationId: 'd1',
      fallbackUrls: ['https://b.example/x'],
      silenceThresholdDb: -45,
      deadAirSeconds: 0,
      writeCueSheet: true,
    };
    const draft = draftFromStream({
      id: 's1',
      ...good,
      genre: null,
      ...carried,
      podcast: { ...NO_PODCAST, enabled: true, title: 'Mornings' },
      artworkUrl: null,
      createdAt: '',
      updatedAt: '',
    });
    expect(draft.genre).toBe('');
    expect(toInput(draft)).toMatchObject({
      genre: '',
      ...carried,
      // the podcast section is carried through, so saving the form never drops a feed
      podcast: { enabled: true, title: 'Mornings', keepEpisodes: 20 },
    });
  });
});

describe('dead-air fields', () => {
  it('start at -50 dB and 60 s, and a value out of range or a cleared field gets its own message', () => {
    expect(emptyDraft()).toMatchObject({ silenceThresholdDb: -50, deadAirSeconds: 60 });
    expect(validateDraft({ ...good, silenceThresholdDb: -5 }).silenceThresholdDb).toBe(
      'Must be at most -10 dB.',
    );
    expect(validateDraft({ ...good, deadAirSeconds: 2.5 }).deadAirSeconds).toBe(
      'Must be a whole number of seconds.',
    );
    expect(validateDraft({ ...good, deadAirSeconds: -1 }).deadAirSeconds).toBe(
      'Must be 0 (off) or more.',
    );
    expect(validateDraft({ ...good, silenceThresholdDb: null }).silenceThresholdDb).toBe(
      'Enter a level in dB.',
    );
    expect(validateDraft({ ...good, deadAirSeconds: 0 })).toEqual({});
  });
});

describe('fieldMessage', () => {
  it("drops the field name the server's validation messages start with", () => {
    expect(fieldMessage('streamUrl', 'streamUrl: needs a scheme')).toBe('This needs a scheme.');
    expect(fieldMessage('destinationId', 'Destination d9 does not exist.')).toBe(
      'Destination d9 does not exist.',
    );
  });
});
