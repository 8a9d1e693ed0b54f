import { describe, expect, it } from 'vitest';
import { placeholderPage } from './placeholder-page';
import { defaultRendererDir, isPagePath } from './renderer';

describe('renderer', () => {
  it('gives the SPA page for paths that do not name a file', () => {
    expect(isPagePath('/')).toBe(true);
    expect(isPagePath('/streams/abc?tab=1')).toBe(true);
    expect(isPagePath('/assets/app.js')).toBe(false);
    expect(isPagePath('/favicon.ico')).toBe(false);
  });

  it('finds out/renderer two levels above the entry point, or RENDERER_DIR', () => {
    expect(defaultRendererDir('file:///app/dist/server/main.js', {})).toBe('/app/out/renderer');
    expect(defaultRendererDir('file:///repo/core/server/main.ts', {})).toBe('/repo/out/renderer');
    expect(defaultRendererDir('file:///x/main.js', { RENDERER_DIR: '/srv/ui' })).toBe('/srv/ui');
  });

  it('has a placeholder page without scripts that links the health check', () => {
    const page = placeholderPage('0.1.0<script>');
    expect(page).not.toMatch(/<script/i);
    expect(page).toContain('href="/api/health"');
    expect(page).toContain('not been built');
  });
});
