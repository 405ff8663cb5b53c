/**
 * The simulator's plan for one request, decided before the content is read: which status, which
 * options, whether to send 100 Continue. Stored on the request for the later hooks.
 */
import type { InterimRecord } from './diagnostic.js';
import { isOptionProblem, parseOptions, type OptionProblem, type SimOptions } from './options.js';
import { parseWeighted, pickWeighted, type RandomSource } from './weighted-random.js';

export interface SimPlan {
  /** The code the simulator will serve (after a weighted random choice). */
  code: number;
  /** The code written in the path, when it is a single code. */
  pathCode: number | undefined;
  options: SimOptions;
  /** Answer without reading the content (a final status instead of 100 Continue). */
  skipBody: boolean;
  /** 1xx responses already written (the 100 sent before the content was read). */
  interim: InterimRecord[];
  notes: string[];
}

export interface PlanProblem extends OptionProblem {
  type: 'invalid-status-code' | 'invalid-option';
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the simulator's onRequest hook. */
    simPlan?: SimPlan;
  }
}

/**
 * Reads the path's code (a code, or a weighted list such as `200:0.7,429:0.3`) and the options.
 */
export function makePlan(
  codeParam: string,
  query: Record<string, string | string[] | undefined>,
  rawHeaders: readonly string[],
  delayCapMs: number,
  random: RandomSource,
): SimPlan | PlanProblem {
  const options = parseOptions(query, rawHeaders, delayCapMs);
  if (isOptionProblem(options)) return { ...options, type: 'invalid-option' };
  const notes: string[] = [];

  let pathCode: number | undefined;
  let code: number;
  if (/^\d+$/.test(codeParam)) {
    pathCode = Number(codeParam);
    // RFC 9110 §15: a status code is three digits, 100..599.
    if (codeParam.length !== 3 || pathCode < 100 || pathCode > 599) {
      return {
        type: 'invalid-status-code',
        parameter: 'code',
        detail: `${codeParam} is outside 100..599: a status code is three digits whose first is 1-5 (RFC 9110 §15)`,
      };
    }
    code = pathCode;
  } else if (/[:,]/.test(codeParam)) {
    const choices = parseWeighted(codeParam);
    if (typeof choices === 'string') {
      return { type: 'invalid-status-code', parameter: 'code', detail: choices };
    }
    code = pickWeighted(choices, random);
    notes.push(`Weighted random choice from ${codeParam}: ${code}.`);
  } else {
    return {
      type: 'invalid-status-code',
      parameter: 'code',
      detail: `${JSON.stringify(codeParam.slice(0, 64))} is not a status code (a number in 100..599, RFC 9110 §15)`,
    };
  }
  if (options.random) {
    code = pickWeighted(options.random, random);
    notes.push(
      `Weighted random choice from ${options.random.map((c) => `${c.code}:${c.weight}`).join(',')}: ${code}.`,
    );
  }
  return { code, pathCode, options, skipBody: false, interim: [], notes };
}

/** Type guard for the problem branch of {@link makePlan}. */
export function isPlanProblem(value: SimPlan | PlanProblem): value is PlanProblem {
  return 'parameter' in value;
}
