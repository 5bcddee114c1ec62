import { embeddingTests } from './embedding_cases.mjs';

embeddingTests({ threads: false }, 'simd');
