/** The Action's entry point (action.yml runs dist/action/index.js, bundled from here): the logic is in main.ts. */
import { run } from './main.js';

void run();
