import { describe, expect, it } from 'vitest';
import {
  fileNamePatternProblem,
  fileNameTokens,
  isPlainFileName,
  MAX_BASE_NAME_BYTES,
  renderFileName,
  sanitizeBaseName,
  unknownFileNameTokens,
  utf8Length,
} from './file-name';
import { HOSTILE_FILE_NAMES, MORNING_SHOW_TOKENS } from '../testing/naming-fixtures';

const tokens = MORNING_SHOW_TOKENS;

describe('renderFileName', () => {
  it('uses {date} {name} by default', () => {
    expect(renderFileName(undefined, tokens)).toBe('2026-11-24 Morning Show.mp3');
    expect(renderFileName('', tokens)).toBe('2026-11-24 Morning Show.mp3');
    expect(renderFileName('   ', tokens)).toBe('2026-11-24 Morning Show.mp3');
    expect(renderFileName(null, tokens)).toBe('2026-11-24 Morning Show.mp3');
  });

  it('replaces every token', () => {
    expect(renderFileName('{name}|{date}|{time}|{datetime}|{track}|{artist}|{album}', tokens)).toBe(
      'Morning Show_2026-11-24_06-00-00_2026-11-24 06-00-00_2519_Radio X_Mornings.mp3',
    );
    expect(renderFileName('{track} - {name} {name}', tokens)).toBe(
      '2519 - Morning Show Morning Show.mp3',
    );
  });

  it('refuses unknown tokens with the list of known ones (fileNamePatternProblem)', () => {
    expect(fileNamePatternProblem('{date} {nmae}')).toBe(
      'has an unknown token {nmae}: use {name}, {date}, {time}, {datetime}, {track}, {artist} or {album}',
    );
    expect(unknownFileNameTokens('{NAME} {x} {x} { name } {}')).toEqual([
      '{NAME}',
      '{x}',
      '{ name }',
      '{}',
    ]);
    expect(fileNamePatternProblem('{a}{b}')).toMatch(/^has unknown tokens \{a\}, \{b\}: use /);
    expect(
      fileNamePatternProblem('{date} {name} #{track} {time} {datetime} {artist} {album}'),
    ).toBeNull();
    expect(fileNamePatternProblem('')).toBeNull();
    expect(fileNamePatternProblem(null)).toBeNull();
    expect(fileNamePatternProblem('no tokens, a } and a { alone')).toBeNull();
  });

  it('leaves unknown tokens literally', () => {
    expect(renderFileName('{date} {nope} {NAME}', tokens)).toBe('2026-11-24 {nope} {NAME}.mp3');
  });

  it('replaces separators, Windows-illegal and control characters, collapses whitespace', () => {
    const name = renderFileName('{name}', {
      ...tokens,
      name: '  AC/DC \\ live: "best" <of> |all| ?* \t\n\r\u0000 night\u0007  ',
    });
    expect(name).toBe('AC_DC _ live_ _best_ _of_ _all_ __ night.mp3');
  });

  it('removes invisible bidi overrides', () => {
    expect(renderFileName('{name}', { ...tokens, name: 'evil\u202Egpj.exe' })).toBe(
      'evilgpj.exe.mp3',
    );
  });

  it('replaces leading dots and never makes . or ..', () => {
    expect(renderFileName('{name}', { ...tokens, name: '.hidden' })).toBe('_hidden.mp3');
    expect(renderFileName('{name}', { ...tokens, name: '..' })).toBe('recording.mp3');
    expect(renderFileName('.', tokens)).toBe('recording.mp3');
    expect(renderFileName('...x', tokens)).toBe('___x.mp3');
  });

  it('is one plain file name, whatever the pattern or the values', () => {
    const hostile = HOSTILE_FILE_NAMES;

    for (const [pattern, extra] of hostile) {
      const name = renderFileName(pattern, { ...tokens, ...extra });
      expect(name, pattern).not.toMatch(/[/\\]/);
      expect(name.includes('\0'), pattern).toBe(false);
      expect(name.startsWith('.'), pattern).toBe(false);
      expect(name.endsWith('.mp3'), pattern).toBe(true);
      expect(isPlainFileName(name), pattern).toBe(true);
    }
    expect(renderFileName('../../etc/passwd', tokens)).toBe('___.._etc_passwd.mp3');
    expect(renderFileName('{name}', { ...tokens, name: '../x' })).toBe('___x.mp3');
    expect(renderFileName('C:\\Windows\\evil', tokens)).toBe('C__Windows_evil.mp3');
  });

  it('never returns an empty name', () => {
    expect(renderFileName('{name}', { ...tokens, name: '' })).toBe('recording.mp3');
    expect(renderFileName('{name}', { ...tokens, name: ' \u200B\t ' })).toBe('recording.mp3');
  });

  it('does not double the extension', () => {
    expect(renderFileName('{name}.mp3', tokens)).toBe('Morning Show.mp3');
    expect(renderFileName('{name}.MP3.mp3', tokens)).toBe('Morning Show.mp3');
  });

  it('guards Windows device names', () => {
    expect(renderFileName('{name}', { ...tokens, name: 'CON' })).toBe('_CON.mp3');
    expect(renderFileName('{name}', { ...tokens, name: 'nul' })).toBe('_nul.mp3');
    expect(renderFileName('{name}', { ...tokens, name: 'com1.' })).toBe('_com1.mp3');
    expect(renderFileName('{name}', { ...tokens, name: 'Console' })).toBe('Console.mp3');
  });

  it('caps the length in UTF-8 bytes without splitting characters', () => {
    const long = renderFileName('{name}', { ...tokens, name: 'ü'.repeat(500) });
    const base = long.slice(0, -4);
    expect(utf8Length(base)).toBeLessThanOrEqual(MAX_BASE_NAME_BYTES);
    expect(base).toBe('ü'.repeat(MAX_BASE_NAME_BYTES / 2));
    const emoji = renderFileName('{name}', { ...tokens, name: '🎵'.repeat(100) }).slice(0, -4);
    expect(utf8Length(emoji)).toBeLessThanOrEqual(MAX_BASE_NAME_BYTES);
    expect(emoji).toBe('🎵'.repeat(50));
  });

  it('sanitizing is idempotent', () => {
    for (const raw of [
      'a.mp3.mp3',
      ' .x. ',
      'CON',
      '../x',
      'a'.repeat(198) + '.mp3',
      'x .mp3 .mp3',
    ]) {
      const once = sanitizeBaseName(raw);
      expect(sanitizeBaseName(once), raw).toBe(once);
    }
  });
});

describe('fileNameTokens', () => {
  it('reads date and time in the time zone, without colons', () => {
    const t = fileNameTokens({
      streamName: 'Show',
      artist: 'A',
      album: 'B',
      trackNumber: 2519,
      startTime: new Date('2026-11-23T23:30:15Z'),
      timeZone: 'Europe/Berlin',
    });
    expect(t).toEqual({
      name: 'Show',
      date: '2026-11-24',
      time: '00-30-15',
      datetime: '2026-11-24 00-30-15',
      track: 2519,
      artist: 'A',
      album: 'B',
    });
    expect(renderFileName('{datetime} {name}', t)).toBe('2026-11-24 00-30-15 Show.mp3');
  });
});

describe('isPlainFileName', () => {
  it('accepts plain mp3 names and refuses paths', () => {
    expect(isPlainFileName('a b.mp3')).toBe(true);
    for (const bad of [
      '../a.mp3',
      'a/b.mp3',
      'a\\b.mp3',
      '.mp3',
      '.x.mp3',
      'a.wav',
      'C:a.mp3',
      'a\u0000.mp3',
    ]) {
      expect(isPlainFileName(bad), bad).toBe(false);
    }
  });
});
