#include "word2vec/unicode.h"

namespace embedwasm::word2vec::unicode {
namespace {

bool in(uint32_t cp, uint32_t lo, uint32_t hi) { return cp >= lo && cp <= hi; }

CharClass classify_ascii(uint32_t cp) {
  if (cp == '\n') return CharClass::kNewline;
  if (cp == '\'') return CharClass::kApostrophe;
  // '_' stays inside words: gensim's Phrases joins collocations with it ("new_york").
  if (in(cp, 'a', 'z') || in(cp, 'A', 'Z') || in(cp, '0', '9') || cp == '_') {
    return CharClass::kLetter;
  }
  return CharClass::kSeparator;  // controls, space and the rest of ASCII punctuation
}

// Punctuation of scripts beyond Latin that has its own code points (a short list, not
// the full Unicode P* categories: these are the marks common in running text).
bool is_script_punctuation(uint32_t cp) {
  switch (cp) {
    case 0x037E: case 0x0387:                          // Greek question mark, ano teleia
    case 0x0589: case 0x058A:                          // Armenian full stop, hyphen
    case 0x05BE: case 0x05C0: case 0x05C3: case 0x05C6:
    case 0x05F3: case 0x05F4:                          // Hebrew
    case 0x060C: case 0x060D: case 0x061B: case 0x061F:
    case 0x06D4:                                       // Arabic
    case 0x0964: case 0x0965: case 0x0970:             // Devanagari danda
    case 0x0E4F: case 0x0E5A: case 0x0E5B:             // Thai
    case 0x1680:                                       // Ogham space
    case 0x30A0: case 0x30FB:                          // katakana double hyphen, middle dot
      return true;
    default:
      return in(cp, 0x055A, 0x055F) || in(cp, 0x0609, 0x060B) || in(cp, 0x066A, 0x066D);
  }
}

bool is_cjk_ideograph(uint32_t cp) {
  return in(cp, 0x3400, 0x4DBF) || in(cp, 0x4E00, 0x9FFF) || in(cp, 0xF900, 0xFAFF) ||
         in(cp, 0x20000, 0x2FA1F) || in(cp, 0x30000, 0x3134F);
}

}  // namespace

CharClass classify(uint32_t cp) {
  if (cp < 0x80) return classify_ascii(cp);
  if (cp < 0xA0) return CharClass::kSeparator;  // C1 controls, NEL
  if (cp <= 0xBF) {
    // Latin-1 punctuation and symbols, except its letters (ª µ º) and numbers (² ³ ¹ ¼-¾).
    const bool letter = cp == 0xAA || cp == 0xB5 || cp == 0xBA || cp == 0xB2 || cp == 0xB3 ||
                        cp == 0xB9 || in(cp, 0xBC, 0xBE);
    return letter ? CharClass::kLetter : CharClass::kSeparator;
  }
  if (cp == 0xD7 || cp == 0xF7) return CharClass::kSeparator;  // × ÷
  if (cp < 0x0370) return CharClass::kLetter;
  if (cp < 0x2000) return is_script_punctuation(cp) ? CharClass::kSeparator : CharClass::kLetter;
  if (cp <= 0x206F) {  // General Punctuation, including its spaces and invisible marks
    if (cp == 0x200C || cp == 0x200D) return CharClass::kJoiner;
    if (cp == 0x2019) return CharClass::kApostrophe;
    return CharClass::kSeparator;
  }
  if (cp < 0x20A0) return CharClass::kLetter;              // super- and subscripts
  if (cp < 0x20D0) return CharClass::kSeparator;           // currency signs
  if (cp < 0x2100) return cp == 0x20E3 ? CharClass::kModifier : CharClass::kLetter;  // keycap
  if (cp < 0x2190) return CharClass::kLetter;              // letterlike, number forms
  if (cp < 0x2300) return CharClass::kSeparator;           // arrows, math operators
  if (cp < 0x2400) return CharClass::kStandalone;          // misc technical: ⌚ ⏰ ⌛
  if (cp < 0x2460) return CharClass::kSeparator;           // control pictures, OCR
  if (cp < 0x2500) return CharClass::kLetter;              // enclosed alphanumerics
  if (cp < 0x2600) return CharClass::kSeparator;           // box drawing, shapes
  if (cp < 0x27C0) return CharClass::kStandalone;          // misc symbols, dingbats: ☀ ❤ ✂
  if (cp < 0x2800) return CharClass::kSeparator;
  if (cp < 0x2900) return CharClass::kLetter;              // braille
  if (cp < 0x2B00) return CharClass::kSeparator;           // arrows, math
  if (cp < 0x2C00) return CharClass::kStandalone;          // ⬛ ⭐ ⭕
  if (in(cp, 0x2E00, 0x2E7F)) return CharClass::kSeparator;  // supplemental punctuation
  if (in(cp, 0x3000, 0x303F)) {  // CJK symbols and punctuation, minus its letters/numbers
    const bool letter = in(cp, 0x3005, 0x3007) || in(cp, 0x3021, 0x302F) ||
                        in(cp, 0x3031, 0x3035) || in(cp, 0x3038, 0x303C);
    return letter ? CharClass::kLetter : CharClass::kSeparator;
  }
  if (is_cjk_ideograph(cp)) return CharClass::kStandalone;
  if (cp < 0xFE00) return is_script_punctuation(cp) ? CharClass::kSeparator : CharClass::kLetter;
  if (cp <= 0xFE0F) return CharClass::kModifier;           // variation selectors
  if (cp < 0xFE20) return CharClass::kSeparator;           // vertical forms
  if (cp < 0xFE30) return CharClass::kLetter;              // combining half marks
  if (cp < 0xFE70) return CharClass::kSeparator;           // CJK compatibility, small forms
  if (cp == 0xFEFF) return CharClass::kSeparator;          // BOM, zero-width no-break space
  if (in(cp, 0xFF00, 0xFFEF)) {  // fullwidth ASCII punctuation, halfwidth CJK punctuation
    const bool punct = in(cp, 0xFF01, 0xFF0F) || in(cp, 0xFF1A, 0xFF20) ||
                       in(cp, 0xFF3B, 0xFF3E) || cp == 0xFF40 || in(cp, 0xFF5B, 0xFF65);
    return punct ? CharClass::kSeparator : CharClass::kLetter;
  }
  // U+FFFD stays a letter so that a word with a bad byte keeps its other letters.
  if (in(cp, 0xFFF9, 0xFFFC)) return CharClass::kSeparator;
  if (in(cp, 0x1F1E6, 0x1F1FF)) return CharClass::kRegionalIndicator;
  if (in(cp, 0x1F3FB, 0x1F3FF)) return CharClass::kModifier;  // skin tones
  if (in(cp, 0x1F000, 0x1FAFF)) return CharClass::kStandalone;
  if (in(cp, 0xE0000, 0xE007F) || in(cp, 0xE0100, 0xE01EF)) return CharClass::kModifier;
  if (is_cjk_ideograph(cp)) return CharClass::kStandalone;
  return CharClass::kLetter;
}

uint32_t to_lower(uint32_t cp) {
  if (cp < 0x80) return in(cp, 'A', 'Z') ? cp + 32 : cp;
  if (cp < 0xC0) return cp;
  if (cp <= 0xDE) return cp == 0xD7 ? cp : cp + 32;  // À-Þ except ×
  if (cp < 0x0100) return cp;
  if (cp < 0x0180) {  // Latin Extended-A: pairs, upper first, in three runs of parity
    if (cp == 0x0130) return 0x0069;  // İ -> i (simple mapping drops the dot)
    if (cp == 0x0178) return 0x00FF;  // Ÿ -> ÿ
    const bool even_upper = cp < 0x0138 || in(cp, 0x014A, 0x0177);
    const bool odd_upper = in(cp, 0x0139, 0x0148) || in(cp, 0x0179, 0x017E);
    if (cp == 0x0131 || cp == 0x0138) return cp;
    if ((even_upper && cp % 2 == 0) || (odd_upper && cp % 2 == 1)) return cp + 1;
    return cp;
  }
  if (cp < 0x0370) return cp;
  if (cp < 0x0400) {  // Greek
    if (cp == 0x0370 || cp == 0x0372 || cp == 0x0376) return cp + 1;
    if (cp == 0x037F) return 0x03F3;
    if (cp == 0x0386) return 0x03AC;
    if (in(cp, 0x0388, 0x038A)) return cp + 37;
    if (cp == 0x038C) return 0x03CC;
    if (cp == 0x038E || cp == 0x038F) return cp + 63;
    if (in(cp, 0x0391, 0x03AB) && cp != 0x03A2) return cp + 32;
    if (cp == 0x03CF) return 0x03D7;
    if (in(cp, 0x03D8, 0x03EF) && cp % 2 == 0) return cp + 1;
    if (cp == 0x03F4) return 0x03B8;
    if (cp == 0x03F7 || cp == 0x03FA) return cp + 1;
    if (cp == 0x03F9) return 0x03F2;
    if (in(cp, 0x03FD, 0x03FF)) return cp - 130;  // Ͻ Ͼ Ͽ -> ͻ ͼ ͽ
    return cp;
  }
  if (cp < 0x0530) {  // Cyrillic and its supplement
    if (cp < 0x0410) return cp + 80;
    if (cp < 0x0430) return cp + 32;
    if (cp == 0x04C0) return 0x04CF;
    if (in(cp, 0x04C1, 0x04CE)) return cp % 2 == 1 ? cp + 1 : cp;
    const bool paired = in(cp, 0x0460, 0x0481) || in(cp, 0x048A, 0x04BF) || in(cp, 0x04D0, 0x052F);
    return paired && cp % 2 == 0 ? cp + 1 : cp;
  }
  return cp;
}

void append_utf8(uint32_t cp, std::string* out) {
  if (cp < 0x80) {
    out->push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

}  // namespace embedwasm::word2vec::unicode
