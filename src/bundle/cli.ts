/** Entry point of the bundled `cmlint` binary (dist/cli.cjs): the packaged runtime first, then the CLI of src/cli.ts. */
import './cli-runtime.js';
import '../cli.js';
