import { describe, expect, it } from 'vitest';
import { mergedGeometry } from './geo-redivide.service.js';
import { areaM2, pointInGeometry, validateGeometry, type AreaGeometry } from '../../../common/geo/index.js';

const box = (x0: number, y0: number, x1: number, y1: number): AreaGeometry => ({
  type: 'Polygon',
  coordinates: [[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]],
});

describe('mergedGeometry', () => {
  it('dissolves neighbours into one polygon of the same area', () => {
    const parts = [box(123.7, 41.3, 123.71, 41.305), box(123.7, 41.305, 123.705, 41.31), box(123.705, 41.305, 123.71, 41.31)];
    const g = mergedGeometry(parts);
    expect(g.type).toBe('Polygon');
    expect(validateGeometry(g).ok).toBe(true);
    expect(areaM2(g)).toBeCloseTo(parts.reduce((s, p) => s + areaM2(p), 0), 3);
    expect(pointInGeometry(123.705, 41.305 + 1e-7, g)).toBe(true);
  });
  it('keeps grids apart as members of a MultiPolygon', () => {
    const g = mergedGeometry([box(0, 0, 1, 1), box(3, 0, 4, 1)]);
    expect(g.type).toBe('MultiPolygon');
    expect(g.coordinates).toHaveLength(2);
    expect(validateGeometry(g).ok).toBe(true);
  });
  it('falls back to a MultiPolygon of the parts when they cannot be dissolved cleanly', () => {
    // Overlapping legacy shapes: no clean union; every part is kept.
    const g = mergedGeometry([box(0, 0, 2, 2), box(1, 1, 3, 3)]);
    expect(g).toEqual({ type: 'MultiPolygon', coordinates: [box(0, 0, 2, 2).coordinates, box(1, 1, 3, 3).coordinates] });
  });
});
