/** The pypi ecosystem of the engine: requirements files, pyproject.toml, poetry.lock and uv.lock. */
export { pypiModule } from './module';
export type { PypiParsedFile } from './module';
export { normalisePypiName } from './names';
export { parsePypiLockfile, PYPI_LOCKFILES } from './lockfiles';
export { readRequirement } from './requirement';
