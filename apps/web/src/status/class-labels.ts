import type { StatusClass } from '@switchyard/catalog';

/** RFC 9110 §15 class names. 1xx is "Informational", never "success". */
export const classLabels: Record<StatusClass, string> = {
  informational: '1xx Informational',
  successful: '2xx Successful',
  redirection: '3xx Redirection',
  'client-error': '4xx Client Error',
  'server-error': '5xx Server Error',
};

/** Classes in code order. */
export const classOrder: readonly StatusClass[] = [
  'informational',
  'successful',
  'redirection',
  'client-error',
  'server-error',
];
