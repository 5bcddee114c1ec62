#pragma once
// Pearson's r and Spearman's rho with two-sided p-values, as scipy 1.10's pearsonr and
// spearmanr compute them (gensim's evaluate_word_pairs returns both).
//   pearson:  r = sum (x - mx)(y - my) / (||x - mx|| ||y - my||), clipped to [-1, 1];
//             p = 2 P(B > |r|) for B ~ Beta(n/2 - 1, n/2 - 1) on [-1, 1]; n = 2 gives r = +-1, p = 1.
//   spearman: Pearson's r of the ranks (ties get the mean of their ranks);
//             p from Student's t with n - 2 degrees of freedom, t = rho sqrt((n-2)/(1-rho^2)).
// Both p-values are the same regularized incomplete beta function in different forms.
// Constant input (zero variance) gives NaN statistics and p-values, as scipy (which also
// warns); fewer than 3 pairs give a NaN Spearman p-value.
#include <vector>

namespace embedwasm::vectors {

struct Correlation {
  double statistic = 0.0;
  double pvalue = 0.0;
};

// x, y: (N,) with N >= 2; fewer give NaN.
Correlation pearson_correlation(const std::vector<double>& x, const std::vector<double>& y);
Correlation spearman_correlation(const std::vector<double>& x, const std::vector<double>& y);

// Ranks 1..N of x, ties sharing the mean of their ranks (scipy.stats.rankdata "average").
std::vector<double> average_ranks(const std::vector<double>& x);

// The regularized incomplete beta function I_x(a, b) for a, b > 0, x in [0, 1].
double regularized_incomplete_beta(double a, double b, double x);

}  // namespace embedwasm::vectors
