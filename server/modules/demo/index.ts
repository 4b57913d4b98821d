/** Demo district generator: a deterministic, realistic jurisdiction for first start, tests and benchmarks. See README.md. */
export { seedDemo, isEmptyDatabase, DEMO_USERS, DemoSeedRefused, type SeedOptions, type SeedSummary } from './seed.js';
export { planDemo, shapeFor, DEFAULT_HOUSEHOLDS } from './plan.js';
export { seedDemoCases, DEFAULT_DEMO_CASES, type CaseSeedOptions, type CaseSeedSummary } from './cases.js';
