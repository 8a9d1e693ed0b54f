import type { LogEntry } from '../../contract';
import { tightenExisting } from '../../src/config/private-files';
import type { ServerCore } from '../build-server';
import { formatLogLine } from '../startup/stdout-log';
import { createAuthService, type AuthService } from './auth-service';
import { Credentials } from './credentials';
import { fileLoginSessionStore, LoginSessions } from './login-sessions';
import { authDir } from './secret-files';

/**
 * The server's credentials and logins, kept under CONFIG_DIR/auth. A generated password is shown
 * exactly once, as one line on stdout (the container's log), whatever the log level. It is stored
 * nowhere else: not in recorder.log, not in the log the UI and /api/logs show, not in the event
 * stream.
 */
export async function createServerAuth(
  core: ServerCore,
  secureCookies: boolean,
): Promise<AuthService> {
  const { settings } = core;
  // the owner's only, also what an older version left readable to others
  tightenExisting(authDir(settings.configDir), (message) => core.logger.warn(message));
  const credentials = await Credentials.load({
    configDir: settings.configDir,
    apiKey: settings.apiKey,
    adminPassword: settings.adminPassword,
    announce(message) {
      const entry: LogEntry = { time: new Date().toISOString(), level: 'warn', message };
      process.stdout.write(formatLogLine(entry));
    },
    info: (message) => core.logger.info(message),
  });
  const sessions = await LoginSessions.open(fileLoginSessionStore(settings.configDir));
  return createAuthService({ credentials, sessions, secureCookies });
}
