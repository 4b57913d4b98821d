/** Every module's routes, registered under /api in this order. */
import type { FastifyPluginAsync } from 'fastify';
import { systemModule } from './system/index.js';
import { accountsModule } from './accounts/index.js';
import { orgModule } from './org/index.js';

export interface Module {
  name: string;
  routes: FastifyPluginAsync;
}

export const modules: Module[] = [systemModule, accountsModule, orgModule];
