import { describe, expect, it } from 'vitest';
import { decodeIcyText, streamTitleOf } from './icy-title';

function block(text: string | Buffer): Buffer {
  const body = typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
  const padded = Buffer.alloc(Math.ceil(body.length / 16) * 16);
  body.copy(padded);
  return padded;
}

describe('streamTitleOf', () => {
  it('reads the title of a block, padding and other fields ignored', () => {
    expect(streamTitleOf(block("StreamTitle='Artist - Song';StreamUrl='http://x/';"))).toBe(
      'Artist - Song',
    );
    expect(streamTitleOf(block("StreamTitle='Rock 'n' Roll';"))).toBe("Rock 'n' Roll");
    expect(streamTitleOf(block("StreamUrl='x';"))).toBeUndefined();
    expect(streamTitleOf(block("StreamTitle='';"))).toBe('');
  });

  it('decodes UTF-8 when it is valid, else Latin-1', () => {
    expect(streamTitleOf(block("StreamTitle='Björk – Jóga';"))).toBe('Björk – Jóga');
    const latin1 = Buffer.from("StreamTitle='Motörhead - Ace of Spades';", 'latin1');
    expect(streamTitleOf(block(latin1))).toBe('Motörhead - Ace of Spades');
    expect(decodeIcyText(Buffer.from([0x63, 0x61, 0x66, 0xe9, 0, 0]))).toBe('café');
  });
});
