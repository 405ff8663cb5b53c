export * from './shared/problem.js';
export * from './http1/token-list.js';
export * from './websocket/frame-record.js';
