import { describe, expect, it } from 'vitest';
import {
  areaM2,
  bboxOf,
  classifyPoint,
  dissolve,
  geometriesOverlap,
  geometryWithin,
  nextGridCodes,
  pointInGeometry,
  polygonsOverlap,
  signedRingArea,
  validateGeometry,
  type AreaGeometry,
  type PolygonCoords,
  type Ring,
} from './index.js';

/** Axis-aligned box polygon (counter-clockwise). */
const box = (x0: number, y0: number, x1: number, y1: number): PolygonCoords => [[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]];
const poly = (...rings: Ring[]): AreaGeometry => ({ type: 'Polygon', coordinates: rings });
const P = (p: PolygonCoords): AreaGeometry => ({ type: 'Polygon', coordinates: p });
const reason = (g: unknown, opts?: Parameters<typeof validateGeometry>[1]) => {
  const r = validateGeometry(g, opts);
  return r.ok ? 'OK' : r.problem.reason;
};

describe('point in polygon', () => {
  const withHole = poly(box(0, 0, 10, 10)[0]!, box(4, 4, 6, 6)[0]!.slice().reverse());
  it('finds points inside, outside and in holes', () => {
    expect(pointInGeometry(1, 1, withHole)).toBe(true);
    expect(pointInGeometry(5, 5, withHole)).toBe(false);
    expect(pointInGeometry(11, 5, withHole)).toBe(false);
    expect(pointInGeometry(-0.0001, 5, withHole)).toBe(false);
  });
  it('gives a point on a shared edge to exactly one of two neighbours', () => {
    const a = P(box(0, 0, 1, 1));
    const b = P(box(1, 0, 2, 1));
    for (const y of [0.1, 0.5, 0.9]) expect(Number(pointInGeometry(1, y, a)) + Number(pointInGeometry(1, y, b))).toBe(1);
    const c = P(box(0, 1, 1, 2));
    expect(Number(pointInGeometry(0.5, 1, a)) + Number(pointInGeometry(0.5, 1, c))).toBe(1);
  });
  it('handles MultiPolygons and classifies boundary points with a tolerance', () => {
    const m: AreaGeometry = { type: 'MultiPolygon', coordinates: [box(0, 0, 1, 1), box(5, 5, 6, 6)] };
    expect(pointInGeometry(5.5, 5.5, m)).toBe(true);
    expect(pointInGeometry(3, 3, m)).toBe(false);
    expect(classifyPoint(1 + 1e-12, 0.5, [box(0, 0, 1, 1)], 1e-9)).toBe('boundary');
    expect(classifyPoint(0.5, 0.5, [box(0, 0, 1, 1)], 1e-9)).toBe('inside');
    expect(classifyPoint(1.5, 0.5, [box(0, 0, 1, 1)], 1e-9)).toBe('outside');
  });
});

describe('measures', () => {
  it('computes bbox and a spherical area close to the equirectangular estimate', () => {
    const g = P(box(123.7, 41.3, 123.71, 41.31));
    expect(bboxOf(g)).toEqual([123.7, 41.3, 123.71, 41.31]);
    const side = (0.01 * Math.PI * 6378137) / 180;
    const expected = side * side * Math.cos((41.305 * Math.PI) / 180);
    expect(Math.abs(areaM2(g) - expected) / expected).toBeLessThan(0.002);
    const holed = poly(box(0, 0, 0.01, 0.01)[0]!, box(0.004, 0.004, 0.006, 0.006)[0]!);
    expect(areaM2(holed)).toBeCloseTo(areaM2(P(box(0, 0, 0.01, 0.01))) * 0.96, -2);
  });
});

describe('validateGeometry', () => {
  it('rejects what is not a Polygon or MultiPolygon', () => {
    for (const g of [null, 'x', 5, { type: 'Point', coordinates: [1, 2] }, { type: 'LineString', coordinates: [[0, 0], [1, 1]] }, { type: 'Polygon' }, { type: 'Polygon', coordinates: [] }, { type: 'MultiPolygon', coordinates: [] }]) {
      expect(reason(g)).toBe('NOT_POLYGON');
    }
  });
  it('rejects short, unclosed, non-finite and out-of-range rings', () => {
    expect(reason(poly([[0, 0], [1, 0], [0, 0]]))).toBe('RING_TOO_SHORT');
    expect(reason(poly([[0, 0], [1, 0], [1, 0], [0, 0]]))).toBe('RING_TOO_SHORT'); // three positions after dropping the repeat
    expect(reason(poly([[0, 0], [1, 0], [1, 1], [0, 1]]))).toBe('RING_NOT_CLOSED');
    expect(reason(poly([[0, 0], [1, 0], [NaN, 1], [0, 0]]))).toBe('BAD_COORDINATE');
    expect(reason(poly([[0, 0], [1, 0], [Infinity, 1], [0, 0]]))).toBe('BAD_COORDINATE');
    expect(reason(poly([[0, 0], [200, 0], [1, 1], [0, 0]]))).toBe('BAD_COORDINATE');
    expect(reason(poly([[0, 0], [1, 95], [1, 1], [0, 0]]))).toBe('BAD_COORDINATE');
    expect(reason({ type: 'Polygon', coordinates: [[[0, 0], ['1', 0], [1, 1], [0, 0]]] })).toBe('BAD_COORDINATE');
  });
  it('rejects a ring with zero area', () => {
    expect(reason(poly([[0, 0], [1, 1], [2, 2], [0, 0]]))).toBe('ZERO_AREA');
  });
  it('rejects a bow-tie, a ring touching itself and a spike', () => {
    const r = validateGeometry(poly([[0, 0], [1, 1], [1, 0], [0, 1], [0, 0]]));
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.problem.reason).toBe('SELF_INTERSECTION');
      expect(r.problem.at![0]).toBeCloseTo(0.5, 9);
      expect(r.problem.at![1]).toBeCloseTo(0.5, 9);
    }
    // Figure eight through one vertex (2,1).
    expect(reason(poly([[0, 0], [2, 1], [4, 0], [4, 2], [2, 1], [0, 2], [0, 0]]))).toBe('SELF_INTERSECTION');
    // A spike folding back along its own edge.
    expect(reason(poly([[0, 0], [2, 0], [2, 2], [2, 3], [2, 2.5], [0, 2], [0, 0]]))).toBe('SELF_INTERSECTION');
  });
  it('rejects holes outside or across their shell and overlapping or nested holes', () => {
    const shell = box(0, 0, 10, 10)[0]!;
    expect(reason(poly(shell, box(20, 20, 21, 21)[0]!))).toBe('HOLE_OUTSIDE_SHELL');
    expect(reason(poly(shell, box(8, 8, 12, 12)[0]!))).toBe('HOLE_OUTSIDE_SHELL');
    expect(reason(poly(shell, box(0, 4, 2, 6)[0]!))).toBe('HOLE_OUTSIDE_SHELL'); // touches the shell along an edge
    expect(reason(poly(shell, box(2, 2, 5, 5)[0]!, box(4, 4, 6, 6)[0]!))).toBe('HOLES_OVERLAP');
    expect(reason(poly(shell, box(2, 2, 8, 8)[0]!, box(4, 4, 5, 5)[0]!))).toBe('HOLES_OVERLAP');
    expect(reason(poly(shell, box(2, 2, 4, 4)[0]!, box(6, 6, 8, 8)[0]!))).toBe('OK');
  });
  it('rejects overlapping MultiPolygon members but accepts members sharing an edge', () => {
    expect(reason({ type: 'MultiPolygon', coordinates: [box(0, 0, 2, 2), box(1, 1, 3, 3)] })).toBe('PARTS_OVERLAP');
    expect(reason({ type: 'MultiPolygon', coordinates: [box(0, 0, 1, 1), box(1, 0, 2, 1)] })).toBe('OK');
  });
  it('limits the number of positions', () => {
    expect(reason(P(box(0, 0, 1, 1)), { maxPositions: 4 })).toBe('TOO_COMPLEX');
  });
  it('normalises: 2-D, no repeats, counter-clockwise shell and clockwise holes', () => {
    const r = validateGeometry({
      type: 'Polygon',
      coordinates: [
        [[0, 0, 5], [0, 10, 5], [0, 10, 5], [10, 10, 5], [10, 0, 5], [0, 0, 5]],
        [[2, 2], [4, 2], [4, 4], [2, 4], [2, 2]],
      ],
    });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const [shell, hole] = r.geometry.coordinates as Ring[];
    expect(shell!.length).toBe(5);
    expect(shell!.every((p) => p.length === 2)).toBe(true);
    expect(signedRingArea(shell!)).toBeGreaterThan(0);
    expect(signedRingArea(hole!)).toBeLessThan(0);
  });
});

describe('polygonsOverlap', () => {
  it('does not count a shared edge, a touching corner or a T-junction', () => {
    expect(polygonsOverlap(box(0, 0, 1, 1), box(1, 0, 2, 1))).toBe(false);
    expect(polygonsOverlap(box(0, 0, 1, 1), box(1, 1, 2, 2))).toBe(false);
    const wide = box(0, 0, 2, 1);
    expect(polygonsOverlap(wide, box(0, 1, 1, 2))).toBe(false);
    expect(polygonsOverlap(wide, box(1, 1, 2, 2))).toBe(false);
    expect(polygonsOverlap(wide, box(0.5, 1, 1.5, 2))).toBe(false);
    // Clockwise input is handled as well.
    expect(polygonsOverlap([box(0, 0, 1, 1)[0]!.slice().reverse()], box(1, 0, 2, 1))).toBe(false);
  });
  it('counts containment, identity, crossing and a shared edge with both interiors on one side', () => {
    expect(polygonsOverlap(box(0, 0, 10, 10), box(2, 2, 3, 3))).toBe(true);
    expect(polygonsOverlap(box(2, 2, 3, 3), box(0, 0, 10, 10))).toBe(true);
    expect(polygonsOverlap(box(0, 0, 1, 1), box(0, 0, 1, 1))).toBe(true);
    expect(polygonsOverlap(box(0, 0, 2, 2), box(1, 1, 3, 3))).toBe(true);
    expect(polygonsOverlap(box(0, 0, 2, 1), box(0, 0, 1, 1))).toBe(true);
    // Cross shape: no vertex of either inside the other.
    expect(polygonsOverlap(box(0, 1, 3, 2), box(1, 0, 2, 3))).toBe(true);
  });
  it('respects holes', () => {
    const ring = [box(0, 0, 10, 10)[0]!, box(4, 4, 6, 6)[0]!.slice().reverse()];
    expect(polygonsOverlap(ring, box(4.5, 4.5, 5.5, 5.5))).toBe(false);
    expect(polygonsOverlap(ring, box(4, 4, 6, 6))).toBe(false); // fills the hole exactly
    expect(polygonsOverlap(ring, box(3, 3, 7, 7))).toBe(true);
  });
  it('uses the tolerance: 5e-10° of overlap is a shared edge, 1e-6° is an overlap', () => {
    expect(polygonsOverlap(box(0, 0, 1, 1), box(1 - 5e-10, 0, 2, 1))).toBe(false);
    expect(polygonsOverlap(box(0, 0, 1, 1), box(1 - 1e-6, 0, 2, 1))).toBe(true);
  });
  it('works on MultiPolygons', () => {
    const m: AreaGeometry = { type: 'MultiPolygon', coordinates: [box(0, 0, 1, 1), box(1, 0, 2, 1)] };
    expect(geometriesOverlap(m, P(box(2, 0, 3, 1)))).toBe(false);
    expect(geometriesOverlap(m, P(box(0.5, 0.2, 1.5, 0.8)))).toBe(true);
    expect(geometriesOverlap(m, P(box(0, 0, 2, 1)))).toBe(true);
  });
});

describe('geometryWithin', () => {
  const community = P(box(123.7, 41.3, 123.72, 41.31));
  it('accepts a grid inside its community, sharing edges, and the community itself', () => {
    expect(geometryWithin(P(box(123.7, 41.3, 123.71, 41.31)), community)).toBe(true);
    expect(geometryWithin(P(box(123.705, 41.302, 123.71, 41.308)), community)).toBe(true);
    expect(geometryWithin(community, community)).toBe(true);
  });
  it('rejects a grid sticking out, but tolerates less than the tolerance', () => {
    expect(geometryWithin(P(box(123.71, 41.3, 123.73, 41.31)), community)).toBe(false);
    expect(geometryWithin(P(box(123.71, 41.3, 123.72 + 1e-7, 41.31)), community)).toBe(true);
    expect(geometryWithin(P(box(123.71, 41.3, 123.72 + 1e-5, 41.31)), community)).toBe(false);
    expect(geometryWithin(P(box(123.73, 41.3, 123.74, 41.31)), community)).toBe(false);
  });
  it('rejects a grid covering or filling the outer polygon’s hole', () => {
    const holed = poly(box(0, 0, 10, 10)[0]!, box(4, 4, 6, 6)[0]!.slice().reverse());
    expect(geometryWithin(P(box(3, 3, 7, 7)), holed)).toBe(false);
    expect(geometryWithin(P(box(4, 4, 6, 6)), holed)).toBe(false);
    expect(geometryWithin(P(box(1, 1, 3, 3)), holed)).toBe(true);
  });
  it('ignores edges shared by members of a MultiPolygon', () => {
    const merged: AreaGeometry = { type: 'MultiPolygon', coordinates: [box(0, 0, 1, 1), box(1, 0, 2, 1)] };
    expect(geometryWithin(P(box(0.5, 0, 1.5, 1)), merged)).toBe(true);
    expect(geometryWithin(P(box(0, 0, 1, 1)), merged)).toBe(true);
    expect(geometryWithin(P(box(1, 0, 2, 1)), merged)).toBe(true);
    expect(geometryWithin(P(box(1.5, 0, 2.5, 1)), merged)).toBe(false);
  });
});

describe('dissolve', () => {
  it('joins two squares sharing an edge into one polygon', () => {
    const g = dissolve([box(0, 0, 1, 1), box(1, 0, 2, 1)])!;
    expect(g.type).toBe('Polygon');
    expect(validateGeometry(g).ok).toBe(true);
    expect(areaM2(g)).toBeCloseTo(areaM2(P(box(0, 0, 2, 1))), 0);
    expect(pointInGeometry(1, 0.5, g)).toBe(true);
  });
  it('handles T-junctions', () => {
    const g = dissolve([box(0, 0, 2, 1), box(0, 1, 1, 2)])!;
    expect(g.type).toBe('Polygon');
    expect(validateGeometry(g).ok).toBe(true);
    expect(areaM2(g) / areaM2(P(box(0, 0, 1, 1)))).toBeCloseTo(3, 3);
  });
  it('keeps a hole enclosed by the parts', () => {
    const parts = [box(0, 0, 3, 1), box(0, 2, 3, 3), box(0, 1, 1, 2), box(2, 1, 3, 2)];
    const g = dissolve(parts)!;
    expect(g.type).toBe('Polygon');
    expect(g.coordinates.length).toBe(2);
    expect(validateGeometry(g).ok).toBe(true);
    expect(pointInGeometry(1.5, 1.5, g)).toBe(false);
    expect(pointInGeometry(0.5, 1.5, g)).toBe(true);
  });
  it('returns a MultiPolygon for parts apart or touching at a corner', () => {
    expect(dissolve([box(0, 0, 1, 1), box(5, 5, 6, 6)])!.type).toBe('MultiPolygon');
    const corner = dissolve([box(0, 0, 1, 1), box(1, 1, 2, 2)])!;
    expect(corner.type).toBe('MultiPolygon');
    expect(validateGeometry(corner).ok).toBe(true);
  });
  it('refuses overlapping input', () => {
    expect(dissolve([box(0, 0, 1, 1), box(0, 0, 1, 1)])).toBeNull();
  });
});

describe('nextGridCodes', () => {
  it('numbers grids after the community code, skipping used numbers', () => {
    expect(nextGridCodes('210502001001', ['21050200100101', '21050200100103'], 3)).toEqual(['21050200100102', '21050200100104', '21050200100105']);
  });
});
