// Entry of a word2vec Hogwild thread: registers tsx's TypeScript loader in this thread
// (loader hooks are per thread), then runs word2vec-worker.ts.
import { register } from "tsx/esm/api";

register();
await import("./word2vec-worker.ts");
