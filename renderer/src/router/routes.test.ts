import { describe, expect, it } from 'vitest';
import { routes } from './routes';

describe('routes', () => {
  it('has the login page and, in the layout, each page with its name and title', () => {
    expect(routes[0]).toMatchObject({ path: '/login', name: 'login', meta: { public: true } });
    const layout = routes.find((route) => route.path === '/');
    expect(layout?.children?.map((child) => [child.path, child.name, child.meta?.title])).toEqual([
      ['', 'dashboard', 'Dashboard'],
      ['streams', 'streams', 'Streams'],
      ['schedules', 'schedules', 'Schedules'],
      ['calendar', 'calendar', 'Calendar'],
      ['recordings', 'recordings', 'Recordings'],
      ['destinations', 'destinations', 'Destinations'],
      ['logs', 'logs', 'Logs'],
      ['settings', 'settings', 'Settings'],
    ]);
    for (const child of layout?.children ?? []) expect(typeof child.component).toBe('function');
  });
});
