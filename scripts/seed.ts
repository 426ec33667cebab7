// `npm run seed`: migrate and seed the configured database (DATABASE_URL or DATA_DIR).
import { openDatabase, targetFromEnv } from "@/lib/db";

const db = await openDatabase(targetFromEnv());
await db.close();
console.log("[seed] done");
