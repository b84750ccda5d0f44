// The key that groups map points standing at one place: latitude and longitude to 5 decimals
// (~1 m) packed into one exact integer (< 2^53). Shared by the API's point index and the web map,
// so both count "the same place" the same way; pure, so the browser bundle can take it.

/** `pointKey(38.5, 35)`: the same number for every point within the same ~1 m grid cell. */
export function pointKey(lon: number, lat: number): number {
  return Math.round((lat + 90) * 1e5) * 4e7 + Math.round((lon + 180) * 1e5);
}
