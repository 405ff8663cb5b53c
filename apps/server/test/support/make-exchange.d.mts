import type { Exchange } from '@switchyard/exchange';
export function makeExchange(n: number, padBytes?: number): Exchange;
