import type { RouteRecordRaw } from 'vue-router';

declare module 'vue-router' {
  interface RouteMeta {
    /** Reachable without a login (the login page). */
    public?: boolean;
    /** The title of the page (the browser tab and the header). */
    title?: string;
  }
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
      {
        path: '',
        name: 'dashboard',
        component: () => import('../views/DashboardView.vue'),
        meta: { title: 'Dashboard' },
      },
      {
        path: 'streams',
        name: 'streams',
        component: () => import('../views/StreamsView.vue'),
        meta: { title: 'Streams' },
      },
      {
        path: 'schedules',
        name: 'schedules',
        component: () => import('../views/SchedulesView.vue'),
        meta: { title: 'Schedules' },
      },
      {
        path: 'calendar',
        name: 'calendar',
        component: () => import('../views/CalendarView.vue'),
        meta: { title: 'Calendar' },
      },
      {
        path: 'recordings',
        name: 'recordings',
        component: () => import('../views/RecordingsView.vue'),
        meta: { title: 'Recordings' },
      },
      {
        path: 'destinations',
        name: 'destinations',
        component: () => import('../views/DestinationsView.vue'),
        meta: { title: 'Destinations' },
      },
      {
        path: 'logs',
        name: 'logs',
        component: () => import('../views/LogsView.vue'),
        meta: { title: 'Logs' },
      },
      {
        path: 'settings',
        name: 'settings',
        component: () => import('../views/SettingsView.vue'),
        meta: { title: 'Settings' },
      },
    ],
  },
  { path: '/:pathMatch(.*)*', redirect: { name: 'dashboard' } },
];
