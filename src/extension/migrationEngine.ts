// Bundled on its own as dist/migrate.js: the migration planner, loaded on first use.
export { planMigration, splitBom } from '../core/migrate';
