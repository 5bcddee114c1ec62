// Placed before the Node glue, at the top level of its ES module (--extern-pre-js).
// Emscripten 3.1.6's Node branch calls require() and reads __dirname, which ES modules
// lack; these module-local bindings provide them without touching the host's globals.
import { createRequire as embedwasmCreateRequire } from 'node:module';
import { dirname as embedwasmDirname } from 'node:path';
import { fileURLToPath as embedwasmFileURLToPath } from 'node:url';

const require = embedwasmCreateRequire(import.meta.url);
const __dirname = embedwasmDirname(embedwasmFileURLToPath(import.meta.url));
