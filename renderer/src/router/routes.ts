import type { RouteRecordRaw, RouteRecordSingleView } from 'vue-router';

declare module 'vue-router' {
  interface RouteMeta {
    /** Reachable without a login (the login page). */
    public?: boolean;
    /** The title of the page (the browser tab and the header). */
    title?: string;
  }
}

/** A page of the app's layout at `path`, named `name`, with its title. */
function page(
  path: string,
  name: string,
  title: string,
  component: RouteRecordSingleView['component'],
): RouteRecordRaw {
  return { path, name, component, meta: { title } };
}

/** The pages; the navigation lists those with a title (see components/AppNavigation.vue). */
export const routes: RouteRecordRaw[] = [
  {
    path: '/login',
    name: 'login',
    component: () => import('../views/LoginView.vue'),
    meta: { public: true, title: 'Log in' },
  },
  {
    path: '/',
    component: () => import('../components/AppLayout.vue'),
    children: [
      page('', 'dashboard', 'Dashboard', () => import('../views/DashboardView.vue')),
      page('streams', 'streams', 'Streams', () => import('../views/StreamsView.vue')),
      page('schedules', 'schedules', 'Schedules', () => import('../views/SchedulesView.vue')),
      page('calendar', 'calendar', 'Calendar', () => import('../views/CalendarView.vue')),
      page('recordings', 'recordings', 'Recordings', () => import('../views/RecordingsView.vue')),
      page(
        'destinations',
        'destinations',
        'Destinations',
        () => import('../views/DestinationsView.vue'),
      ),
      page('logs', 'logs', 'Logs', () => import('../views/LogsView.vue')),
      page('settings', 'settings', 'Settings', () => import('../views/SettingsView.vue')),
    ],
  },
  { path: '/:pathMatch(.*)*', redirect: { name: 'dashboard' } },
];
