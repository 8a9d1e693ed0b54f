import { describe, expect, it } from 'vitest';
import { desktopFileUrl } from '@contract';
import { fileUrl } from './file-url';

describe('fileUrl', () => {
  it('leaves the path alone in the HTTP build (the server serves it)', () => {
    expect(fileUrl('/api/sessions/s1/audio')).toBe('/api/sessions/s1/audio');
  });

  it('maps a contract path to the desktop file scheme', () => {
    expect(desktopFileUrl('/api/streams/a/artwork?v=2')).toBe(
      'recorder-file://app/api/streams/a/artwork?v=2',
    );
  });
});
