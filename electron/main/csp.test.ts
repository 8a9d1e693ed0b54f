import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, devServerCsp, type HeadersDetails } from './csp';

const run = (details: HeadersDetails) => {
  let answer: unknown;
  devServerCsp('http://localhost:5174/')(details, (response) => (answer = response));
  return answer;
};

describe('the CSP header in development', () => {
  it("is added to the dev server's pages, keeping their headers", () => {
    expect(
      run({
        url: 'http://localhost:5174/index.html',
        resourceType: 'mainFrame',
        responseHeaders: { 'Content-Type': ['text/html'] },
      }),
    ).toEqual({
      responseHeaders: {
        'Content-Type': ['text/html'],
        'Content-Security-Policy': [contentSecurityPolicy({ devServer: 'http://localhost:5174/' })],
      },
    });
  });

  it("leaves everything else as it came: the dev server's scripts, other origins", () => {
    expect(run({ url: 'http://localhost:5174/src/main.ts', resourceType: 'script' })).toEqual({});
    expect(run({ url: 'http://localhost:9999/index.html', resourceType: 'mainFrame' })).toEqual({});
    expect(
      run({ url: 'recorder-file://app/api/streams/x/artwork', resourceType: 'image' }),
    ).toEqual({});
  });
});
