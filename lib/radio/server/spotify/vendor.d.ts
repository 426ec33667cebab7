// Types for the two modules of spotify-web-api-node (5.x, plain CommonJS, no typings) that the
// Spotify client uses: its request builder (host / port / scheme per request, so the client can
// be pointed at a stand-in) and its HTTP manager (superagent, with its WebapiError classes).

declare module "spotify-web-api-node/src/base-request.js" {
  export interface SpotifyHttpResult {
    body: unknown;
    headers: Record<string, string | string[] | undefined>;
    statusCode: number;
  }
  export type SpotifyHttpMethod = (request: SpotifyRequest, callback: (error: unknown, result?: SpotifyHttpResult) => void) => void;
  export interface SpotifyRequest {
    getURI(): string;
    execute(method: SpotifyHttpMethod): Promise<SpotifyHttpResult>;
  }
  export interface SpotifyRequestBuilder {
    withHost(host: string): SpotifyRequestBuilder;
    withPort(port: number): SpotifyRequestBuilder;
    withScheme(scheme: string): SpotifyRequestBuilder;
    withPath(path: string): SpotifyRequestBuilder;
    withQueryParameters(...parameters: Record<string, string | number | undefined>[]): SpotifyRequestBuilder;
    withBodyParameters(...parameters: Record<string, string>[]): SpotifyRequestBuilder;
    withHeaders(...headers: Record<string, string>[]): SpotifyRequestBuilder;
    withAuth(accessToken: string | undefined): SpotifyRequestBuilder;
    build(): SpotifyRequest;
  }
  const baseRequest: { builder(): SpotifyRequestBuilder };
  export default baseRequest;
}

declare module "spotify-web-api-node/src/http-manager.js" {
  import type { SpotifyHttpMethod } from "spotify-web-api-node/src/base-request.js";
  const httpManager: { get: SpotifyHttpMethod; post: SpotifyHttpMethod };
  export default httpManager;
}
