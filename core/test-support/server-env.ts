// Test-only: the environment every test and benchmark gives the built server (or its launcher).

/**
 * This process's PATH and HOME, loopback only, no free-disk floor, info logs in UTC; then `env`
 * (the port, DATA_DIR, the API key and whatever the test is about).
 */
export function serverEnv(env: Record<string, string>): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: process.env.HOME ?? '/root',
    TZ: 'UTC',
    LOG_LEVEL: 'info',
    MIN_FREE_DISK_MB: '0',
    HOST: '127.0.0.1',
    ...env,
  };
}
