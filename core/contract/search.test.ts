import { describe, expect, it } from 'vitest';
import { fileNameOf, foldCase, matchesSearch, searchWords } from './search';

describe('search', () => {
  it('splits a search into case-folded words, none for blank', () => {
    expect(searchWords('  Morning  SHOW ')).toEqual(['morning', 'show']);
    expect(searchWords('')).toEqual([]);
    expect(searchWords(undefined)).toEqual([]);
    expect(searchWords('a b c d e f g h i j')).toHaveLength(8);
  });

  it('folds A–Z only, as SQLite LIKE does', () => {
    expect(foldCase('ÄBC Zürich')).toBe('Äbc zürich');
  });

  it('matches when every word is in one of the texts', () => {
    const texts = ['Morning Show 2026-11-24', 'Radio X', null];
    expect(matchesSearch('morning radio', texts)).toBe(true);
    expect(matchesSearch('MORNING 11-24', texts)).toBe(true);
    expect(matchesSearch('morning jazz', texts)).toBe(false);
    expect(matchesSearch('', texts)).toBe(true);
    expect(matchesSearch('x', [])).toBe(false);
  });

  it('takes the file name of a path', () => {
    expect(fileNameOf('/data/recordings/Show.mp3')).toBe('Show.mp3');
    expect(fileNameOf('C:\\rec\\Show.mp3')).toBe('Show.mp3');
    expect(fileNameOf('Show.mp3')).toBe('Show.mp3');
    expect(fileNameOf(null)).toBeNull();
    expect(fileNameOf('/dir/')).toBeNull();
  });
});
