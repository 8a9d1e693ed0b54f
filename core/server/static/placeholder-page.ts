/**
 * The page served in place of the UI while `out/renderer` is not built: it says so and links to
 * the health check. Static HTML (no script), so the CSP holds; it pretends to be no UI.
 */
export function placeholderPage(version: string): string {
  const v = version.replace(/[^0-9A-Za-z.+-]/g, '');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Audio Stream Recorder</title>
<style>
body { font-family: system-ui, sans-serif; max-width: 40rem; margin: 4rem auto; padding: 0 1rem; line-height: 1.5; color: #222; }
code { background: #f2f2f2; padding: 0.1rem 0.3rem; border-radius: 3px; }
</style>
</head>
<body>
<h1>Audio Stream Recorder</h1>
<p>The server is running (version ${v}), but the web UI has not been built yet.</p>
<p>Build it into <code>out/renderer</code> and restart the server. Meanwhile the HTTP API works:
see <a href="/api/health">/api/health</a>, and send <code>X-Api-Key</code> for everything else.</p>
</body>
</html>
`;
}
