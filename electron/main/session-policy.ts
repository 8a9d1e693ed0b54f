// What the window's session allows: the permissions the page may use, and in development the
// Content-Security-Policy header on the dev server's pages.
import { devServerCsp, type HeadersListener } from './csp';
import { isAllowedPermission } from './window';

/** The part of Electron's Session used here. */
export interface SessionLike {
  setPermissionRequestHandler(
    handler: (contents: unknown, permission: string, grant: (granted: boolean) => void) => void,
  ): void;
  setPermissionCheckHandler(handler: (contents: unknown, permission: string) => boolean): void;
  webRequest: { onHeadersReceived(listener: HeadersListener): void };
}

export function applySessionPolicy(session: SessionLike, options: { devServer?: string }): void {
  session.setPermissionRequestHandler((_contents, permission, grant) =>
    grant(isAllowedPermission(permission)),
  );
  session.setPermissionCheckHandler((_contents, permission) => isAllowedPermission(permission));
  // the built page carries its CSP as a <meta>; the dev server's pages get it as a header
  if (options.devServer) session.webRequest.onHeadersReceived(devServerCsp(options.devServer));
}
