// Synthetic events for the API benchmark and the browser speed test: `n` events spread over
// places in several conflict areas and a year of days, from a seeded generator (same data each run).
import type { ImportedEvent } from "../src/store/types.js";
import type { EventType, SubEventType } from "../src/types/index.js";

/** Mulberry32: a small seeded PRNG. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The conflict areas the synthetic events fall in (centre and half-width in degrees). */
export const AREAS: { cc: string; lat: number; lon: number; spread: number }[] = [
  { cc: "SY", lat: 35.0, lon: 38.5, spread: 2.5 },
  { cc: "IQ", lat: 34.0, lon: 43.5, spread: 3 },
  { cc: "YE", lat: 15.0, lon: 45.0, spread: 2.5 },
  { cc: "LY", lat: 31.0, lon: 16.0, spread: 4 },
  { cc: "ML", lat: 15.5, lon: -2.0, spread: 3 },
  { cc: "SO", lat: 4.0, lon: 45.5, spread: 3 },
  { cc: "UA", lat: 48.3, lon: 37.8, spread: 1.5 },
];

const TYPES: [EventType, SubEventType][] = [
  ["Battles", "Armed clash"],
  ["Explosions/Remote violence", "Air/drone strike"],
  ["Explosions/Remote violence", "Shelling/artillery/missile attack"],
  ["Violence against civilians", "Attack"],
  ["Protests", "Peaceful protest"],
  ["Riots", "Mob violence"],
  ["Strategic developments", "Headquarters or base established"],
];

/** Actor ids of the synthetic events. */
export const ACTORS = ["sdf", "isis", "syria-gov-forces", "iraq-gov-forces", "houthis", "lna", "gna", "jnim", "al-shabaab", "ukraine-forces", "russia-forces", "pmf"];

/** `n` synthetic events, ~3,000 distinct places, 365 days from 2017-01-01. */
export function syntheticEvents(n: number, seed = 42): ImportedEvent[] {
  const r = rng(seed);
  const places = Array.from({ length: 3000 }, (_, i) => {
    const a = AREAS[i % AREAS.length];
    const lat = a.lat + (r() - 0.5) * 2 * a.spread;
    const lon = a.lon + (r() - 0.5) * 2 * a.spread;
    return { id: `bench:${i}`, name: `Place ${i}`, lat: Math.round(lat * 1e4) / 1e4, lon: Math.round(lon * 1e4) / 1e4, precision: 1 as const, country: a.cc };
  });
  const start = Date.UTC(2017, 0, 1);
  const out: ImportedEvent[] = [];
  for (let i = 0; i < n; i++) {
    const [eventType, subEventType] = TYPES[Math.floor(r() * TYPES.length)];
    const a1 = ACTORS[Math.floor(r() * ACTORS.length)];
    const a2 = ACTORS[Math.floor(r() * ACTORS.length)];
    out.push({
      externalId: `BENCH${i}`,
      eventType,
      subEventType,
      actor1: a1,
      actor2: a2 === a1 ? undefined : a2,
      assocActors1: [],
      assocActors2: [],
      actorNames: { [a1]: { name: a1 }, [a2]: { name: a2 } },
      date: new Date(start + Math.floor(r() * 365) * 86400000).toISOString().slice(0, 10),
      datePrecision: 1,
      place: places[Math.floor(r() ** 1.5 * places.length)],
      fatalities: r() < 0.3 ? Math.floor(r() * 20) : undefined,
      source: r() < 0.5 ? "Example Wire" : "Other Daily",
    });
  }
  return out;
}
