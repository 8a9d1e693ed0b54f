import { describe, expect, it } from 'vitest';
import { remoteFolderOf } from './remote-folder';

describe('remoteFolderOf', () => {
  it('trims the remote folder; a blank one is the login folder', () => {
    expect(remoteFolderOf({ remoteDir: ' /srv/shows ' })).toBe('/srv/shows');
    expect(remoteFolderOf({ remoteDir: 'uploads' })).toBe('uploads');
    expect(remoteFolderOf({ remoteDir: '  ' })).toBe('.');
    expect(remoteFolderOf({ remoteDir: '' })).toBe('.');
  });
});
