/**
 * Stands where Try it would be on the page of a catalogued code outside 100..599 (999): such a
 * code cannot be tried, because RFC 9110 §15 makes it invalid and the simulator answers 400.
 */
export function InvalidStatusNotice({ code }: { code: number }) {
  return (
    <section
      aria-labelledby="invalid-status-title"
      className="mt-8 rounded-md border border-amber-300 bg-amber-50 p-4 dark:border-amber-800 dark:bg-amber-950"
    >
      <h2 id="invalid-status-title" className="text-lg font-semibold">
        Not valid HTTP, so no Try it
      </h2>
      <p className="mt-1">
        {code} is outside 100..599.{' '}
        <a
          className="text-teal-700 underline dark:text-teal-300"
          href="https://www.rfc-editor.org/rfc/rfc9110#section-15"
          rel="noopener noreferrer"
        >
          RFC 9110 §15
        </a>{' '}
        calls such values invalid and says a client should process the response as a 5xx (Server
        Error). The simulator serves 100..599 only, so this page documents the code and cannot
        produce it.
      </p>
    </section>
  );
}
