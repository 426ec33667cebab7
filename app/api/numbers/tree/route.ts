import { apiRoute } from "@/lib/api/route";
import { getDatabase } from "@/lib/server/database";
import { loadTree } from "@/lib/numbers/server/store";

export const dynamic = "force-dynamic";

/** The language tree: nested `{ name?, children? }`, leaves named. */
export const GET = apiRoute(async () => {
  const db = await getDatabase();
  return Response.json(await loadTree(db));
});
