/** Entry point of the bundled generator (dist/generate.js, `npm run generate`): the packaged runtime, then the generator. */
import './default-runtime.js';
import '../generate/main.js';
