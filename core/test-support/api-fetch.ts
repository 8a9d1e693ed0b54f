// Test-only: one HTTP call to a running server's API, as a client with the API key sends it.

/** What the server answered: the status and the body as text (callers parse it their way). */
export interface ApiAnswer {
  status: number;
  ok: boolean;
  text: string;
}

/**
 * `method path` on `base` with the `x-api-key` header; a `body` goes as JSON (with its
 * content type), no body sends none.
 */
export async function apiFetch(
  base: string,
  apiKey: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<ApiAnswer> {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: {
      'x-api-key': apiKey,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, ok: res.ok, text: await res.text() };
}
