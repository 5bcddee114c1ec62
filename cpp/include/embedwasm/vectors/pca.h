#pragma once
// Principal component analysis to a few (K = 2 or 3, at most kPcaMaxComponents) components,
// for plotting up to ~50,000 word vectors: the (N, K) projection of the centred rows on
// the top K eigenvectors of their covariance, and each component's share of the variance.
//
// Method: block power (subspace) iteration with Rayleigh-Ritz on the covariance
// C = Xc^T Xc / (N - 1), Xc the centred rows, all in double:
// - For D <= kDenseMaxDim, C (D x D) is formed once (N D^2 / 2 multiply-adds, 0.25 G for
//   50,000 x 100) and each iteration costs D^2 P for a block of P = K + 8 vectors, so
//   hundreds of iterations cost less than forming C. Applying C implicitly as
//   Xc^T (Xc Q) would cost 2 N D P per iteration instead: 40 times more at D = 100.
// - For larger D the implicit product is used, so no D x D matrix is formed.
// An iteration multiplies the block by C, re-orthonormalises it (Gram-Schmidt, twice), and
// rotates it onto the eigenvectors of the projected P x P matrix (Jacobi). It stops when
// every kept Ritz pair has ||C v - lambda v|| <= tolerance * lambda_1. The 8 extra vectors
// make the K wanted ones converge at the rate lambda_{P+1} / lambda_K rather than
// lambda_{K+1} / lambda_K, which matters for the flat spectra of word vectors.
//
// Deterministic: the start block comes from Rng(seed). Signs are fixed so that each
// component's largest-magnitude loading (the first, on a tie) is positive, so a plot does
// not flip between calls or as the vectors train. (sklearn flips by the projections
// instead; components can differ from it in sign only.)
#include <cstddef>
#include <cstdint>
#include <vector>

#include "embedwasm/core/option_schema.h"
#include "embedwasm/core/row_matrix.h"
#include "embedwasm/core/status.h"

namespace embedwasm::vectors {

// How C is applied. kAuto: dense for D <= kPcaDenseMaxDim, else implicit.
enum class PcaMethod { kAuto, kDenseCovariance, kImplicit };

struct PcaOptions {
  size_t components = 2;  // K, 1 <= K <= min(D, kPcaMaxComponents)
  PcaMethod method = PcaMethod::kAuto;
  uint64_t seed = 1;
  size_t max_iterations = 1000;
  double tolerance = 1e-6;  // relative residual of each kept eigenpair (plots need no more)
};
// The options JS sets: components (its k) and seed; the others are for C++ callers.
const Schema<PcaOptions>& pca_options_schema();

struct PcaResult {
  size_t n = 0, d = 0, k = 0;
  std::vector<float> projection;                 // (N, K): (x_i - mean) . component_k
  std::vector<double> components;                // (K, D), unit rows, by decreasing variance
  std::vector<double> mean;                      // (D,)
  std::vector<double> explained_variance;        // (K,) eigenvalues of C (N - 1 denominator)
  std::vector<double> explained_variance_ratio;  // (K,) over total_variance (0 if that is 0)
  double total_variance = 0.0;                   // trace of C
  size_t iterations = 0;
  bool converged = false;         // false: max_iterations ran out (results still usable)
  bool dense_covariance = false;  // which way C was applied
};

constexpr size_t kPcaMaxComponents = 16;
constexpr size_t kPcaDenseMaxDim = 1024;

// x: (N, D) rows `stride` floats apart (stride >= D), N >= 2.
Status pca(const float* x, size_t n, size_t d, size_t stride, const PcaOptions& options, PcaResult* out);
Status pca(const RowMatrix& x, const PcaOptions& options, PcaResult* out);

}  // namespace embedwasm::vectors
