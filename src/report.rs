//! Reports: the serialisable views of extraction and comparison results that
//! every output format renders.

use crate::extract::entities::EntityKind;
use crate::extract::quantities::QuantityKind;
use crate::model::BlockKind;
use crate::span::{Span, SpanView};
use crate::Analysis;
use serde::Serialize;

/// Version of the JSON/YAML schemas; bumped on any incompatible change.
pub const SCHEMA_VERSION: u32 = 1;

/// A block as printed.
#[derive(Debug, Serialize)]
pub struct BlockView {
    /// Structural role.
    pub kind: BlockKind,
    /// Content span.
    #[serde(flatten)]
    pub span: SpanView,
}

/// An entity as printed.
#[derive(Debug, Serialize)]
pub struct EntityView {
    /// Document-local id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Kind.
    pub kind: EntityKind,
    /// Role or title, if seen.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    /// Every mention.
    pub mentions: Vec<SpanView>,
}

/// A quantity as printed.
#[derive(Debug, Serialize)]
pub struct QuantityView {
    /// Where it is.
    #[serde(flatten)]
    pub span: SpanView,
    /// Normalised value.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<f64>,
    /// Unit, currency or counted noun.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// Kind.
    pub kind: QuantityKind,
}

/// The speaker of an attribution as printed.
#[derive(Debug, Serialize)]
pub struct SpeakerView {
    /// Where the speaker is named.
    #[serde(flatten)]
    pub span: SpanView,
    /// Entity id it resolves to.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub entity: Option<String>,
}

/// An attribution as printed.
#[derive(Debug, Serialize)]
pub struct AttributionView {
    /// Speaker, or null when none is named.
    pub speaker: Option<SpeakerView>,
    /// Cue.
    pub cue: SpanView,
    /// Addressee, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub addressee: Option<SpanView>,
    /// Content.
    pub content: SpanView,
    /// Quotation or not.
    pub direct: bool,
}

/// A list claim as printed.
#[derive(Debug, Serialize)]
pub struct ListView {
    /// How it was found.
    pub pattern: &'static str,
    /// Declaring head.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub head: Option<SpanView>,
    /// Declared count.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub declared_count: Option<usize>,
    /// Owner.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub owner: Option<SpeakerView>,
    /// Items.
    pub items: Vec<SpanView>,
}

/// The document model printed by `factdiff extract`.
#[derive(Debug, Serialize)]
pub struct ExtractReport {
    /// Schema version.
    pub schema_version: u32,
    /// Path as given.
    pub file: String,
    /// Blocks.
    pub blocks: Vec<BlockView>,
    /// Lines dropped as furniture.
    pub dropped: Vec<SpanView>,
    /// Sentences.
    pub sentences: Vec<SpanView>,
    /// Entities.
    pub entities: Vec<EntityView>,
    /// Quantities.
    pub quantities: Vec<QuantityView>,
    /// Attributions.
    pub attributions: Vec<AttributionView>,
    /// Lists.
    pub lists: Vec<ListView>,
}

impl ExtractReport {
    /// Build the printable model of an analysis.
    pub fn new(a: &Analysis) -> Self {
        let doc = &a.doc;
        let v = |s: Span| SpanView::new(s, &doc.text, &doc.lines);
        let c = &a.claims;
        ExtractReport {
            schema_version: SCHEMA_VERSION,
            file: doc.path.clone(),
            blocks: doc.blocks.iter().map(|b| BlockView { kind: b.kind, span: v(b.span) }).collect(),
            dropped: doc.dropped.iter().map(|d| v(d.span)).collect(),
            sentences: doc.sentences.iter().map(|s| v(s.span)).collect(),
            entities: c
                .entities
                .iter()
                .map(|e| EntityView {
                    id: e.id.clone(),
                    name: e.name.clone(),
                    kind: e.kind,
                    role: e.role.clone(),
                    mentions: e.mentions.iter().map(|m| v(*m)).collect(),
                })
                .collect(),
            quantities: c
                .quantities
                .iter()
                .flatten()
                .map(|q| QuantityView { span: v(q.span), value: q.value, unit: q.unit.clone(), kind: q.kind })
                .collect(),
            attributions: c
                .attributions
                .iter()
                .map(|at| AttributionView {
                    speaker: at.speaker.map(|s| SpeakerView { span: v(s), entity: at.speaker_entity.clone() }),
                    cue: v(at.cue),
                    addressee: at.addressee.map(v),
                    content: v(at.content),
                    direct: at.direct,
                })
                .collect(),
            lists: c
                .lists
                .iter()
                .map(|l| ListView {
                    pattern: l.pattern,
                    head: l.head.map(v),
                    declared_count: l.declared_count,
                    owner: l.owner.map(|s| SpeakerView { span: v(s), entity: l.owner_entity.clone() }),
                    items: l.items.iter().map(|i| v(*i)).collect(),
                })
                .collect(),
        }
    }

    /// A readable listing for a person.
    pub fn to_text(&self) -> String {
        use std::fmt::Write;
        let mut o = String::new();
        let at = |s: &SpanView| format!("{}:{}", s.line, s.column);
        let _ = writeln!(o, "file: {}", self.file);
        let _ = writeln!(o, "\nsentences ({}):", self.sentences.len());
        for s in &self.sentences {
            let _ = writeln!(o, "  {:>7}  {}", at(s), s.text.replace('\n', " "));
        }
        let _ = writeln!(o, "\nentities ({}):", self.entities.len());
        for e in &self.entities {
            let role = e.role.as_ref().map(|r| format!(" [{r}]")).unwrap_or_default();
            let ms: Vec<String> = e.mentions.iter().map(|m| format!("{} {}", at(m), m.text)).collect();
            let _ = writeln!(o, "  {} {:?} {}{}: {}", e.id, e.kind, e.name, role, ms.join("; "));
        }
        let _ = writeln!(o, "\nquantities ({}):", self.quantities.len());
        for q in &self.quantities {
            let val = q.value.map(|v| format!(" = {v}")).unwrap_or_default();
            let unit = q.unit.as_ref().map(|u| format!(" ({u})")).unwrap_or_default();
            let _ = writeln!(o, "  {:>7}  {:?} {}{}{}", at(&q.span), q.kind, q.span.text, val, unit);
        }
        let _ = writeln!(o, "\nattributions ({}):", self.attributions.len());
        for a in &self.attributions {
            let sp = a.speaker.as_ref().map_or("(none)".to_string(), |s| s.span.text.clone());
            let to = a.addressee.as_ref().map(|s| format!(" → {}", s.text)).unwrap_or_default();
            let kind = if a.direct { "direct" } else { "indirect" };
            let _ = writeln!(o, "  {:>7}  {} [{}]{} ({kind}): {}", at(&a.cue), sp, a.cue.text, to, a.content.text.replace('\n', " "));
        }
        let _ = writeln!(o, "\nlists ({}):", self.lists.len());
        for l in &self.lists {
            let head = l.head.as_ref().map(|h| h.text.clone()).unwrap_or_default();
            let owner = l.owner.as_ref().map(|h| format!(" by {}", h.span.text)).unwrap_or_default();
            let count = l.declared_count.map(|c| format!(" declared {c}")).unwrap_or_default();
            let _ = writeln!(o, "  {} list \"{}\"{}{}:", l.pattern, head, owner, count);
            for (i, it) in l.items.iter().enumerate() {
                let _ = writeln!(o, "    {}. {:>7}  {}", i + 1, at(it), it.text);
            }
        }
        o
    }
}
