#pragma once
// The mean of float32 values summed in the order TensorFlow's CPU kernels sum them, so
// that a weight Keras derives with tf.reduce_mean comes out bit for bit. TensorFlow's
// mean is sum / count in float32, and Eigen's sum on TensorFlow's AVX builds runs
// 8-lane packets: four packet accumulators over blocks of 32 values, folded into the
// first, then the remaining whole packets, the leftover values one by one, and the
// packet's horizontal sum ((a0+a4)+(a2+a6)) + ((a1+a5)+(a3+a7)) last; above 8192
// values the range is halved (at a multiple of 8) and each half summed that way.
// A sum of millions of values, which TensorFlow may split across threads, can differ
// in its last bit. The idf weight of the OOV index is such a mean.
#include <cstddef>

namespace embedwasm::text {

float eigen_float_mean(const float* values, size_t n);

}  // namespace embedwasm::text
