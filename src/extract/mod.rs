//! Claim extraction: entities, quantities, attributions and lists of a document.

pub mod attributions;
pub mod cue_model;
pub mod entities;
pub mod frames;
pub mod lists;
pub mod quantities;
pub mod quotes;
pub(crate) use crate::tokens;

use crate::model::Document;
use crate::rules::Rules;
use crate::Span;
use attributions::{Attribution, AttributionLexicon};
use entities::{Entity, EntityLexicon};
use lists::{ListClaim, ListInput};
use quantities::{NumberLexicon, Quantity};
use tokens::Token;

/// The lookup tables of every extractor, built once per process from the rules.
#[derive(Debug, Clone)]
pub struct Lexicons {
    /// Entity tables.
    pub entities: EntityLexicon,
    /// Number tables.
    pub numbers: NumberLexicon,
    /// Attribution tables.
    pub attribution: AttributionLexicon,
    /// The learned cue model; `None` gives the rules' attributions alone.
    pub cue_model: Option<std::sync::Arc<cue_model::CueModel>>,
}

impl Lexicons {
    /// Build all tables from the rules.
    pub fn new(rules: &Rules) -> Self {
        Lexicons {
            entities: EntityLexicon::new(rules),
            numbers: NumberLexicon::new(rules),
            attribution: AttributionLexicon::new(rules),
            cue_model: Some(rules.cue_model.clone()),
        }
    }
}

/// A document with the claims found in it.
#[derive(Debug, Clone)]
pub struct Claims {
    /// Tokens of each sentence (parallel to `doc.sentences`).
    pub tokens: Vec<Vec<Token>>,
    /// Named entities with their mentions.
    pub entities: Vec<Entity>,
    /// The entities' mentions sorted by position.
    pub index: entities::MentionIndex,
    /// Quantities of each sentence (parallel to `doc.sentences`).
    pub quantities: Vec<Vec<Quantity>>,
    /// Attributions, in order.
    pub attributions: Vec<Attribution>,
    /// List claims, in order.
    pub lists: Vec<ListClaim>,
}

impl Claims {
    /// The index of the entity with document-local id `id` ("E12"): read from
    /// the id, which numbers the entities in order, and checked.
    pub fn entity_index(&self, id: &str) -> Option<usize> {
        let at = id
            .strip_prefix('E')?
            .parse::<usize>()
            .ok()?
            .checked_sub(1)?;
        self.entities
            .get(at)
            .filter(|e| e.id == id)
            .map(|_| at)
            .or_else(|| self.entities.iter().position(|e| e.id == id))
    }
}

/// Extract every claim of `doc`.
pub fn extract(doc: &Document, lex: &Lexicons) -> Claims {
    let text = &doc.text;
    let tokens: Vec<Vec<Token>> = doc
        .sentences
        .iter()
        .map(|s| tokens::tokenize(text, s.span))
        .collect();
    let entities = entities::extract(doc, &tokens, &lex.entities);
    let index = entities::MentionIndex::new(&entities);
    let quantities: Vec<Vec<Quantity>> = tokens
        .iter()
        .map(|t| {
            let mut qs = quantities::extract(text, t, &lex.numbers);
            // a number inside a name ("Group of 20", "G20") is part of the name; a
            // name after the number is not ("three Premier League wins")
            qs.retain(|q| {
                let word = q.span.text(text).split_whitespace().next().unwrap_or("");
                matches!(
                    q.kind,
                    quantities::QuantityKind::Time | quantities::QuantityKind::Date
                ) || !index.overlaps(Span::new(q.span.start, q.span.start + word.len()))
            });
            // kept for every sentence of the document: no room to grow
            crate::exact::exact(qs)
        })
        .collect();
    let in_quote = attributions::open_quotes(text, &doc.sentences, &tokens);
    let inputs: Vec<attributions::SentenceTokens> = tokens
        .iter()
        .enumerate()
        .map(|(i, t)| attributions::SentenceTokens {
            index: i,
            tokens: t,
            prev: i.checked_sub(1).map(|p| tokens[p].as_slice()),
            in_quote: in_quote[i],
        })
        .collect();
    let mut attributions: Vec<Attribution> = inputs
        .iter()
        .flat_map(|input| attributions::extract(text, *input, &lex.attribution, &entities, &index))
        .collect();
    if let Some(model) = &lex.cue_model {
        attributions = cue_model::revise(
            text,
            &inputs,
            attributions,
            model,
            &lex.attribution,
            &entities,
            &index,
        );
    }
    let attributions = crate::exact::exact(attributions);
    let lists = lists::extract(&ListInput {
        doc,
        tokens: &tokens,
        quantities: &quantities,
        attributions: &attributions,
        entities: &entities,
        index: &index,
        numbers: &lex.numbers,
    });
    Claims {
        tokens,
        entities,
        index,
        quantities,
        attributions,
        lists,
    }
}
