/**
 * POSTs JSON to the server's own API. A failed call is an {@link ApiProblemError} carrying the
 * RFC 9457 problem's title and detail (untrusted text: rendered as text only) and the status.
 */

/** A failed call: the problem's title and detail, and the HTTP status (0: no answer at all). */
export class ApiProblemError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string | undefined,
  ) {
    super(detail ? `${title}: ${detail}` : title);
  }
}

/** The error for a non-2xx answer, from its problem+json body when it has one. */
async function problemError(response: Response): Promise<ApiProblemError> {
  let title = `HTTP ${response.status}`;
  let detail: string | undefined;
  try {
    const problem = (await response.json()) as { title?: unknown; detail?: unknown };
    if (typeof problem.title === 'string') title = problem.title;
    if (typeof problem.detail === 'string') detail = problem.detail;
  } catch {
    detail = response.statusText || undefined;
  }
  return new ApiProblemError(response.status, title, detail);
}

/**
 * POSTs `body` as JSON to `path` and returns the parsed answer; throws {@link ApiProblemError}
 * (status 0 and `unreachable` as its title when no answer came).
 */
export async function postJson(path: string, body: unknown, unreachable: string): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(path, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  } catch (error) {
    throw new ApiProblemError(0, unreachable, error instanceof Error ? error.message : undefined);
  }
  if (!response.ok) throw await problemError(response);
  return response.json();
}
