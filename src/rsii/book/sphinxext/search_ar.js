/*
 * The Arabic edition's search: the stemmer the search page applies to each word of a
 * query, the same as rsii.book.sphinxext.search_ar applies to each word of the pages.
 * rsii.book.sphinxext.search_ar fills in the rules, Snowball's Arabic stemmer translated
 * from the pinned Python package and Sphinx's English stemmer when it writes
 * language_data.js.
 */
var Stemmer = (function () {
  "use strict";
  const RULES = __RULES__;
  __SNOWBALL__
  __PORTER__
  const ARABIC = new RegExp("[" + RULES.arabic + "]", "u");
  const DROPPED = new RegExp("[" + RULES.dropped + "]", "gu");

  /* Snowball's Arabic stemmer, except that it never takes a leading و or ف for the
     conjunction (the index also holds such a word without its first letter), and that
     it stems every word as a noun, definite or not alike. */
  class BookStemmer extends ArabicStemmer {}
  BookStemmer.prototype[RULES.conjunction_step] = function () {
    return false;
  };
  BookStemmer.prototype[RULES.checks_step] = function () {
    this.B_is_noun = true;
    this.B_is_verb = false;
    this.B_is_defined = false;
    return true;
  };

  function normalise(word) {
    word = word.normalize("NFKC").replace(DROPPED, "");
    word = Array.from(word, (c) => RULES.folded[c] || c).join("");
    for (const article of RULES.articles) {
      if (word.startsWith(article) && word.length - article.length >= RULES.rest) {
        return word.slice(article.length);
      }
    }
    return word;
  }

  return function () {
    const arabic = new BookStemmer();
    const english = new PorterStemmer();
    this.normalise = normalise;
    this.stemWord = function (word) {
      if (ARABIC.test(word)) return arabic.stemWord(normalise(word));
      return english.stemWord(word.toLowerCase());
    };
  };
})();
