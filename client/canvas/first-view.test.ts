import { describe, expect, it } from 'vitest';
import { CLEAR_OF_OVERLAYS, firstView, MIN_READABLE_ZOOM, parseViewport, type Rect } from './first-view.ts';

const node = (col: number, row: number): Rect => ({ x: col * 280, y: row * 140, width: 240, height: 78 });
/** Screen box of a node under a viewport. */
const onScreen = (r: Rect, v: { x: number; y: number; zoom: number }) => ({ left: r.x * v.zoom + v.x, top: r.y * v.zoom + v.y, right: (r.x + r.width) * v.zoom + v.x, bottom: (r.y + r.height) * v.zoom + v.y });

describe('firstView', () => {
  // The seeded "New product: images, enrichment and review": six columns, three rows.
  const demo = [node(0, 1), node(1, 1), node(2, 1), node(3, 1), node(4, 2), node(5, 1), node(5, 3)];

  it('fits the whole graph inside the free area at a readable zoom when there is room', () => {
    const canvas = { width: 1088, height: 984 };
    const { viewport, fits } = firstView(demo, demo[0]!, canvas);
    expect(fits).toBe(true);
    expect(viewport.zoom).toBeGreaterThanOrEqual(MIN_READABLE_ZOOM);
    for (const n of demo) {
      const s = onScreen(n, viewport);
      expect(s.left).toBeGreaterThanOrEqual(CLEAR_OF_OVERLAYS.left - 0.01);
      expect(s.right).toBeLessThanOrEqual(canvas.width - CLEAR_OF_OVERLAYS.right + 0.01);
      expect(s.top).toBeGreaterThanOrEqual(CLEAR_OF_OVERLAYS.top - 0.01);
      expect(s.bottom).toBeLessThanOrEqual(canvas.height - CLEAR_OF_OVERLAYS.bottom + 0.01);
    }
  });

  it('never zooms a small graph past life size', () => {
    expect(firstView([node(0, 0), node(1, 0)], null, { width: 1600, height: 900 }).viewport.zoom).toBe(1);
  });

  it('too big to fit readably: the trigger at the left of the free area, at the minimum zoom', () => {
    const { viewport, fits } = firstView(demo, demo[0]!, { width: 448, height: 700 });
    expect(fits).toBe(false);
    expect(viewport.zoom).toBe(MIN_READABLE_ZOOM);
    const t = onScreen(demo[0]!, viewport);
    expect(t.left).toBeCloseTo(CLEAR_OF_OVERLAYS.left);
    expect(t.top).toBeGreaterThanOrEqual(CLEAR_OF_OVERLAYS.top);
    expect(t.bottom).toBeLessThanOrEqual(700 - CLEAR_OF_OVERLAYS.bottom);
  });
});

describe('parseViewport', () => {
  it('takes a stored viewport and refuses junk', () => {
    expect(parseViewport('{"x":10,"y":-4,"zoom":0.8}')).toEqual({ x: 10, y: -4, zoom: 0.8 });
    for (const bad of [null, '', 'nope', '{"x":1,"y":2}', '{"x":1,"y":2,"zoom":9}', '{"x":"1","y":2,"zoom":1}']) expect(parseViewport(bad)).toBeNull();
  });
});
