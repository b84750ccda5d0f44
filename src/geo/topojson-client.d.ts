// Minimal typings for the two topojson-client functions the gazetteer build uses.
declare module "topojson-client" {
  export function mesh(
    topology: unknown,
    object?: unknown,
    filter?: (a: unknown, b: unknown) => boolean,
  ): { type: "MultiLineString"; coordinates: [number, number][][] };
  export function feature(topology: unknown, object: unknown): unknown;
  export function neighbors(objects: unknown[]): number[][];
}
