// Types for build-if-needed.mjs (plain JS so `npm test` can use it before anything is compiled).
export function sourceStamp(): string;
export function ensureGenerated(): void;
export function buildIfNeeded(options?: { force?: boolean }): boolean;
