/**
 * Types and helpers of the authorization matrix (server/test/authz-matrix.test.ts). Each module adds its
 * rows in its own file beside this one (server/test/authz/<module>.ts) exporting a `MatrixArea`, listed in
 * AREAS in the matrix test.
 */
import type { Permission } from '../../../common/permissions.js';
import type { TestApp } from '../http.js';

export type Side = 'in' | 'out';
export type Outcome = 'allowed' | 'forbidden' | 'hidden' | 'anonymous';
export interface MatrixRequest {
  url: string;
  body?: unknown;
  headers?: Record<string, string>;
}
export interface MatrixCase {
  method: string;
  route: string;
  /** 'public': no sign-in; 'signed-in': any signed-in user. */
  perm: Permission | 'signed-in' | 'public';
  /** The request for a side; a case without a target uses the same request for both. */
  req(side: Side): MatrixRequest;
  /** The node path the target lies under, or null for endpoints over the caller's own scope. */
  target?(side: Side): string;
  /**
   * For rules that are more than "permission on the target's node" (e.g. a case's handler or reporter):
   * the outcome the policy gives this fixture user. Overrides the permission/target computation.
   */
  expect?(username: string, side: Side): Outcome;
}

/** What an area's rows may use: the running app, the fixture, and helpers for "inside"/"outside" targets. */
export interface MatrixContext {
  t: TestApp;
  /** Ids made by the areas' setups, by name. */
  ids: Record<string, number>;
  /** A unique suffix for codes and names. */
  uniq(): string;
  /** G1 inside, G4 outside (street S2). */
  grid(s: Side): TestApp['fx']['nodes']['G1'];
  /** C1 inside, C3 outside. */
  community(s: Side): TestApp['fx']['nodes']['G1'];
  /** Fixture key suffix: 'g1' inside, 'g4' outside. */
  key(s: Side): 'g1' | 'g4';
  /** The grid's path for a side. */
  path(s: Side): string;
}

export interface MatrixArea {
  /** Makes the targets the rows need (stored in ctx.ids). Runs once, before any row. */
  setup?(ctx: MatrixContext): Promise<void>;
  cases(ctx: MatrixContext): MatrixCase[];
}
