import { apiRoute } from "@/lib/api/route";
import { getDatabase } from "@/lib/server/database";
import { loadLanguages } from "@/lib/numbers/server/store";

export const dynamic = "force-dynamic";

/** Every compared language with its words for 1..10 (as the phrasebook gives them). */
export const GET = apiRoute(async () => {
  const db = await getDatabase();
  const languages = await loadLanguages(db);
  return Response.json(languages.map(({ name, words }) => ({ name, words })));
});
