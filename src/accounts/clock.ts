// An injectable clock, so tests never read the wall clock.
export type Clock = () => Date;
export const systemClock: Clock = () => new Date();
