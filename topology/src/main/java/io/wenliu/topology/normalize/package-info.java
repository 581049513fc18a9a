/**
 * Text normalization: a decision, not a processor.
 *
 * <p>Wenliu never rewrites a document's text. {@code EnrichedDocument.text} is the input text
 * unchanged, and every offset a stage reports (tokens, entities) indexes that string in UTF-16 code
 * units. Unicode normalization forms cannot give that guarantee: NFC and NFKC change lengths (a
 * supplementary CJK compatibility ideograph becomes one BMP character, "ﬁ" becomes "fi") and so
 * shift every later offset, and a consumer highlighting entities in the text it published would
 * highlight the wrong characters.
 *
 * <p>What normalization the models need happens inside each stage, one code point to one code
 * point ({@code io.wenliu.models.text.CharNormalizer}: full-width and compatibility forms,
 * traditional to simplified characters, lower case; see docs/TEXT.md), so that positions in the
 * normalized view are positions in the original text. Inputs that no normalization should paper over (control
 * characters, unpaired surrogates, U+FFFD) are rejected by {@link
 * io.wenliu.topology.validate.DocumentValidator} instead of being silently altered.
 */
package io.wenliu.topology.normalize;
