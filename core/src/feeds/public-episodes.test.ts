import { describe, expect, it } from 'vitest';
import { publicEpisodeUrl } from './public-episodes';

const dest = { remoteDir: '/srv/shows/', publicBaseUrl: 'https://example.org/pod' };
const delivered = (remotePath: string | null) => ({
  transferStatus: 'COMPLETED' as const,
  remotePath,
});

describe('publicEpisodeUrl', () => {
  it('is the path inside the remote folder under publicBaseUrl, each segment encoded', () => {
    expect(publicEpisodeUrl(dest, delivered('/srv/shows/2026-12-02 Morning Show.mp3'))).toBe(
      'https://example.org/pod/2026-12-02%20Morning%20Show.mp3',
    );
    expect(publicEpisodeUrl(dest, delivered('/srv/shows/a/b (2).mp3'))).toBe(
      'https://example.org/pod/a/b%20(2).mp3',
    );
  });

  it('works for a folder relative to the login folder, and for the login folder itself', () => {
    const relative = { remoteDir: 'upload', publicBaseUrl: 'http://h/x' };
    expect(publicEpisodeUrl(relative, delivered('upload/s.mp3'))).toBe('http://h/x/s.mp3');
    const login = { remoteDir: '  ', publicBaseUrl: 'http://h/x' };
    expect(publicEpisodeUrl(login, delivered('s.mp3'))).toBe('http://h/x/s.mp3');
  });

  it('is null without publicBaseUrl, before the delivery, and outside the remote folder', () => {
    expect(publicEpisodeUrl(null, delivered('/srv/shows/s.mp3'))).toBeNull();
    expect(
      publicEpisodeUrl({ ...dest, publicBaseUrl: null }, delivered('/srv/shows/s.mp3')),
    ).toBeNull();
    expect(
      publicEpisodeUrl(dest, { transferStatus: 'PENDING', remotePath: '/srv/shows/s.mp3' }),
    ).toBeNull();
    expect(publicEpisodeUrl(dest, delivered(null))).toBeNull();
    expect(publicEpisodeUrl(dest, delivered('/srv/other/s.mp3'))).toBeNull();
    expect(publicEpisodeUrl(dest, delivered('/srv/shows-old/s.mp3'))).toBeNull();
    expect(publicEpisodeUrl(dest, delivered('srv/shows/s.mp3'))).toBeNull();
  });
});
