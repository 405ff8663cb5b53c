/**
 * HTTP-date recognition (RFC 9110 §5.6.7): IMF-fixdate, and the obsolete RFC 850 and asctime
 * forms a recipient must still accept.
 */
const DAY = '(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)';
const DAY_L = '(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)';
const MONTH = '(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)';
const TIME = '(?:[01]\\d|2[0-3]):[0-5]\\d:(?:[0-5]\\d|60)';

const IMF_FIXDATE = new RegExp(`^${DAY}, \\d{2} ${MONTH} \\d{4} ${TIME} GMT$`);
const RFC850 = new RegExp(`^${DAY_L}, \\d{2}-${MONTH}-\\d{2} ${TIME} GMT$`);
const ASCTIME = new RegExp(`^${DAY} ${MONTH} (?:\\d{2}| \\d) ${TIME} \\d{4}$`);

/** True when `text` is an HTTP-date in any of the three forms. */
export function isHttpDate(text: string): boolean {
  return IMF_FIXDATE.test(text) || RFC850.test(text) || ASCTIME.test(text);
}
