#pragma once
// Central finite differences for layers that map a (V, D) table to an output: the
// gradient of L(W) = sum_i g_i * forward(W)_i, one table entry perturbed at a time.
// L is summed in double and each difference is divided by the perturbation float
// actually made (w + h rounds), so for a lookup, whose output copies table values, the
// estimate is exact up to double rounding; for ops that sum in float (bags) it is off
// by float rounding / step, which the caller's tolerance must cover.
#include <cmath>
#include <cstddef>
#include <functional>
#include <random>
#include <vector>

namespace embedwasm::test {

// forward(w, out): w is the dense (V, D) table; forward fills *out (any fixed size).
using TableForward = std::function<void(const std::vector<float>& w, std::vector<float>* out)>;

inline double WeightedSum(const std::vector<float>& g, const std::vector<float>& y) {
  double sum = 0.0;
  for (size_t i = 0; i < y.size(); ++i) sum += static_cast<double>(g[i]) * static_cast<double>(y[i]);
  return sum;
}

// dL/dW: (V, D) dense, in double.
inline std::vector<double> FiniteDifferenceGradient(std::vector<float> w, const std::vector<float>& g,
                                                    const TableForward& forward, float step = 0.125f) {
  std::vector<double> grad(w.size());
  std::vector<float> out;
  for (size_t k = 0; k < w.size(); ++k) {
    const float original = w[k];
    const float plus = original + step;
    const float minus = original - step;
    w[k] = plus;
    forward(w, &out);
    const double l_plus = WeightedSum(g, out);
    w[k] = minus;
    forward(w, &out);
    const double l_minus = WeightedSum(g, out);
    w[k] = original;
    grad[k] = (l_plus - l_minus) / (static_cast<double>(plus) - static_cast<double>(minus));
  }
  return grad;
}

// Index of the first entry with |actual - expected| > atol + rtol |expected|, or -1.
inline long FirstGradientMismatch(const float* actual, const std::vector<double>& expected,
                                  double atol, double rtol) {
  for (size_t k = 0; k < expected.size(); ++k) {
    const double a = actual[k];
    if (!(std::fabs(a - expected[k]) <= atol + rtol * std::fabs(expected[k]))) return static_cast<long>(k);
  }
  return -1;
}

// Upstream gradients g in [-1, 1), fixed seed.
inline std::vector<float> RandomUpstream(size_t n, uint32_t seed) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<float> dist(-1.0f, 1.0f);
  std::vector<float> g(n);
  for (float& x : g) x = dist(rng);
  return g;
}

}  // namespace embedwasm::test
