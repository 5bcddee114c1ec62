import { embeddingTests } from './embedding_cases.mjs';

embeddingTests({ threads: true }, 'threads');
