// Suite entry (extensionTestsPath): runs the *.test.js compiled next to this file.
export { run } from '../index';
