/** Behaviour over the last half year: long enough for occasional customers to show a pattern. */
export const WINDOW_DAYS = 180;
