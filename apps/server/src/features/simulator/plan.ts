/**
 * The simulator's plan for one request, decided before the content is read: which status, which
 * options, whether to send 100 Continue. Stored on the request for the later hooks.
 */
import type { InterimRecord } from './diagnostic.js';
import {
  isOptionProblem,
  OPTION_HEADERS,
  parseOptions,
  type OptionProblem,
  type SimOptions,
} from './options.js';
import { statusCodeProblem } from './status-code.js';
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
    const problem = statusCodeProblem(codeParam);
    if (problem !== undefined) {
      return { type: 'invalid-status-code', parameter: 'code', detail: problem };
    }
    pathCode = Number(codeParam);
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
  if (code === 206 && options.body === '') {
    // RFC 9110 §14.1.1: of a zero-length representation only a suffix-range is "satisfiable",
    // and even that selects no byte; §14.4: a Content-Range whose last-pos is below its
    // first-pos is invalid, and `bytes */0` belongs to a 416 (§15.5.17), not to a 206. So no
    // 206 can be built from empty content. We answer 400 rather than a 416 because the fault is
    // the option, not the request's Range: without a Range (or with an ignored one) a 416 would
    // be wrong too, and the answer would not depend on what the client asked for.
    return {
      type: 'invalid-option',
      parameter: bodyParameter(query, rawHeaders),
      detail:
        'a 206 Partial Content carries a range of the content, and an empty body has no byte to take one from (RFC 9110 §14.1.1, §14.4, §15.3.7); give a non-empty body or leave it out for the built-in sample',
    };
  }
  return { code, pathCode, options, skipBody: false, interim: [], notes };
}

/** Where the body option came from: `body` in the query, else the field as the client spelled it. */
function bodyParameter(
  query: Record<string, string | string[] | undefined>,
  rawHeaders: readonly string[],
): string {
  if (query.body !== undefined) return 'body';
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    if (rawHeaders[i]!.toLowerCase() === OPTION_HEADERS.body) return rawHeaders[i]!;
  }
  return 'body';
}

/** Type guard for the problem branch of {@link makePlan}. */
export function isPlanProblem(value: SimPlan | PlanProblem): value is PlanProblem {
  return 'parameter' in value;
}
