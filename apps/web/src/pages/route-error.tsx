import { isRouteErrorResponse, Link, useRouteError } from 'react-router';

/** Shown when a page fails to load or throws while rendering; the message is text, never HTML. */
export function RouteError() {
  const error = useRouteError();
  const message = isRouteErrorResponse(error)
    ? `${error.status} ${error.statusText}`
    : error instanceof Error
      ? error.message
      : String(error);
  return (
    <div role="alert" className="mx-auto max-w-2xl p-6">
      <h1 className="text-xl font-semibold">Something went wrong</h1>
      <p className="mt-2 font-mono text-sm break-words">{message}</p>
      <p className="mt-4">
        <Link className="text-teal-700 underline dark:text-teal-300" to="/">
          Back to the playground
        </Link>
      </p>
    </div>
  );
}
