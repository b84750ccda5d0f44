// Great-circle distance between two points (haversine, on a sphere of radius 6371 km unless told):
// used to rank candidates by distance, to place relative locations, to measure river lines at build
// time, and (on the mean radius, 6371.0088 km) by merging, the store's SQL function and alerts.

/** Great-circle distance in km on a sphere of `radiusKm`. */
export function distanceKm(lat1: number, lon1: number, lat2: number, lon2: number, radiusKm = 6371): number {
  const r = Math.PI / 180;
  const dLat = (lat2 - lat1) * r;
  const dLon = (lon2 - lon1) * r;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * r) * Math.cos(lat2 * r) * Math.sin(dLon / 2) ** 2;
  return 2 * radiusKm * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** The cosine of a latitude in degrees, as distanceKmCos takes it. */
export function latCos(lat: number): number {
  return Math.cos(lat * (Math.PI / 180));
}

/**
 * distanceKm with each point's latCos given (the same arithmetic, to the last bit: test/geo/distance.test.ts
 * holds them to it): a point compared with many others has its cosine computed once.
 */
export function distanceKmCos(lat1: number, lon1: number, cos1: number, lat2: number, lon2: number, cos2: number, radiusKm = 6371): number {
  const r = Math.PI / 180;
  const dLat = (lat2 - lat1) * r;
  const dLon = (lon2 - lon1) * r;
  const h = Math.sin(dLat / 2) ** 2 + cos1 * cos2 * Math.sin(dLon / 2) ** 2;
  return 2 * radiusKm * Math.asin(Math.min(1, Math.sqrt(h)));
}
