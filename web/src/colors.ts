// One colour per ACLED event type and per actor kind, shared by the map, histogram, panel and graph.
export const EVENT_TYPES = [
  "Battles",
  "Explosions/Remote violence",
  "Violence against civilians",
  "Protests",
  "Riots",
  "Strategic developments",
] as const;

export const TYPE_COLORS: Record<string, string> = {
  Battles: "#e4572e",
  "Explosions/Remote violence": "#f3a712",
  "Violence against civilians": "#a4243b",
  Protests: "#4f9dde",
  Riots: "#8e5cd9",
  "Strategic developments": "#3fb68b",
};

export const KIND_COLORS: Record<string, string> = {
  state: "#4f9dde",
  "state-force": "#2f6fb0",
  "rebel-group": "#e4572e",
  "political-militia": "#f08a4b",
  "identity-militia": "#d9a441",
  "jihadist-group": "#222222",
  rioters: "#8e5cd9",
  protesters: "#b48ee8",
  civilians: "#7fb069",
  "external-force": "#3fb68b",
  "international-org": "#6c8ea4",
  media: "#9aa5b1",
  monitor: "#5c7080",
  person: "#c9a227",
  other: "#a0a0a0",
};

export const EDGE_COLORS: Record<string, string> = {
  "backed-by": "#2f6fb0",
  "part-of": "#7a8794",
  "led-by": "#9aa5b1",
  "dominated-by": "#9aa5b1",
  "allied-with": "#3fb68b",
  opposes: "#d6336c",
  fought: "#c0392b",
};

export const GEO_PRECISION: Record<number, string> = {
  1: "the town itself",
  2: "near a town / part of a region",
  3: "province or region only",
};
export const TIME_PRECISION: Record<number, string> = { 1: "day", 2: "week", 3: "month or vaguer" };
