// Great-circle distances for alerts (kilometres, on a sphere of the Earth's mean radius).

const R = 6371.0088;
const rad = (d: number) => (d * Math.PI) / 180;

/** Haversine distance in km. @example haversineKm(35.33, 40.14, 35.36, 40.2) // ≈ 6 */
export function haversineKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const dLat = rad(lat2 - lat1);
  const dLon = rad(lon2 - lon1);
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(rad(lat1)) * Math.cos(rad(lat2)) * Math.sin(dLon / 2) ** 2;
  return 2 * R * Math.asin(Math.min(1, Math.sqrt(a)));
}

/** Rounds a distance to 0.1 km for reports. */
export function roundKm(km: number): number {
  return Math.round(km * 10) / 10;
}
