import { describe, expect, it } from 'vitest';
import {
  hasPlaylistExtension,
  hlsTargetDuration,
  isHlsPlaylist,
  isPlaylistContentType,
  looksLikePlaylist,
  parseM3u,
  parsePlaylistEntries,
  parsePls,
} from './playlist-parse';

const PLS = `[playlist]
NumberOfEntries=3
File2=http://backup.example:8000/live.mp3
Title2=Backup
File1=http://main.example:8000/live.mp3
Title1=Main
Length1=-1
file10 = http://tenth.example/live
Version=2
`;

const M3U = `\uFEFF#EXTM3U
#EXTINF:-1,Main
http://main.example:8000/live.mp3

# comment
relative/live.aac\r
http://main.example:8000/live.mp3
`;

const HLS_MEDIA = `#EXTM3U
#EXT-X-VERSION:3
#EXT-X-TARGETDURATION:6
#EXT-X-MEDIA-SEQUENCE:12
#EXTINF:6.0,
seg12.aac
`;

describe('playlist parsing', () => {
  it('detects playlists by extension (.pls, .m3u, not .m3u8) and by content type', () => {
    expect(hasPlaylistExtension('http://a/listen.pls')).toBe(true);
    expect(hasPlaylistExtension('http://a/listen.M3U?x=1')).toBe(true);
    expect(hasPlaylistExtension('http://a/live.m3u8')).toBe(false);
    expect(hasPlaylistExtension('http://a/live.mp3')).toBe(false);
    expect(hasPlaylistExtension('not a url')).toBe(false);
    expect(isPlaylistContentType('audio/x-scpls')).toBe(true);
    expect(isPlaylistContentType('Audio/X-MpegURL; charset=utf-8')).toBe(true);
    expect(isPlaylistContentType('audio/mpegurl')).toBe(true);
    expect(isPlaylistContentType('audio/mpeg')).toBe(false);
    expect(isPlaylistContentType(null)).toBe(false);
  });

  it('parses PLS entries in File number order', () => {
    expect(parsePls(PLS)).toEqual([
      'http://main.example:8000/live.mp3',
      'http://backup.example:8000/live.mp3',
      'http://tenth.example/live',
    ]);
  });

  it('parses M3U lines, skipping comments and blanks', () => {
    expect(parseM3u(M3U)).toEqual([
      'http://main.example:8000/live.mp3',
      'relative/live.aac',
      'http://main.example:8000/live.mp3',
    ]);
  });

  it('makes entries absolute, removes duplicates, keeps unsafe ones for the policy to refuse', () => {
    expect(parsePlaylistEntries(M3U, 'http://lists.example/radio/list.m3u')).toEqual([
      'http://main.example:8000/live.mp3',
      'http://lists.example/radio/relative/live.aac',
    ]);
    expect(parsePlaylistEntries('file:///etc/passwd\n', 'http://a/x.m3u')).toEqual([
      'file:///etc/passwd',
    ]);
    expect(parsePlaylistEntries(PLS, 'http://a/x.pls')).toHaveLength(3);
    expect(parsePlaylistEntries('', 'http://a/x.pls')).toEqual([]);
  });

  it('tells HLS from plain M3U and reads its target duration', () => {
    expect(isHlsPlaylist(HLS_MEDIA)).toBe(true);
    expect(isHlsPlaylist(M3U)).toBe(false);
    expect(hlsTargetDuration(HLS_MEDIA)).toBe(6);
    expect(hlsTargetDuration('#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=1\nlow.m3u8\n')).toBeUndefined();
  });
});

describe('looksLikePlaylist', () => {
  it('knows a PLS, an M3U, and a bare list of URLs', () => {
    expect(looksLikePlaylist('\ufeff[playlist]\nFile1=http://a/x\n')).toBe(true);
    expect(looksLikePlaylist('#EXTM3U\n#EXTINF:-1,X\nhttp://a/x\n')).toBe(true);
    expect(looksLikePlaylist('http://a/x\r\n# note\nhttps://b/y\n')).toBe(true);
  });

  it('is not fooled by other text', () => {
    expect(looksLikePlaylist('secret-one\nsecret-two\n')).toBe(false);
    expect(looksLikePlaylist('http://a/x\nsome words\n')).toBe(false);
    expect(looksLikePlaylist('<html><body>http://a/x</body></html>')).toBe(false);
    expect(looksLikePlaylist('# only a comment\n')).toBe(false);
    expect(looksLikePlaylist('')).toBe(false);
  });
});
