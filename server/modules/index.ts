/** Every module's routes, registered under /api in this order. */
import type { FastifyPluginAsync } from 'fastify';
import { systemModule } from './system/index.js';
import { accountsModule } from './accounts/index.js';
import { orgModule } from './org/index.js';
import { geoModule } from './geo/index.js';
import { peopleModule } from './people/index.js';
import { patrolModule } from './patrol/index.js';
import { auditModule } from './audit/index.js';
import { importsModule } from './imports/index.js';
import { notificationsModule } from './notifications/index.js';
import { calendarModule } from './calendar/index.js';
import { mediaModule } from './media/index.js';
import { categoriesModule } from './categories/index.js';
import { casesModule } from './cases/index.js';

export interface Module {
  name: string;
  routes: FastifyPluginAsync;
}

export const modules: Module[] = [systemModule, accountsModule, orgModule, geoModule, peopleModule, patrolModule, auditModule, importsModule,
  notificationsModule, calendarModule, mediaModule, categoriesModule, casesModule,
];
