//! One analysed article: the segmented document, its claims, and its syntax
//! parsed sentence by sentence on demand.

use crate::model::Document;
use crate::{extract, syntax};

/// A document and its claims.
#[derive(Debug, Clone)]
pub struct Analysis {
    /// The segmented document.
    pub doc: Document,
    /// Its claims.
    pub claims: extract::Claims,
    /// Each sentence's syntax, parsed the first time it is asked for.
    pub(crate) syntax: Vec<std::sync::OnceLock<Vec<syntax::SyntaxToken>>>,
    /// Each sentence's claim frames, read from its syntax the first time they
    /// are asked for.
    pub(crate) frames: Vec<std::sync::OnceLock<Vec<extract::frames::Frame>>>,
    /// The engine's sentence parser, shared with its other analyses.
    pub(crate) parser: std::sync::Arc<syntax::SentenceParser>,
    /// Indexes the comparison checks build of this document, kept for the
    /// next comparison that reads it.
    pub(crate) indexes: crate::compare::DocIndexes,
}

impl Analysis {
    /// The UD tokens of sentence `i` with tag, lemma, head and relation; parsed on
    /// first use, so a stage pays for the parse only of the sentences it reads.
    /// Empty when no syntax model is built in.
    pub fn syntax(&self, i: usize) -> &[syntax::SyntaxToken] {
        self.syntax[i].get_or_init(|| self.parse(i))
    }

    /// The UD tokens of sentence `i` as [`Analysis::syntax`] gives them, but a
    /// parse made here is not kept: for a reader that visits each sentence
    /// once (the JSON of `extract`), so a long document's parse is never held
    /// whole.
    pub fn syntax_once(&self, i: usize) -> std::borrow::Cow<'_, [syntax::SyntaxToken]> {
        match self.syntax[i].get() {
            Some(kept) => std::borrow::Cow::Borrowed(kept),
            None => std::borrow::Cow::Owned(self.parse(i)),
        }
    }

    fn parse(&self, i: usize) -> Vec<syntax::SyntaxToken> {
        self.parser
            .parse(&self.doc.text, self.doc.sentences[i].span)
    }

    /// The claim frames of sentence `i`, read from its syntax with `words` on
    /// first use and kept: every check that compares frames reads them once.
    /// One engine's rules give the same words each time.
    pub fn frames(
        &self,
        i: usize,
        words: &extract::frames::FrameWords,
    ) -> &[extract::frames::Frame] {
        self.frames[i]
            .get_or_init(|| extract::frames::frames(&self.doc.text, i, self.syntax(i), words))
    }

    /// The claim frames of sentence `i` as [`Analysis::frames`] gives them,
    /// read from `tokens` (its syntax, from [`Analysis::syntax_once`]) when
    /// they are not kept yet.
    pub fn frames_from(
        &self,
        i: usize,
        tokens: &[syntax::SyntaxToken],
        words: &extract::frames::FrameWords,
    ) -> &[extract::frames::Frame] {
        self.frames[i].get_or_init(|| extract::frames::frames(&self.doc.text, i, tokens, words))
    }
}
