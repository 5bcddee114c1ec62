#pragma once
// Building a fastText dictionary from training text, as fastText's readFromFile does:
//
//   counting   every token (separated by fastText's whitespace), and "</s>" for each
//              line end, is counted; ntokens is the number of tokens counted. Tokens
//              starting with the label prefix are labels. The text is read as if it
//              ended with a newline, as Dictionary::line_rows reads a line, so a last
//              line without '\n' still ends with "</s>" (fastText's reader skips that one).
//   threshold  entries are ordered words first, then labels, each by count descending;
//              words with count < minCount and labels with count < minCountLabel are
//              dropped (ntokens keeps them). Equal counts keep the order of first
//              appearance (fastText's std::sort leaves that order unspecified).
//   discard    (unsupervised) a word w of frequency f = count / ntokens is kept with
//              probability sqrt(t / f) + t / f (fastText's pdiscard), in float.
//
// fastText also raises the threshold while counting once 22.5 million distinct tokens
// are seen; a 4 GiB heap cannot hold such a text's tables anyway, so that step is left out.
#include <string_view>
#include <vector>

#include "embedwasm/fasttext/args.h"
#include "embedwasm/fasttext/dictionary.h"
#include "embedwasm/core/status.h"

namespace embedwasm::fasttext {

// Counts `text` and thresholds the entries with args.min_count, args.min_count_label and
// args.label. Fails (kInvalidArgument) when no word is left, or, for a supervised
// model, no label.
Status count_dictionary(std::string_view text, const Args& args, DictionaryData* out);

// Adds one occurrence of each of `words` (entries of a pretrained .vec file), creating
// words that are missing with count 1 and counting each in ntokens, then re-sorts and
// drops labels of count 0, as fastText does with -pretrainedVectors (add, then
// threshold(1, 0)).
void add_pretrained_words(const std::vector<std::string>& words, const Args& args, DictionaryData* data);

// (nwords,) the keep probability of each word, fastText's pdiscard.
std::vector<float> discard_thresholds(const DictionaryData& data, double t);

}  // namespace embedwasm::fasttext
