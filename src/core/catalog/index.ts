export * from './model';
export { MAX_CATALOG_BYTES, SCHEMA_ID, parseCatalogText, type ParsedCatalog } from './parse';
export { formatPlace, mergeCatalogs } from './merge';
export { CatalogLoadError, loadCatalogs, readCatalogSource, type CatalogRef, type LoadOptions, type RepoCatalogRef } from './load';
export { REPO_CONFIG_FILE, parseRepoConfig, readRepoConfig, repoCatalogPathProblem } from './repoConfig';
export * from './remote';
