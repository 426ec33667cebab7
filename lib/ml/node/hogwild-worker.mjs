// Entry of a Hogwild worker thread: registers tsx's TypeScript loader in this
// thread (loader hooks are per thread), then runs hogwild-worker.ts.
import { register } from "tsx/esm/api";

register();
await import("./hogwild-worker.ts");
