/**
 * Where the canvas looks first, pure: the whole graph inside the part of the canvas its own overlays leave free
 * (the toolbar row on top, the controls and the minimap at the bottom) at a zoom where a step's text stays legible;
 * when the graph cannot fit at that zoom, the part around the trigger at that zoom, since a DAG reads from it.
 */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}
export interface Viewport {
  x: number;
  y: number;
  zoom: number;
}

/** Below this a node's 12 px text is under 7 px on screen: not something to open the editor on. */
export const MIN_READABLE_ZOOM = 0.6;
/** A small graph is not blown up past life size. */
export const MAX_FIRST_ZOOM = 1;
/** Canvas pixels kept clear: the toolbar and heatmap control above, the zoom controls and minimap below. */
export const CLEAR_OF_OVERLAYS = { top: 64, right: 24, bottom: 136, left: 24 } as const;

/** The free area of a canvas of this size, in screen pixels relative to the canvas. */
export function freeArea(width: number, height: number): Rect {
  const c = CLEAR_OF_OVERLAYS;
  return { x: c.left, y: c.top, width: Math.max(1, width - c.left - c.right), height: Math.max(1, height - c.top - c.bottom) };
}

/**
 * `nodes` are the steps' boxes in flow coordinates, `trigger` the trigger's (or null). Returns the viewport and
 * whether the whole graph fits.
 */
export function firstView(nodes: readonly Rect[], trigger: Rect | null, canvas: { width: number; height: number }): { viewport: Viewport; fits: boolean } {
  const free = freeArea(canvas.width, canvas.height);
  const all = union(nodes);
  if (!all) return { viewport: { x: 0, y: 0, zoom: 1 }, fits: true };
  const zoom = Math.min(free.width / all.width, free.height / all.height, MAX_FIRST_ZOOM);
  if (zoom >= MIN_READABLE_ZOOM) return { viewport: centreOn(all, free, zoom), fits: true };

  // Too big: start at the trigger, on the left of the free area, centred on the steps that fit beside it.
  const z = MIN_READABLE_ZOOM;
  const anchor = trigger ?? leftmost(nodes);
  const span = { from: anchor.x, to: anchor.x + free.width / z };
  const near = union(nodes.filter((n) => n.x >= span.from - 1 && n.x + n.width <= span.to)) ?? anchor;
  const rows = near.height * z <= free.height ? near : anchor;
  return {
    viewport: { x: free.x - anchor.x * z, y: free.y + free.height / 2 - (rows.y + rows.height / 2) * z, zoom: z },
    fits: false,
  };
}

function centreOn(r: Rect, free: Rect, zoom: number): Viewport {
  return { x: free.x + (free.width - r.width * zoom) / 2 - r.x * zoom, y: free.y + (free.height - r.height * zoom) / 2 - r.y * zoom, zoom };
}

function union(rs: readonly Rect[]): Rect | null {
  if (!rs.length) return null;
  const x = Math.min(...rs.map((r) => r.x));
  const y = Math.min(...rs.map((r) => r.y));
  return { x, y, width: Math.max(...rs.map((r) => r.x + r.width)) - x, height: Math.max(...rs.map((r) => r.y + r.height)) - y };
}

function leftmost(rs: readonly Rect[]): Rect {
  return rs.reduce((a, b) => (b.x < a.x ? b : a));
}

/** Is a remembered viewport usable (a stored value may be stale, hand-edited or from an older build)? */
export function parseViewport(raw: string | null): Viewport | null {
  if (!raw) return null;
  try {
    const v = JSON.parse(raw) as Partial<Viewport>;
    const ok = [v.x, v.y, v.zoom].every((n) => typeof n === 'number' && Number.isFinite(n)) && v.zoom! >= 0.2 && v.zoom! <= 2;
    return ok ? { x: v.x!, y: v.y!, zoom: v.zoom! } : null;
  } catch {
    return null;
  }
}
