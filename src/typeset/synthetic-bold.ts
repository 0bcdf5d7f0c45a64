/**
 * A role with no bold face (仿宋, 楷 in rare characters) prints bold by filling and stroking the
 * outline. Font fallback marks such a run with the stroke width under this features key; the
 * composer takes it out again and the drawing step strokes the glyphs.
 */
export const SYNTHETIC_BOLD_KEY = 'syntheticBold';
