/** A bundle's runtime without worker threads, set when this module is evaluated: the entry points import it first. */
import { usePackagedRuntime } from './packaged.js';

usePackagedRuntime();
