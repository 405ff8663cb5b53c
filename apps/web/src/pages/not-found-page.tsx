import { Link, useLocation } from 'react-router';
import { usePageTitle } from './page-title.js';

/** Any path the UI does not know. */
export function NotFoundPage() {
  const location = useLocation();
  usePageTitle('Not found');
  return (
    <section aria-labelledby="not-found-title" className="max-w-2xl">
      <h1 id="not-found-title" className="text-2xl font-semibold">
        Page not found
      </h1>
      <p className="mt-2">
        Nothing lives at <code className="font-mono break-all">{location.pathname}</code>.
      </p>
      <ul className="mt-4 list-disc pl-6">
        <li>
          <Link className="text-teal-700 underline dark:text-teal-300" to="/">
            Playground
          </Link>
        </li>
        <li>
          <Link className="text-teal-700 underline dark:text-teal-300" to="/status">
            Status codes
          </Link>
        </li>
      </ul>
    </section>
  );
}
