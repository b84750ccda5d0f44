// The places list (`GET /api/places`) counted from the point index: the placed events grouped by
// place id, name and position once per store change, so a request only tests each group against
// its box. Same answer as the store's listPlaces: per place id its event count, summed source
// counts and the smallest of each field, most events first, then by place id.
import type { EventPlace, PlaceSummary } from "../store/types.js";

interface Group {
  id: string;
  name: string;
  lon: number;
  lat: number;
  precision: number;
  country?: string;
  admin1?: string;
  admin2?: string;
  events: number;
  sources: number;
}

/** The smaller of two optional texts (SQL min: an absent value never wins). */
const minText = (a: string | undefined, b: string | undefined) => (a === undefined ? b : b === undefined || a <= b ? a : b);

export class PlaceList {
  /** Groups sorted by place id; the groups of one id are next to each other. */
  private groups: Group[];
  private lon: Float64Array;
  private lat: Float64Array;

  constructor(points: Iterable<{ lon: number; lat: number; sources: number; place?: EventPlace }>) {
    const byKey = new Map<string, Group>();
    // Events share place objects (the index interns them): a key is made once per object.
    const byPlace = new Map<EventPlace, Group>();
    for (const p of points) {
      const pl = p.place;
      if (!pl) continue;
      // One group per id, name and position: the box and the text of a request test a whole group.
      let g = byPlace.get(pl);
      if (!g) {
        g = byKey.get(`${pl.id}\u0000${pl.name}\u0000${p.lon}\u0000${p.lat}`);
        if (g) byPlace.set(pl, g);
      }
      if (!g) {
        const made = { id: pl.id, name: pl.name, lon: p.lon, lat: p.lat, precision: pl.precision, country: pl.country, admin1: pl.admin1, admin2: pl.admin2, events: 1, sources: p.sources };
        byKey.set(`${pl.id}\u0000${pl.name}\u0000${p.lon}\u0000${p.lat}`, made);
        byPlace.set(pl, made);
        continue;
      }
      g.events++;
      g.sources += p.sources;
      g.precision = Math.min(g.precision, pl.precision);
      g.country = minText(g.country, pl.country);
      g.admin1 = minText(g.admin1, pl.admin1);
      g.admin2 = minText(g.admin2, pl.admin2);
    }
    this.groups = [...byKey.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    this.lon = Float64Array.from(this.groups, (g) => g.lon);
    this.lat = Float64Array.from(this.groups, (g) => g.lat);
  }

  /** Places with events in `bbox` ([west, south, east, north]; west > east crosses the antimeridian). */
  query(bbox: [number, number, number, number] | undefined, limit: number): PlaceSummary[] {
    const { groups, lon, lat } = this;
    const found: PlaceSummary[] = [];
    let cur: PlaceSummary | null = null;
    const across = !!bbox && bbox[0] > bbox[2];
    for (let i = 0; i < groups.length; i++) {
      if (bbox) {
        const x = lon[i];
        const y = lat[i];
        if (y < bbox[1] || y > bbox[3] || (across ? x < bbox[0] && x > bbox[2] : x < bbox[0] || x > bbox[2])) continue;
      }
      const g = groups[i];
      if (cur && cur.id === g.id) {
        cur.name = minText(cur.name, g.name) as string;
        cur.lat = Math.min(cur.lat, g.lat);
        cur.lon = Math.min(cur.lon, g.lon);
        cur.precision = Math.min(cur.precision, g.precision) as PlaceSummary["precision"];
        cur.country = minText(cur.country, g.country);
        cur.admin1 = minText(cur.admin1, g.admin1);
        cur.admin2 = minText(cur.admin2, g.admin2);
        cur.eventCount += g.events;
        cur.articleCount += g.sources;
        continue;
      }
      cur = {
        id: g.id,
        name: g.name,
        lat: g.lat,
        lon: g.lon,
        precision: g.precision as PlaceSummary["precision"],
        country: g.country,
        admin1: g.admin1,
        admin2: g.admin2,
        eventCount: g.events,
        articleCount: g.sources,
      };
      found.push(cur);
    }
    // Stable: places with as many events stay in id order.
    found.sort((a, b) => b.eventCount - a.eventCount);
    return found.slice(0, limit);
  }
}
