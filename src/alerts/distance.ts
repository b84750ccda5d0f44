// Great-circle distances for alerts (kilometres, on a sphere of the Earth's mean radius).

// one haversine on the mean radius serves merging, the store's SQL function and alerts
export { haversineKm } from "../events/merge.js";

/** Rounds a distance to 0.1 km for reports. */
export function roundKm(km: number): number {
  return Math.round(km * 10) / 10;
}
