// Optimizers. Published as the `train` namespace (index.js), as TF.js names them
// (train.adam(...)); the folder is named optim like the C++ area it configures.
export { adagrad, adam, adamax, adamw, momentum, rmsprop, sgd, sparseAdam } from './optimizers.js';
