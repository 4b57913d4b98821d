/** Pure geometry for grids: validation, point-in-polygon, areas, overlap, containment, dissolve. No I/O. */
export * from './types.js';
export { pointInRing, pointInPolygon, pointInGeometry, distanceToBoundary, classifyPoint } from './pip.js';
export { bboxOf, bboxOfPolygons, bboxesOverlap, signedRingArea, ringAreaM2, polygonAreaM2, areaM2, orientPolygon, orientRing } from './measure.js';
export { validateGeometry, GEO_PROBLEMS, type GeoProblem, type GeoProblemReason, type GeometryCheck } from './validate.js';
export { polygonsOverlap, polygonSetsOverlap, geometriesOverlap, geometryWithin } from './relate.js';
export { dissolve } from './dissolve.js';
export { nextGridCodes, GRID_CODE_PATTERN } from './codes.js';
