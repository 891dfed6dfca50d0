/** Entry point of the bundled API (dist/index.js): the packaged runtime first, then the API of src/index.ts. */
import './default-runtime.js';
export * from '../index.js';
