import {
  createRouter,
  createWebHashHistory,
  createWebHistory,
  type RouteLocationNormalized,
  type RouteLocationRaw,
  type Router,
} from 'vue-router';
import { useAuthStore } from '../stores/auth';
import { routes } from './routes';

export const APP_NAME = 'Audio Stream Recorder';

/** Where the login page sends the user back to (only a path of this app). */
export function redirectTarget(query: unknown): string {
  const value = typeof query === 'string' ? query : '';
  return value.startsWith('/') && !value.startsWith('//') ? value : '/';
}

/**
 * The guard: pages need a login; without one (the server answers `{authenticated: false}` to
 * "who is logged in") the login page opens and brings the user back afterwards. The desktop app
 * has no login.
 */
export async function authGuard(to: RouteLocationNormalized): Promise<true | RouteLocationRaw> {
  const auth = useAuthStore();
  if (!auth.needsLogin) return to.name === 'login' ? { name: 'dashboard' } : true;
  const status = await auth.check();
  if (to.meta.public) {
    return status === 'authenticated' && to.name === 'login'
      ? redirectTarget(to.query.redirect)
      : true;
  }
  if (status === 'authenticated') return true;
  return { name: 'login', query: to.fullPath === '/' ? {} : { redirect: to.fullPath } };
}

/** The router: paths in the URL for the server (which serves index.html for them), #/ in the desktop app (file://). */
export function createAppRouter(history: 'web' | 'hash'): Router {
  const router = createRouter({
    history: history === 'hash' ? createWebHashHistory() : createWebHistory(),
    routes,
  });
  router.beforeEach(authGuard);
  router.afterEach((to) => {
    document.title = to.meta.title ? `${to.meta.title} · ${APP_NAME}` : APP_NAME;
  });
  return router;
}
