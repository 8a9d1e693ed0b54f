// @vitest-environment happy-dom
import { flushPromises } from '@vue/test-utils';
import { beforeEach, describe, expect, it } from 'vitest';
import { h } from 'vue';
import { createMemoryHistory, createRouter, type Router } from 'vue-router';
import type { LogEntry, LogLevel } from '@contract';
import { formatDateTime } from '../../format/format';
import { levelAtLeast } from '../../stores/logs';
import { openRoute, pageTest } from '../../testing/page';
import { completedSession } from '../../testing/sessions';
import LogsView from '../../views/LogsView.vue';

const app = pageTest();
let serverLog: LogEntry[];
let router: Router;
let second = 0;

function entry(message: string, level: LogLevel = 'info', sessionId?: string): LogEntry {
  second += 1;
  const time = new Date(Date.UTC(2026, 10, 24, 6, 0, second)).toISOString();
  return sessionId ? { time, level, message, sessionId } : { time, level, message };
}

const Blank = { render: () => h('div') };

beforeEach(() => {
  second = 0;
  serverLog = [
    entry('Server started.'),
    entry('Probing ffmpeg.', 'debug'),
    entry('Disk low.', 'warn'),
  ];
  app.client.handle('logs.list', (input) => ({
    items: serverLog
      .filter((e) => levelAtLeast(e.level, (input.level as LogLevel | undefined) ?? 'debug'))
      .filter((e) => !input.sessionId || e.sessionId === input.sessionId)
      .reverse(),
  }));
  app.client.list('streams.list', () => []);
  app.client.list('sessions.list', () => [
    completedSession('s1', { title: 'Morning Show 2026-11-24' }),
  ]);
  app.client.list('sessions.live', () => []);
  router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/logs', name: 'logs', component: LogsView },
      { path: '/recordings', name: 'recordings', component: Blank },
    ],
  });
});

async function open(path: string) {
  app.keep(await openRoute(router, path));
}

const lines = () =>
  [...document.querySelectorAll('[data-testid="log-line"]')].map((l) => ({
    level: l.getAttribute('data-level'),
    text: l.textContent ?? '',
  }));
const messages = () => lines().map((l) => /(?:INFO|WARN|ERROR|DEBUG)(.*)$/.exec(l.text)?.[1]);

describe('LogsView', () => {
  it('shows the latest lines at info and above, then live lines as they come', async () => {
    await open('/logs');
    expect(app.client.calls.find((c) => c.op === 'logs.list')?.input).toEqual({
      level: 'info',
      limit: 500,
    });
    expect(messages()).toEqual(['Server started.', 'Disk low.']);
    app.client.emit('log', entry('Recording started.', 'info', 's1'));
    app.client.emit('log', entry('ffmpeg frame=12', 'debug', 's1'));
    await flushPromises();
    expect(messages()).toEqual(['Server started.', 'Disk low.', 'Recording started.recording']);
    // a line of a recording links to it
    const link = document.querySelector('[data-testid="log-line-session"]');
    expect(link?.getAttribute('href')).toBe('/recordings?session=s1');
  });

  it('the level filter drops lower lines: choosing Warnings keeps warn and error only', async () => {
    await open('/logs');
    const warn = document.querySelector(
      '[data-testid="logs-level-warn"] input',
    ) as HTMLInputElement;
    warn.click();
    await flushPromises();
    expect(router.currentRoute.value.query).toEqual({ level: 'warn' });
    expect(app.client.calls.at(-1)?.input).toEqual({ level: 'warn', limit: 500 });
    expect(lines().map((l) => l.level)).toEqual(['warn']);
    app.client.emit('log', entry('Recording started.'));
    app.client.emit('log', entry('Transfer failed.', 'error'));
    await flushPromises();
    expect(lines().map((l) => l.level)).toEqual(['warn', 'error']);
  });

  it('?level=debug shows debug lines', async () => {
    await open('/logs?level=debug');
    expect(lines().map((l) => l.level)).toEqual(['info', 'debug', 'warn']);
  });

  it('pausing stops following but keeps collecting lines', async () => {
    await open('/logs');
    const follow = document.querySelector('[data-testid="logs-follow"]') as HTMLElement;
    expect(follow.getAttribute('aria-checked')).toBe('true');
    follow.click();
    await flushPromises();
    expect(follow.getAttribute('aria-checked')).toBe('false');
    expect(document.querySelector('[data-testid="logs-paused"]')).not.toBeNull();
    expect(document.querySelector('[data-testid="log-lines"]')?.getAttribute('aria-live')).toBe(
      'off',
    );
    app.client.emit('log', entry('While paused.'));
    await flushPromises();
    expect(messages().at(-1)).toBe('While paused.');
  });

  it('clear empties the view and says so; new lines still arrive', async () => {
    await open('/logs');
    (document.querySelector('[data-testid="logs-clear"]') as HTMLElement).click();
    await flushPromises();
    expect(lines()).toEqual([]);
    expect(document.querySelector('[data-testid="log-empty"]')?.textContent).toContain(
      'new ones appear here',
    );
    app.client.emit('log', entry('After clearing.'));
    await flushPromises();
    expect(messages()).toEqual(['After clearing.']);
  });

  it('?session=<id> shows only that recording’s lines', async () => {
    serverLog.push(entry('Gap of 4 s.', 'warn', 's1'));
    await open('/logs?session=s1');
    expect(app.client.calls.find((c) => c.op === 'logs.list')?.input).toEqual({
      level: 'info',
      sessionId: 's1',
      limit: 500,
    });
    expect(messages()).toEqual(['Gap of 4 s.recording']);
    app.client.emit('log', entry('Other.', 'warn', 's2'));
    await flushPromises();
    expect(lines()).toHaveLength(1);
  });

  it('dates each line with the UI\'s one formatter, to the second ("Today 14:05:09")', async () => {
    await open('/logs');
    const justNow = new Date().toISOString();
    app.client.emit('log', { time: justNow, level: 'info', message: 'Just now.' });
    await flushPromises();
    const times = [...document.querySelectorAll('[data-testid="log-line"] time')];
    expect(times.map((t) => t.textContent)).toEqual(
      [...serverLog.filter((e) => e.level !== 'debug').map((e) => e.time), justNow].map((iso) =>
        formatDateTime(iso, { seconds: true }),
      ),
    );
    expect(times.at(-1)?.textContent).toMatch(/^(Today|Yesterday) \d\d:\d\d:\d\d\b/);
    for (const time of times) expect(time.textContent).not.toMatch(/T\d\d:|Z$|UTC/);
  });

  it('names the recording of a line by its title, never by its id', async () => {
    await open('/logs');
    app.client.emit('log', entry('Recording started.', 'info', 's1'));
    app.client.emit('log', entry('Gap of 4 s.', 'warn', 'gone-session'));
    await flushPromises();
    const links = [...document.querySelectorAll('[data-testid="log-line-session"]')];
    expect(links.map((l) => l.getAttribute('aria-label'))).toEqual([
      'Open the recording “Morning Show 2026-11-24”',
      // a recording the page does not know (deleted, or older than its list): no id either
      'Open the recording of this line',
    ]);
    expect(links.map((l) => l.getAttribute('href'))).toEqual([
      '/recordings?session=s1',
      '/recordings?session=gone-session',
    ]);
  });

  it('the recording filter names the chosen recording, not its id', async () => {
    await open('/logs?session=s1');
    const filter = () => document.querySelector('[data-testid="logs-session"]')?.textContent ?? '';
    expect(filter()).toContain('Morning Show 2026-11-24');
    expect(filter()).not.toContain('s1');
    await router.replace('/logs?session=gone-session');
    await flushPromises();
    expect(filter()).toContain('The chosen recording');
    expect(filter()).not.toContain('gone-session');
  });
});
