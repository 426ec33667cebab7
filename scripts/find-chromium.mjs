// The one rule for which Chromium the e2e tests drive, shared by `npm test` (scripts/test.mjs)
// and the e2e harness (tests/e2e/chromium.ts): CHROMIUM_PATH if set, else `chromium` or
// `chromium-browser` on PATH. Plain JS so `npm test` can use it before anything is compiled.
import fs from "node:fs";
import path from "node:path";

const isExecutable = (file) => {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
};

/** `{ path }` of the Chromium to use, or `{ why }` there is none. */
export function findChromium(env = process.env) {
  const fromEnv = env.CHROMIUM_PATH;
  if (fromEnv) return isExecutable(fromEnv) ? { path: fromEnv } : { why: `CHROMIUM_PATH=${fromEnv} is not an executable file` };
  for (const name of ["chromium", "chromium-browser"]) {
    for (const dir of (env.PATH ?? "").split(path.delimiter).filter(Boolean)) {
      const candidate = path.join(dir, name);
      if (isExecutable(candidate)) return { path: candidate };
    }
  }
  return { why: "no chromium or chromium-browser on PATH and CHROMIUM_PATH is not set (apt-get install chromium)" };
}
