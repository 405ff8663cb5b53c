import { useEffect, useState } from 'react';
import type * as Lint from '@switchyard/lint';

/** The lint package's module (loaded lazily; only its types are imported statically). */
export type LintModule = typeof Lint;

let loaded: Promise<LintModule> | undefined;

/** Loads `@switchyard/lint` once, on first use, so it stays out of the initial route's bundle. */
export function loadLint(): Promise<LintModule> {
  loaded ??= import('@switchyard/lint');
  return loaded;
}

/** The load of `@switchyard/lint` when one was started, else undefined (tests wait for it). */
export function lintLoading(): Promise<LintModule> | undefined {
  return loaded;
}

/** The lint module once loaded (undefined until then). */
export function useLint(): LintModule | undefined {
  const [lint, setLint] = useState<LintModule | undefined>(undefined);
  useEffect(() => {
    let live = true;
    void loadLint().then((m) => {
      if (live) setLint(m);
    });
    return () => {
      live = false;
    };
  }, []);
  return lint;
}
