/**
 * lib/images - the reverse-image-search demo. This entry point holds the pure parts
 * (index format, split, calibration, API schemas); Node-only parts are imported by path:
 * `./load` (reads data/images), `./store` + `./seed-step` (database), `./search`
 * (search + calibration file), `./embed-node` (server-side MobileNet).
 */
export * from "./split";
export * from "./format";
export * from "./index-reader";
export * from "./calibration";
export * from "./api-schema";
