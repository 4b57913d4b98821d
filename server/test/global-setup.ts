import { dropTemplate, prepareTemplate } from './db.js';

/** Makes this run's migrated template before any test file, and removes it afterwards. */
export default async function setup() {
  await prepareTemplate();
  return async () => {
    await dropTemplate();
  };
}
