import { useEffect, useMemo, useRef, useState } from 'react';
import type { ExchangeFinding } from '@switchyard/exchange';
import type { LiveLinter } from '@switchyard/lint';
import type { LintModule } from '../warnings/use-lint.js';
import type { LiveState } from './live-state.js';

/**
 * Findings of a live exchange: the handshake rules re-run when a head arrives; the frame rules
 * run incrementally (`createLiveLinter`), each frame linted once, and the end-of-connection
 * rules once it has ended. The same rules as the server's `lintExchange`.
 */
export function useLiveFindings(lint: LintModule | undefined, state: LiveState): ExchangeFinding[] {
  const { exchange, frames, frameCount, ended } = state;
  const handshake = useMemo(() => {
    if (!lint) return [];
    // Frames are linted incrementally below; here only the heads.
    const heads = { ...exchange, findings: [] };
    delete heads.websocket;
    return lint.lintExchange(heads);
  }, [lint, exchange]);

  const linter = useRef<{ live: LiveLinter; pushed: number; finished: boolean } | null>(null);
  const [frameFindings, setFrameFindings] = useState<ExchangeFinding[]>([]);
  const hasResponse = exchange.response !== undefined;

  useEffect(() => {
    if (!lint || !hasResponse) return;
    if (!linter.current) {
      linter.current = { live: lint.createLiveLinter(exchange), pushed: 0, finished: false };
    }
    const current = linter.current;
    const found: ExchangeFinding[] = [];
    for (; current.pushed < frameCount; current.pushed++) {
      const frame = frames[current.pushed];
      if (frame) found.push(...current.live.push(frame));
    }
    if (ended && !current.finished) {
      current.finished = true;
      found.push(...current.live.finish());
    }
    if (found.length > 0) setFrameFindings((f) => [...f, ...found]);
    // The linter is built once, from the handshake; later heads do not change negotiation.
  }, [lint, hasResponse, frames, frameCount, ended]);

  return useMemo(() => [...handshake, ...frameFindings], [handshake, frameFindings]);
}
