/**
 * HTTP routes of the people module: parse → authorize → one use case → present. Each route first requires
 * its permission somewhere (403 otherwise, whatever the target); the use case then scopes the target (404).
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyRequest } from 'fastify';
import * as c from '../../../common/contracts/people.js';
import { idParams } from '../../../common/contracts/accounts.js';
import { requirePermission } from '../../platform/authz/index.js';
import { auditCtx } from '../../platform/http/context.js';
import * as residents from './residents.service.js';
import * as places from './places.service.js';
import { keyPopulations } from './key-populations.service.js';

/** Reveals are limited per user, not per address: a burst of reveals is a data leak in progress. */
const revealRateLimit = {
  max: 60,
  timeWindow: '1 minute',
  keyGenerator: (req: FastifyRequest) => (req.actor ? `reveal-user-${req.actor.userId}` : `reveal-ip-${req.ip}`),
};

export const peopleRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.ctx;
  const tags = ['people'];

  app.get('/people/buildings', { schema: { tags, summary: 'Buildings in scope', querystring: c.placeListQuery } }, async (req) =>
    places.listBuildings(db, requirePermission(req, 'people.read'), req.query),
  );
  app.get('/people/buildings/:id', { schema: { tags, summary: 'A building with its houses and households', params: idParams } }, async (req) =>
    places.getBuilding(db, requirePermission(req, 'people.read'), req.params.id),
  );
  app.post('/people/buildings', { schema: { tags, summary: 'Register a building in a grid', body: c.buildingCreateBody } }, async (req, reply) => {
    reply.status(201);
    return places.createBuilding(db, requirePermission(req, 'people.write'), req.body, auditCtx(req));
  });
  app.patch('/people/buildings/:id', { schema: { tags, params: idParams, body: c.buildingUpdateBody } }, async (req) =>
    places.updateBuilding(db, requirePermission(req, 'people.write'), req.params.id, req.body, auditCtx(req)),
  );
  app.post('/people/buildings/:id/houses', { schema: { tags, summary: 'Add a house to a building', params: idParams, body: c.houseCreateBody } }, async (req, reply) => {
    reply.status(201);
    return places.createHouse(db, requirePermission(req, 'people.write'), req.params.id, req.body, auditCtx(req));
  });

  app.get('/people/households', { schema: { tags, summary: 'Households in scope', querystring: c.placeListQuery } }, async (req) =>
    places.listHouseholds(db, requirePermission(req, 'people.read'), req.query),
  );
  app.get('/people/households/:id', { schema: { tags, summary: 'A household with its members (masked)', params: idParams } }, async (req) =>
    places.getHousehold(db, requirePermission(req, 'people.read'), req.params.id),
  );
  app.post('/people/households', { schema: { tags, summary: 'Register a household', body: c.householdCreateBody } }, async (req, reply) => {
    reply.status(201);
    return places.createHousehold(db, requirePermission(req, 'people.write'), req.body, auditCtx(req));
  });
  app.patch('/people/households/:id', { schema: { tags, params: idParams, body: c.householdUpdateBody } }, async (req) =>
    places.updateHousehold(db, requirePermission(req, 'people.write'), req.params.id, req.body, auditCtx(req)),
  );

  app.get('/people/residents', { schema: { tags, summary: 'Residents in scope (masked); search by part of a name or address', querystring: c.residentListQuery } }, async (req) =>
    residents.listResidents(db, requirePermission(req, 'people.read'), req.query, auditCtx(req)),
  );
  app.get('/people/residents/:id', { schema: { tags, summary: 'A resident (masked) with household, grid, party organisation and abilities', params: idParams } }, async (req) =>
    residents.getResident(db, requirePermission(req, 'people.read'), req.params.id),
  );
  app.post('/people/residents', { schema: { tags, summary: 'Register a resident in a household', body: c.residentCreateBody } }, async (req, reply) => {
    reply.status(201);
    return residents.createResident(db, requirePermission(req, 'people.write'), req.body, auditCtx(req));
  });
  app.patch('/people/residents/:id', { schema: { tags, params: idParams, body: c.residentUpdateBody } }, async (req) =>
    residents.updateResident(db, requirePermission(req, 'people.write'), req.params.id, req.body, auditCtx(req)),
  );
  app.post(
    '/people/residents/:id/reveal',
    { schema: { tags, summary: 'Reveal one personal field, with a reason (audited)', params: idParams, body: c.revealBody }, config: { rateLimit: revealRateLimit } },
    async (req) => residents.revealField(db, requirePermission(req, 'personal.reveal'), req.params.id, req.body.field, req.body.reason, auditCtx(req)),
  );

  app.get('/people/key-populations', { schema: { tags, summary: 'Key-population counts per child node', querystring: c.keyPopulationsQuery } }, async (req) =>
    keyPopulations(db, requirePermission(req, 'people.read'), req.query.nodeId),
  );
};
