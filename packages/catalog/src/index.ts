export type * from './types.js';
export { catalog, getStatus, statusClassOf, describeStatus } from './lookup.js';
