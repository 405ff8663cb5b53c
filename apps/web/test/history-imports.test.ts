/** A HAR import and its original share method and target: the history list tells them apart. */
import { afterEach, describe, expect, it } from 'vitest';
import type { Exchange } from '@switchyard/exchange';
import { clearHistory, readHistory } from '../src/history/history-store.js';
import { recordExchangeVisit } from '../src/history/record-exchange-visit.js';

afterEach(() => clearHistory());

const visit = (id: string, source: Exchange['source']) =>
  recordExchangeVisit({
    id,
    source,
    request: { method: 'GET', target: '/ws/echo', httpVersion: '1.1', headers: [] },
    response: { status: 101, reason: 'Switching Protocols', httpVersion: '1.1', headers: [] },
  } as unknown as Exchange);

describe('history entries of imported exchanges', () => {
  it('marks an import, and only an import', () => {
    visit('original', 'capture');
    visit('copy', 'import');
    const [copy, original] = readHistory();
    expect(copy).toMatchObject({ id: 'copy', summary: 'GET /ws/echo (imported from HAR)' });
    expect(original).toMatchObject({ id: 'original', summary: 'GET /ws/echo', status: 101 });
  });
});
