/**
 * Weighted random status choice (`200:0.7,429:0.3`). The random source is passed in so tests can
 * make the choice deterministic (DESIGN.md convention 7).
 */
import { statusCodeProblem } from './status-code.js';

/** A source of numbers in [0, 1), like `Math.random`. */
export type RandomSource = () => number;

export interface WeightedChoice {
  code: number;
  weight: number;
}

/**
 * Parses `code[:weight],...`; a code without a weight weighs 1. Returns an error message naming
 * the faulty item instead of throwing.
 */
export function parseWeighted(spec: string): WeightedChoice[] | string {
  const items = spec.split(',').map((item) => item.trim());
  if (items.length > 50) return 'at most 50 choices';
  const choices: WeightedChoice[] = [];
  for (const item of items) {
    const match = /^(\d+)(?::(\d+(?:\.\d+)?|\.\d+))?$/.exec(item);
    if (!match) return `${JSON.stringify(item)} is not code[:weight] (e.g. 200:0.7)`;
    // The code as written (not as a number: "0200" is not 200, it is no status code at all).
    const problem = statusCodeProblem(match[1]!);
    if (problem !== undefined) return problem;
    const code = Number(match[1]);
    const weight = match[2] === undefined ? 1 : Number(match[2]);
    if (!Number.isFinite(weight)) return `${JSON.stringify(item)} has an invalid weight`;
    choices.push({ code, weight });
  }
  if (choices.reduce((sum, c) => sum + c.weight, 0) <= 0) return 'the weights add up to 0';
  return choices;
}

/** Picks one code; each is chosen with probability weight / total. */
export function pickWeighted(choices: readonly WeightedChoice[], random: RandomSource): number {
  const total = choices.reduce((sum, c) => sum + c.weight, 0);
  let point = Math.min(Math.max(random(), 0), 0.999_999_999) * total;
  for (const choice of choices) {
    if (point < choice.weight) return choice.code;
    point -= choice.weight;
  }
  // Rounding can leave `point` a hair past the last weight: the last non-zero choice wins.
  return [...choices].reverse().find((c) => c.weight > 0)?.code ?? choices[0]!.code;
}
