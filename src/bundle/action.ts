/** Entry point of the bundled GitHub Action (dist/action/index.js): the packaged runtime first, then the Action. */
import './default-runtime.js';
import '../action/index.js';
