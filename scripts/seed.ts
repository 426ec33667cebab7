// `npm run seed`: migrate and seed the configured database (DATABASE_URL or DATA_DIR).
import { openDatabase, targetFromEnv } from "@/lib/db";
import { allSeedSteps } from "@/lib/server/seed-steps";

const db = await openDatabase(targetFromEnv(), { seedSteps: allSeedSteps() });
await db.close();
console.log("[seed] done");
