export { adagrad, adam, adamax, adamw, momentum, rmsprop, sgd, sparseAdam } from './optimizers.js';
