/**
 * The 7x7 search's finds (data/draw/brute/framed.json, `npm run draw:brute:framed`): a
 * small committed file read per request, so a new search shows without a rebuild.
 */
import "server-only";
import fs from "node:fs";
import { projectPath } from "@/lib/paths";
import { framedFileSchema, type FramedFile } from "../core/brute";

// A literal path: Next's file tracer leaves it alone (see lib/movies/server/seed-data.ts).
export const DRAW_FRAMED_FILE = "data/draw/brute/framed.json";

export function loadFramedFile(file: string = DRAW_FRAMED_FILE): FramedFile {
  return framedFileSchema.parse(JSON.parse(fs.readFileSync(/*turbopackIgnore: true*/ projectPath(file), "utf8")));
}
