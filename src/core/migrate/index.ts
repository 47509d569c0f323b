/** Catalog migrations: plan (pure, no writes), preview as a diff, apply. See catalog spec "Migrations". */
export { planMigration } from './plan';
export { applyPlan, PlanOutdatedError, unifiedDiff, type ApplyOptions } from './apply';
export { applyEdits, computeEdits } from './textEdits';
export { migrationAllowed, migrationTargets, offeredMigrations, type MigrationTrust } from './targets';
export { splitBom } from './textEdits';
export { DEFAULT_REGEX_TIMEOUT_MS, MAX_FILE_BYTES } from './types';
export type { FileEdits, MigrationPlan, PlanOptions, Skipped, TextEdit } from './types';
