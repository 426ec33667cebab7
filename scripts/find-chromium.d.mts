// Types for find-chromium.mjs.
export function findChromium(env?: NodeJS.ProcessEnv): { path: string; why?: undefined } | { path?: undefined; why: string };
