import path from "node:path";

/**
 * An absolute path inside the project (data/, prisma/, public/). The server always runs
 * from the project root; the ignore comment stops Next's tracer from treating the
 * run-time path as "the whole project".
 */
export function projectPath(...parts: string[]): string {
  return path.join(/*turbopackIgnore: true*/ process.cwd(), ...parts);
}
