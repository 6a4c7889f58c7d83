//! Quantities: numbers, dates and time spans that differ between aligned claims, or that the source never states.

use super::*;

/// The rules this family reports.
pub(super) const RULES: &[RuleId] = &[
    RuleId::Quantity,
    RuleId::QuantityUnsupported,
    RuleId::Date,
    RuleId::TimeSpan,
];

pub(super) fn comparable(rules: &Rules, a: &Quantity, b: &Quantity) -> bool {
    use QuantityKind::*;
    match (a.kind, b.kind) {
        (Date, Date) => is_weekday(a) == is_weekday(b),
        (Duration, Duration)
            if duration_days(rules, a).is_some() && duration_days(rules, b).is_some() =>
        {
            true
        }
        (Count, Count) | (Duration, Duration) => {
            a.unit.as_deref().map(stem) == b.unit.as_deref().map(stem)
        }
        (Money, Money) | (Percent, Percent) | (Number, Number) => true,
        _ => false,
    }
}

/// True for a weekday ("Friday").
pub(super) fn is_weekday(q: &Quantity) -> bool {
    matches!(q.value, Some(Value::Weekday { .. }))
}

/// True for a year alone ("in 2014").
pub(super) fn is_year(q: &Quantity) -> bool {
    q.value.is_some_and(|v| v.is_year())
}

/// The year a quantity states alone ("in 2014"), as a number.
fn year_of(q: &Quantity) -> Option<f64> {
    q.value.filter(|v| v.is_year()).and_then(|v| v.as_number())
}

/// The first and last year of the range year `q` opens or closes among the
/// quantities `qs` of its sentence: two years joined by a word or dash of
/// `numbers.yaml`'s `range_joiners`, or by the word a `range_openers` word
/// before them asks for ("from 1996 to 2007", "1993-1996", "between 2001 and
/// 2004").
fn year_range(rules: &Rules, text: &str, qs: &[Quantity], q: &Quantity) -> Option<(f64, f64)> {
    /// Bytes between two years of a range at most (" through ").
    const RANGE_JOINER_BYTES: usize = 12;
    year_of(q)?;
    let k = qs.iter().position(|x| x.span == q.span)?;
    let joined = |a: &Quantity, b: &Quantity| {
        // the few characters between the two years, and the word before the
        // first (only they: the text around may be long)
        let between = text
            .get(a.span.end..b.span.start)
            .filter(|t| t.len() <= RANGE_JOINER_BYTES)?
            .trim()
            .to_lowercase();
        let word_before = text[..a.span.start]
            .trim_end()
            .rsplit(char::is_whitespace)
            .next()
            .unwrap_or("")
            .to_lowercase();
        let numbers = &rules.numbers;
        let joins = numbers.range_joiners.contains(&between)
            || numbers.range_openers.get(&word_before) == Some(&between);
        let (x, y) = (year_of(a)?, year_of(b)?);
        (joins && x <= y).then_some((x, y))
    };
    let before = k.checked_sub(1).and_then(|j| joined(&qs[j], q));
    before.or_else(|| qs.get(k + 1).and_then(|next| joined(q, next)))
}

/// True when a source and a draft quantity state the same value: the same
/// number, a date agreeing on what both state, or a duration of equal length.
pub(super) fn same_value(rules: &Rules, a: &Quantity, b: &Quantity) -> bool {
    if (a.kind == QuantityKind::Date) != (b.kind == QuantityKind::Date) {
        // only a year is also a number ("in 2014" / "2014"): a weekday is no count
        return (is_year(a) || is_year(b))
            && a.value.and_then(|v| v.as_number()) == b.value.and_then(|v| v.as_number());
    }
    if a.kind == QuantityKind::Date && b.kind == QuantityKind::Date {
        match (a.value, b.value) {
            (Some(Value::Weekday { weekday: x }), Some(Value::Weekday { weekday: y })) => {
                return x == y
            }
            (
                Some(Value::Date {
                    year: ya,
                    month: ma,
                    day: da,
                }),
                Some(Value::Date {
                    year: yb,
                    month: mb,
                    day: db,
                }),
            ) => {
                // compare only what both dates state ("July 17" vs "July 17, 2014")
                let agree = |p: Option<u16>, q: Option<u16>| p.zip(q).is_none_or(|(p, q)| p == q);
                let part = |x: Option<u8>| x.map(u16::from);
                return agree(ya, yb) && agree(part(ma), part(mb)) && agree(part(da), part(db));
            }
            (Some(_), Some(_)) => return false,
            _ => {}
        }
    }
    // durations in different units are compared in days ("two weeks" = "14 days")
    let number = |q: &Quantity| q.value.and_then(|v| v.as_number());
    let (x, y) = match (number(a), number(b)) {
        (Some(x), Some(y)) => match (
            a.kind,
            b.kind,
            duration_days(rules, a),
            duration_days(rules, b),
        ) {
            (QuantityKind::Duration, QuantityKind::Duration, Some(p), Some(q)) => (x * p, y * q),
            _ => (x, y),
        },
        _ => return false,
    };
    (x - y).abs() <= 1e-9 * x.abs().max(1.0)
}

/// Two relative times that can name the same time: equal, or one narrowing the
/// other ("earlier this year" within "this year").
pub(super) fn same_time(a: &Quantity, b: &Quantity) -> bool {
    match (a.unit.as_deref(), b.unit.as_deref()) {
        (Some(x), Some(y)) => {
            let within = |long: &str, short: &str| {
                long.strip_suffix(short)
                    .is_some_and(|rest| rest.ends_with(' '))
            };
            x == y || within(x, y) || within(y, x)
        }
        (x, y) => x == y,
    }
}

/// True when two relative times the calendar places (`time_frames`) may name
/// one time: "last month" and "this year", "recently" and "last week", "today"
/// and "tonight". Times it does not place never meet this way.
pub(super) fn may_meet(rules: &Rules, a: &Quantity, b: &Quantity) -> bool {
    let frame = |q: &Quantity| rules.time_frames.get(q.unit.as_deref()?).copied();
    match (frame(a), frame(b)) {
        (Some(x), Some(y)) => x.may_meet(y),
        _ => false,
    }
}

/// Days in one unit of a duration, when `rules/numbers.yaml` gives its length.
pub(super) fn duration_days(rules: &Rules, q: &Quantity) -> Option<f64> {
    rules.numbers.unit_days.get(q.unit.as_deref()?).copied()
}

/// Two counts or durations of different nouns or units ("hens" and "birds").
pub(super) fn counts_other_things(rules: &Rules, a: &Quantity, b: &Quantity) -> bool {
    use QuantityKind::*;
    match (a.kind, b.kind) {
        (Duration, Duration)
            if duration_days(rules, a).is_some() && duration_days(rules, b).is_some() =>
        {
            false
        }
        (Count, Count) | (Duration, Duration) => {
            a.unit.as_deref().map(stem) != b.unit.as_deref().map(stem)
        }
        _ => false,
    }
}

/// Numbers, dates and time spans: contradicted by the aligned source sentence, or unsupported.
pub(super) fn check(cx: &Ctx, sink: &mut Sink) {
    let th = cx.rules.checks.thresholds.sentence_support;
    let swap_th = cx.rules.checks.thresholds.swap_support;
    // source values for "stated anywhere": exact values in a set, dates kept apart
    // because they also match on the parts both state
    // (a weekday's or a day's value is no number: "Friday" is 5, not five men)
    let source_values: HashSet<u64> = cx
        .source
        .claims
        .quantities
        .iter()
        .flatten()
        .filter(|q| q.kind != QuantityKind::Date || is_year(q))
        .filter_map(|q| q.value.and_then(|v| v.as_number()).map(f64::to_bits))
        .collect();
    let source_dates: Vec<&Quantity> = cx
        .source
        .claims
        .quantities
        .iter()
        .flatten()
        .filter(|q| q.kind == QuantityKind::Date)
        .collect();
    let list_heads: Vec<Span> = cx
        .draft
        .claims
        .lists
        .iter()
        .filter_map(|l| l.head)
        .collect();
    let source_all: Vec<&Quantity> = cx.source.claims.quantities.iter().flatten().collect();
    let within = cx.rules.checks.thresholds.approximate_within;
    // source values given as approximate themselves ("more than 540 million"): a draft
    // that approximates them again ("more than 500 million") moves the bound
    let source_approximate: rustc_hash::FxHashMap<Span, Approximation> = cx
        .source
        .claims
        .quantities
        .iter()
        .zip(&cx.source.claims.tokens)
        .flat_map(|(qs, toks)| {
            qs.iter()
                .filter_map(|q| Some((q.span, approximation(cx, toks, q.span)?)))
        })
        .collect();
    // the values a draft's approximate one can approximate: exact ones
    let source_exact = ExactValues::new(
        cx.rules,
        source_all
            .iter()
            .copied()
            .filter(|s| s.value.is_some() && !source_approximate.contains_key(&s.span))
            .collect(),
    );
    let src = SourceQuantities {
        th,
        swap_th,
        within,
        source_values,
        source_dates,
        list_heads,
        source_all,
        source_exact,
        source_approximate,
        same_claim: cx.rules.checks.thresholds.same_claim_support,
        ordinal_ranks: std::cell::OnceCell::new(),
    };
    let mut found = Vec::new();
    for (di, qs) in cx.draft.claims.quantities.iter().enumerate() {
        check_sentence(cx, &src, di, qs, &mut found);
    }
    sink.push_all(found);
}

/// The source values stated exactly, filed by value, so that an approximate
/// draft value reads only the source values near it: a number by its own
/// value and by its magnitude (a duration in days), a date or weekday by
/// itself. Only a filter: each value it gives is tested in full.
struct ExactValues<'a> {
    values: Vec<&'a Quantity>,
    /// (number, index), ascending.
    by_number: Vec<(f64, usize)>,
    /// (magnitude, index), ascending.
    by_magnitude: Vec<(f64, usize)>,
    /// Dates and weekdays by their parts.
    by_date: rustc_hash::FxHashMap<(u8, u16, u8, u8), Vec<usize>>,
    /// A number that is no finite number: the filter stands aside.
    scan_all: bool,
}

/// A quantity's magnitude as the approximation tests read it: a duration in
/// days where its unit has a length.
fn magnitude(rules: &Rules, q: &Quantity) -> Option<f64> {
    let n = q.value.and_then(|v| v.as_number())?;
    Some(match (q.kind, duration_days(rules, q)) {
        (QuantityKind::Duration, Some(days)) => n * days,
        _ => n,
    })
}

/// The parts of a date or weekday value, as one key.
fn date_key(v: Value) -> Option<(u8, u16, u8, u8)> {
    match v {
        Value::Number(_) => None,
        Value::Weekday { weekday } => Some((1, 0, 0, weekday)),
        Value::Date { year, month, day } => Some((
            2,
            year.map_or(u16::MAX, |y| y),
            month.map_or(u8::MAX, |m| m),
            day.map_or(u8::MAX, |d| d),
        )),
    }
}

impl<'a> ExactValues<'a> {
    fn new(rules: &Rules, values: Vec<&'a Quantity>) -> Self {
        let mut by_number = Vec::new();
        let mut by_magnitude = Vec::new();
        let mut by_date: rustc_hash::FxHashMap<_, Vec<usize>> = Default::default();
        let mut scan_all = false;
        for (i, s) in values.iter().enumerate() {
            let Some(v) = s.value else { continue };
            match (v.as_number(), magnitude(rules, s)) {
                (Some(x), Some(m)) => {
                    scan_all |= !x.is_finite() || !m.is_finite();
                    by_number.push((x, i));
                    by_magnitude.push((m, i));
                }
                _ => by_date
                    .entry(date_key(v).unwrap_or_default())
                    .or_default()
                    .push(i),
            }
        }
        by_number.sort_unstable_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
        by_magnitude.sort_unstable_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
        ExactValues {
            values,
            by_number,
            by_magnitude,
            by_date,
            scan_all,
        }
    }

    /// The indexes of `sorted` whose number lies in `[lo, hi]`.
    fn within(sorted: &[(f64, usize)], lo: f64, hi: f64) -> impl Iterator<Item = usize> + '_ {
        let from = sorted.partition_point(|&(x, _)| x < lo);
        sorted[from..]
            .iter()
            .take_while(move |&&(x, _)| x <= hi)
            .map(|&(_, i)| i)
    }

    /// Whether `near` holds of a source value that can be near the draft's
    /// `q`, approximate by `how`: within `within` of it (or of its
    /// magnitude), or inside the span `how` allows below it or in its range.
    fn any_near(
        &self,
        rules: &Rules,
        q: &Quantity,
        how: Approximation,
        (within, below): (f64, f64),
        near: &dyn Fn(&&'a Quantity) -> bool,
    ) -> bool {
        let test = |i: usize| near(&self.values[i]);
        let Some(v) = q.value else {
            return false;
        };
        let (Some(x), Some(m)) = (v.as_number(), magnitude(rules, q)) else {
            // a date or weekday is near only itself
            return date_key(v)
                .and_then(|k| self.by_date.get(&k))
                .is_some_and(|is| is.iter().any(|&i| test(i)));
        };
        let sound = (0.0..1.0).contains(&within) && (0.0..=1.0).contains(&below);
        if self.scan_all || !sound || !x.is_finite() || !m.is_finite() {
            return (0..self.values.len()).any(test);
        }
        // |a - b| <= w * max(|a|, |b|) holds only for b of a's sign between
        // a * (1 - w) and a / (1 - w); the bounds are widened a little for
        // rounding (the full test decides)
        let widened = |p: f64, r: f64, a: f64| {
            let slack = 1e-6 * a.abs().max(1e-300);
            (p.min(r) - slack, p.max(r) + slack)
        };
        let around = |a: f64, w: f64| widened(a * (1.0 - w), a / (1.0 - w), a);
        let (lo, hi) = around(x, within);
        if Self::within(&self.by_number, lo, hi).any(test) {
            return true;
        }
        let span = match how {
            Approximation::Around => Some(around(m, within)),
            Approximation::Below => Some(widened(m * (1.0 - below), m, m)),
            Approximation::Range(lo, hi) => Some((lo, hi)),
            Approximation::Bound => None,
        };
        span.is_some_and(|(lo, hi)| Self::within(&self.by_magnitude, lo, hi).any(test))
    }
}

/// What every draft sentence's quantities are checked against, computed once.
struct SourceQuantities<'a> {
    th: f64,
    swap_th: f64,
    within: f64,
    /// Exact source values (a year counts as a number), for "stated anywhere".
    source_values: HashSet<u64>,
    /// Source dates, which also match on the parts both state.
    source_dates: Vec<&'a Quantity>,
    /// The heads of the draft's lists (their counts are the lists' business).
    list_heads: Vec<Span>,
    source_all: Vec<&'a Quantity>,
    /// The source values stated exactly (not approximate themselves), which
    /// an approximate draft value can state.
    source_exact: ExactValues<'a>,
    /// Source values given as approximate themselves ("more than 540
    /// million"), with how.
    source_approximate: rustc_hash::FxHashMap<Span, Approximation>,
    /// `thresholds.same_claim_support`.
    same_claim: f64,
    /// The source's ordinals as (the noun after each, its value), built when a
    /// draft ordinal first asks.
    ordinal_ranks: std::cell::OnceCell<HashSet<(String, String)>>,
}

/// The quantities `qs` of draft sentence `di`: contradicted by the aligned source
/// sentence, or unsupported.
fn check_sentence(
    cx: &Ctx,
    src: &SourceQuantities,
    di: usize,
    qs: &[Quantity],
    found: &mut Vec<Pending>,
) {
    let (th, swap_th, within) = (src.th, src.swap_th, src.within);
    let (list_heads, source_approximate) = (&src.list_heads, &src.source_approximate);
    let sup = &cx.al.draft_support[di];
    let by_wording = &cx.al.draft_wording_support[di];
    let dtoks = &cx.draft.claims.tokens[di];
    let aligned_sentences: Vec<usize> = [sup, by_wording]
        .into_iter()
        .filter(|s| s.score >= th)
        .flat_map(|s| s.sentences.iter().copied())
        .collect();
    let aligned: Vec<&Quantity> = aligned_sentences
        .iter()
        .flat_map(|&s| cx.source.claims.quantities[s].iter())
        .collect();
    for q in qs {
        match q.kind {
            QuantityKind::Ordinal => {
                if let Some(s) = ordinal_changed(cx, src, &aligned, dtoks, q) {
                    found.push(value_differs(cx, s, q));
                }
                continue;
            }
            QuantityKind::Time => {
                check_time_span(cx, &aligned, q, found);
                continue;
            }
            _ => {}
        }
        if q.value.is_none()
            || (q.kind == QuantityKind::Number && q.value == Some(Value::Number(1.0)))
            || list_heads.contains(&q.span)
        {
            continue;
        }
        // "almost £550bn" for "£547billion"; "12 days" for "almost two weeks"
        let how = approximation(cx, dtoks, q.span);
        let approximate = how.is_some();
        let below = cx.rules.checks.thresholds.approximate_below;
        // whether source value `s` and the draft's are one figure, one side
        // approximating the other (the cheap tests first: every source value
        // may be asked)
        let near = |s: &&Quantity| {
            // a vague amount read bare ("dozens of protesters") meets a count
            let bare_and_count = || {
                matches!(
                    (s.kind, q.kind),
                    (QuantityKind::Number, QuantityKind::Count)
                        | (QuantityKind::Count, QuantityKind::Number)
                )
            };
            let alike = |vague: bool| comparable(cx.rules, s, q) || (vague && bare_and_count());
            let is_range = |a: Approximation| matches!(a, Approximation::Range(..));
            match how {
                Some(d) => {
                    (near_value(s, q, within) || holds_value(cx.rules, q, d, s, (within, below)))
                        && alike(is_range(d))
                        // an approximate figure given again with another
                        // number ("some 105" for "an estimated 100") is
                        // another figure
                        && !source_approximate.contains_key(&s.span)
                }
                None => source_approximate.get(&s.span).is_some_and(|&t| {
                    alike(is_range(t)) && holds_value(cx.rules, s, t, q, (within, below))
                }),
            }
        };
        // a count or duration is stated by its value counting something (other
        // words for it included: "two nations" for "two countries") or bare ("aged
        // 61" for "61-year-old"), but not by a count of another kind ("three days"
        // is not stated by "three teenagers")
        let counted = matches!(q.kind, QuantityKind::Count | QuantityKind::Duration);
        let states = |s: &&Quantity| {
            (!counted || s.kind == q.kind || s.kind == QuantityKind::Number)
                && same_value(cx.rules, s, q)
        };
        // an approximate draft value close to a source value of any sentence
        // ("nearly $44 million" for "$43,885,310") states that one, and
        // contradicts no other
        let approximates_another = approximate
            && how.is_some_and(|d| {
                src.source_exact
                    .any_near(cx.rules, q, d, (within, below), &near)
            });
        let anywhere = approximates_another || stated_anywhere(cx, src, q, &states);
        // the same number counting something else ("5 million hens" for "5 million
        // birds") is not the same claim
        let here = aligned
            .iter()
            .any(|s| (states(s) || near(s)) && !counts_other_things(cx.rules, s, q));
        if totals_in(cx, &aligned_sentences, q) {
            continue;
        }
        // the sentence the draft's wording restates, names and numbers aside: a
        // different value there is a change even when another sentence (the one
        // the number itself pulls the alignment to) states the draft's value
        let restated: Vec<&Quantity> = if by_wording.score >= swap_th {
            by_wording
                .sentences
                .iter()
                .flat_map(|&s| cx.source.claims.quantities[s].iter())
                .collect()
        } else {
            Vec::new()
        };
        let changed_in_restatement = !restated
            .iter()
            .any(|s| same_value(cx.rules, s, q) || near(s))
            && restated
                .iter()
                .any(|s| comparable(cx.rules, s, q) && !counts_other_things(cx.rules, s, q));
        if here && !changed_in_restatement {
            // the draft's value stands in the sentence, but in other words, while
            // another value stands in the draft's words: "plunged to just 9,500ft
            // above the ocean" where the source has "falling at 9,500ft a minute,
            // ... fell to just 1,100ft above the ocean"
            if let Some(s) = moved_value(cx, di, q, &sup.sentences, &near) {
                found.push(value_differs(cx, s, q));
            }
            continue;
        }
        let candidates = if changed_in_restatement {
            &restated
        } else {
            &aligned
        };
        // a year inside a range one side states ("from 1996 to 2007" against
        // "in 2002") is no other year: the range holds it
        let draft_range = year_range(cx.rules, &cx.draft.doc.text, qs, q);
        let held_by_a_range = |s: &Quantity| {
            let inside = |y: Option<f64>, (a, b): (f64, f64)| y.is_some_and(|y| a <= y && y <= b);
            draft_range.is_some_and(|r| inside(year_of(s), r))
                || year_of(q).is_some_and(|_| {
                    let si = super::sentence_at(&cx.source.doc.sentences, s.span.start);
                    let theirs = &cx.source.claims.quantities[si];
                    year_range(cx.rules, &cx.source.doc.text, theirs, s)
                        .is_some_and(|r| inside(year_of(q), r))
                })
        };
        // a source value another number of this draft sentence states is that
        // number's counterpart ("15 years ..., though a judge could add six months")
        let stated_by_other = |s: &Quantity| {
            qs.iter()
                .any(|o| o.span != q.span && same_value(cx.rules, s, o))
        };
        // the frames of the two quantities, from the parse: whether their
        // predicates are one (`None` when the parse finds no predicate for one
        // of them), whether their clauses name something alike (`None` when one
        // names nothing else), and whether both name people or bodies and name
        // none alike ("Smith raised $5 million for the race" and "Jones spent
        // $2 million on advertising" are two people's figures)
        let draft_event = std::cell::OnceCell::new();
        let draft_arguments = std::cell::OnceCell::new();
        let same_predicate = |s: &Quantity| {
            let d = draft_event.get_or_init(|| clauses::event_of(cx.rules, cx.draft, q.span));
            match (clauses::event_of(cx.rules, cx.source, s.span), d) {
                (Some(a), Some(b)) => Some(stem(&a) == stem(b)),
                _ => None,
            }
        };
        let same_participant = |s: &Quantity| {
            let d = draft_arguments.get_or_init(|| clauses::clause_participants(cx.draft, q.span));
            match (clauses::clause_participants(cx.source, s.span), d) {
                (Some(x), Some(y)) => Some(!clauses::participants_in_common(y, &x).is_empty()),
                _ => None,
            }
        };
        let other_names =
            |s: &Quantity| clauses::other_names(clauses::WordPair::of(cx, s.span, q.span));
        // a date of another event (the parse puts it in a clause of another
        // predicate, "refused on Tuesday" against "apologized Monday", or of
        // other people) is no contradiction, unless the draft sentence restates
        // the source one word for word; the draft's date is then at most
        // unsupported. Unknown on either side counts as the same event.
        let same_dated_event = |s: &Quantity| same_predicate(s) != Some(false) && !other_names(s);
        // another number belongs to one event when the parse aligns the two
        // frames: one predicate ("killed 12 people" / "12 people were killed"),
        // clauses naming something alike ("sales rose 5%" / "sales increased
        // 7%"), one counted thing ("two inches of rain" / "three inches of
        // rain"; "killed 12 people" / "11 people died"), or the same words next
        // to both numbers. Sentences alike in their words count only where the
        // parse finds neither predicate nor participants to compare. Never when
        // the clauses name other people: "$716 billion raid on Medicare" and
        // "would cut Medicare by $800 billion" are claims of two people about
        // two plans, whatever words their sentences share.
        let close = sup.score.max(by_wording.score) >= src.same_claim;
        let draft_counted = std::cell::OnceCell::new();
        let draft_context = std::cell::OnceCell::new();
        let same_event = |s: &Quantity| {
            if other_names(s) {
                return false;
            }
            // in sentences not alike, numbers of things the parse tells apart
            // count two things, whatever the predicate: "cited only two times that declarations were used"
            // and "cited dozens of previous declarations"; "$6.5 trillion in
            // additional money" and "the $2.6 trillion trust fund"
            let mine = draft_counted.get_or_init(|| clauses::counted_things(cx.draft, q.span));
            let theirs = clauses::counted_things(cx.source, s.span);
            if !close
                && !mine.is_empty()
                && !theirs.is_empty()
                && !clauses::any_alike(&theirs, mine)
            {
                return false;
            }
            let (pred, args) = (same_predicate(s), same_participant(s));
            if pred == Some(true) || args == Some(true) {
                return true;
            }
            let same_count = s.kind == QuantityKind::Count
                && q.kind == QuantityKind::Count
                && s.unit.as_deref().map(stem) == q.unit.as_deref().map(stem);
            let said_alike = || {
                let si = super::sentence_at(&cx.source.doc.sentences, s.span.start);
                let theirs = value_context(cx, &cx.source.claims.tokens[si], s.span);
                let mine = draft_context.get_or_init(|| value_context(cx, dtoks, q.span));
                !theirs.is_disjoint(mine)
            };
            same_count
                || clauses::any_alike(&theirs, mine)
                || said_alike()
                || (close && pred.is_none() && args.is_none())
        };
        if let Some(s) = candidates.iter().find(|s| {
            comparable(cx.rules, s, q)
                && !same_value(cx.rules, s, q)
                && !stated_by_other(s)
                && !held_by_a_range(s)
                && (changed_in_restatement || !approximates_another)
                && (changed_in_restatement
                    || if q.kind == QuantityKind::Date {
                        same_dated_event(s)
                    } else {
                        same_event(s)
                    })
        }) {
            found.push(value_differs(cx, s, q));
        } else if !anywhere && !is_article_one(q) {
            // "one" alone is mostly an article ("one particular unit", "one month"):
            // it can contradict, but is not reported as a number of its own
            let text = q.span.text(&cx.draft.doc.text);
            found.push((
                RuleId::QuantityUnsupported,
                format!("\"{text}\" is not stated in the source"),
                vec![],
                vec![q.span],
            ));
        }
    }
}

/// True when the draft count `q` is the total of two or more counts of the
/// same thing in one of the source sentences `sentences`: "27 counts of
/// identity theft and extortion" for "21 counts of identity theft and six
/// counts of extortion".
fn totals_in(cx: &Ctx, sentences: &[usize], q: &Quantity) -> bool {
    let (Some(unit), Some(total)) = (
        q.unit.as_deref().map(stem),
        q.value.and_then(|v| v.as_number()),
    ) else {
        return false;
    };
    q.kind == QuantityKind::Count
        && sentences.iter().any(|&si| {
            let parts: Vec<f64> = cx.source.claims.quantities[si]
                .iter()
                .filter(|s| s.kind == QuantityKind::Count)
                .filter(|s| s.unit.as_deref().map(stem).as_deref() == Some(unit.as_str()))
                .filter_map(|s| s.value.and_then(|v| v.as_number()))
                .collect();
            parts.len() >= 2 && (parts.iter().sum::<f64>() - total).abs() < 1e-9
        })
}

/// A draft time span ("last week", "since 2010") against the aligned source
/// time spans: a finding when none is the same and one differs.
fn check_time_span(cx: &Ctx, aligned: &[&Quantity], q: &Quantity, found: &mut Vec<Pending>) {
    let time = |s: &&&Quantity| s.kind == QuantityKind::Time;
    let alike = |s: &Quantity| same_time(s, q) || may_meet(cx.rules, s, q);
    if aligned.iter().filter(time).any(|s| alike(s)) {
        return;
    }
    // a time of clauses naming other people is theirs; a time of another event
    // is no contradiction, but an unsupported claim of that event
    let theirs = |s: &Quantity| clauses::other_names(clauses::WordPair::of(cx, s.span, q.span));
    if let Some(s) = aligned
        .iter()
        .filter(time)
        .find(|s| !alike(s) && !theirs(s))
    {
        let message = format!(
            "time span differs: source \"{}\", draft \"{}\"",
            s.span.text(&cx.source.doc.text),
            q.span.text(&cx.draft.doc.text)
        );
        found.push(super::difference_or_other_event(
            cx,
            RuleId::TimeSpan,
            message,
            s.span,
            q.span,
        ));
    }
}

/// Whether any source sentence states the draft quantity `q`: a count by a
/// value that `states` it, a number by its value, a date by a date of the same
/// value (a day or a weekday only by a date: "Wednesday" is 3, but not stated
/// by "three men"). (An approximate value stating a near one is asked apart.)
fn stated_anywhere(
    cx: &Ctx,
    src: &SourceQuantities,
    q: &Quantity,
    states: &dyn Fn(&&Quantity) -> bool,
) -> bool {
    let counted = matches!(q.kind, QuantityKind::Count | QuantityKind::Duration);
    let day = q.kind == QuantityKind::Date && !is_year(q);
    (if counted {
        src.source_all.iter().any(states)
    } else {
        !day && q
            .value
            .and_then(|v| v.as_number())
            .is_some_and(|v| src.source_values.contains(&v.to_bits()))
    }) || (q.kind == QuantityKind::Date
        && src.source_dates.iter().any(|s| same_value(cx.rules, s, q)))
}

/// The source ordinal of an aligned sentence that ranks the same thing as the
/// draft ordinal `q` with another value ("the 27th District" / "the 37th
/// District"; "the second Republican" / "the third Republican"): the noun
/// right after each is one, and the source ranks nothing of that noun with the
/// draft's value. An ordinal the source lacks is no finding, nor one of
/// occasions (`checks.yaml` `occasion_nouns`: "for the first time in weeks")
/// or a negated one ("not the first time").
fn ordinal_changed<'q>(
    cx: &Ctx,
    src: &SourceQuantities<'q>,
    aligned: &[&'q Quantity],
    dtoks: &[crate::extract::tokens::Token],
    q: &Quantity,
) -> Option<&'q Quantity> {
    let mine = noun_after(dtoks, q.span)?;
    let occasions = &cx.rules.checks.occasion_nouns;
    if occasions.iter().any(|n| stem(n) == mine) {
        return None;
    }
    // "not the first time" ranks nothing
    let at = dtoks.partition_point(|t| t.span().end <= q.span.start);
    if at < dtoks.len() && super::polarity::negated_at(cx, dtoks, at) {
        return None;
    }
    let source_noun = |s: &Quantity| {
        let si = super::sentence_at(&cx.source.doc.sentences, s.span.start);
        noun_after(&cx.source.claims.tokens[si], s.span)
    };
    let ranks_it = |s: &Quantity| {
        s.kind == QuantityKind::Ordinal && source_noun(s).as_deref() == Some(mine.as_str())
    };
    // the source's ranks by noun and value, indexed once per comparison
    let ranks = src.ordinal_ranks.get_or_init(|| {
        src.source_all
            .iter()
            .filter(|s| s.kind == QuantityKind::Ordinal)
            .filter_map(|s| Some((source_noun(s)?, format!("{:?}", s.value))))
            .collect()
    });
    if ranks.contains(&(mine.clone(), format!("{:?}", q.value))) {
        return None;
    }
    aligned
        .iter()
        .copied()
        .find(|s| ranks_it(s) && s.value != q.value)
}

/// The stem of the word right after `span` among `toks`, when it is a word.
fn noun_after(toks: &[crate::extract::tokens::Token], span: Span) -> Option<String> {
    let next = toks.partition_point(|t| t.span().start < span.end);
    toks.get(next)
        .filter(|t| t.kind() == TokenKind::Word)
        .map(|t| t.key.stem().as_str().to_owned())
}

/// The finding for a source and a draft quantity of different values: a `date`
/// or a `quantity` contradiction.
pub(super) fn value_differs(cx: &Ctx, s: &Quantity, q: &Quantity) -> Pending {
    let (rule, what) = if q.kind == QuantityKind::Date {
        (RuleId::Date, "date")
    } else {
        (RuleId::Quantity, "number")
    };
    let message = format!(
        "{what} differs: source \"{}\", draft \"{}\"",
        s.span.text(&cx.source.doc.text),
        q.span.text(&cx.draft.doc.text)
    );
    (rule, message, vec![s.span], vec![q.span])
}

/// Content words next to a quantity (within [`VALUE_CONTEXT`] tokens on either
/// side), stemmed: what the number is said of.
pub(super) fn value_context(
    cx: &Ctx,
    toks: &[crate::extract::tokens::Token],
    span: Span,
) -> HashSet<String> {
    // the tokens overlapping the span, by binary search (tokens are in order)
    let a = toks.partition_point(|t| t.span().end <= span.start);
    let end = toks.partition_point(|t| t.span().start < span.end);
    if a >= end || !toks[a].span().overlaps(&span) {
        return HashSet::default();
    }
    let b = end - 1;
    toks[a.saturating_sub(VALUE_CONTEXT)..a]
        .iter()
        .chain(toks[b + 1..].iter().take(VALUE_CONTEXT))
        .filter(|t| t.kind() == TokenKind::Word && !cx.words.stop.contains(&t.key))
        .map(|t| t.key.stem().as_str().to_owned())
        .collect()
}

/// Tokens on either side of a quantity that say what it counts or measures.
pub(super) const VALUE_CONTEXT: usize = 3;

/// A source quantity of another value that stands in the draft quantity's words
/// (two of them or more), where every source statement of the draft's value
/// stands in none of them: the value was moved from one claim to another.
pub(super) fn moved_value<'a>(
    cx: &'a Ctx,
    di: usize,
    q: &Quantity,
    sources: &[usize],
    near: &dyn Fn(&&Quantity) -> bool,
) -> Option<&'a Quantity> {
    let mine = value_context(cx, &cx.draft.claims.tokens[di], q.span);
    let shared = |si: usize, s: &Quantity| {
        value_context(cx, &cx.source.claims.tokens[si], s.span)
            .intersection(&mine)
            .count()
    };
    let mut same_said_alike = false;
    let mut other: Option<(usize, &Quantity)> = None;
    for &si in sources {
        for s in &cx.source.claims.quantities[si] {
            // an approximate draft value states a close one ("nearly $44
            // million" for "$43,885,310")
            if same_value(cx.rules, s, q) || near(&s) {
                same_said_alike |= shared(si, s) > 0;
            } else if comparable(cx.rules, s, q) && !counts_other_things(cx.rules, s, q) {
                let n = shared(si, s);
                if n >= 2 && other.is_none_or(|(m, _)| n > m) {
                    other = Some((n, s));
                }
            }
        }
    }
    other.filter(|_| !same_said_alike).map(|(_, s)| s)
}

/// How an approximator makes its number approximate.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Approximation {
    /// A vague amount holds any value in its range (`vague_amounts`:
    /// "dozens" holds 36).
    Range(f64, f64),
    /// The value is under the number, close to it ("almost", "nearly").
    Below,
    /// The value is near the number either side ("about", "some").
    Around,
    /// The number bounds the value, how far unsaid ("more than", "up to").
    Bound,
}

/// The kind of approximation the words right before `span` make, or the
/// vague amount it opens with ("dozens of protesters"), if any.
fn approximation(
    cx: &Ctx,
    toks: &[crate::extract::tokens::Token],
    span: Span,
) -> Option<Approximation> {
    let at = toks.partition_point(|t| t.span().start < span.start);
    if at == toks.len() {
        return None;
    }
    if let Some(&[lo, hi]) = cx.rules.numbers.vague_amounts.get(toks[at].key.as_str()) {
        return Some(Approximation::Range(lo, hi));
    }
    let words = cx.words.approximators.iter().find(|words| {
        at >= words.len()
            && toks[at - words.len()..at]
                .iter()
                .zip(words.iter())
                .all(|(t, w)| t.key == *w)
    })?;
    let phrase = words.join(" ");
    let checks = &cx.rules.checks;
    Some(if checks.approximators_below.contains(&phrase) {
        Approximation::Below
    } else if checks.approximator_bounds.contains(&phrase) {
        Approximation::Bound
    } else {
        Approximation::Around
    })
}

/// True when an approximate value `s` (of kind `how`) holds the exact value
/// `q`: "almost two weeks" holds 12 days, "about 300" holds 320; a bound holds
/// no value near it.
fn holds_value(
    rules: &Rules,
    s: &Quantity,
    how: Approximation,
    q: &Quantity,
    (within, below): (f64, f64),
) -> bool {
    // a duration in days, so that "two weeks" holds "12 days"
    let magnitude = |q: &Quantity| {
        let n = q.value.and_then(|v| v.as_number())?;
        Some(match (q.kind, duration_days(rules, q)) {
            (QuantityKind::Duration, Some(days)) => n * days,
            _ => n,
        })
    };
    let (Some(x), Some(y)) = (magnitude(s), magnitude(q)) else {
        return false;
    };
    match how {
        Approximation::Below => y <= x && y >= x * (1.0 - below),
        Approximation::Around => (x - y).abs() <= within * x.abs().max(y.abs()),
        Approximation::Bound => false,
        // the range is the amount's own, not its number's
        Approximation::Range(lo, hi) => lo <= y && y < hi,
    }
}

/// True when two values differ by at most `within` of the larger.
pub(super) fn near_value(a: &Quantity, b: &Quantity, within: f64) -> bool {
    // numbers and years by their distance; a weekday or a fuller date is near
    // only itself ("about July 17" is not July 18)
    match (a.value, b.value) {
        (Some(p), Some(q)) => match (p.as_number(), q.as_number()) {
            (Some(x), Some(y)) => (x - y).abs() <= within * x.abs().max(y.abs()),
            _ => p == q,
        },
        _ => false,
    }
}

/// "One" on its own: mostly an article, a number only when it is a date.
pub(super) fn is_article_one(q: &Quantity) -> bool {
    q.value == Some(Value::Number(1.0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_value_filter_finds_what_a_scan_of_every_value_finds() {
        let rules = Rules::builtin().unwrap();
        let q = |value: Value, kind: QuantityKind, unit: Option<&str>| Quantity {
            span: Span::new(0, 1),
            value: Some(value),
            unit: unit.map(str::to_string),
            kind,
        };
        let mut source = Vec::new();
        for n in [
            0.0, 1.0, 9.0, 10.0, 11.0, 12.0, 14.0, 36.0, 95.0, 100.0, 104.0, -5.0,
        ] {
            source.push(q(Value::Number(n), QuantityKind::Number, None));
            source.push(q(Value::Number(n), QuantityKind::Count, Some("people")));
            source.push(q(Value::Number(n), QuantityKind::Duration, Some("days")));
            source.push(q(
                Value::Number(n / 7.0),
                QuantityKind::Duration,
                Some("weeks"),
            ));
        }
        source.push(q(Value::year(2014), QuantityKind::Date, None));
        source.push(q(Value::Weekday { weekday: 3 }, QuantityKind::Date, None));
        let date = Value::Date {
            year: Some(2014),
            month: Some(7),
            day: Some(17),
        };
        source.push(q(date, QuantityKind::Date, None));
        let exact = ExactValues::new(&rules, source.iter().collect());
        let within = (0.1, 0.1);
        let hows = [
            Approximation::Around,
            Approximation::Below,
            Approximation::Bound,
            Approximation::Range(12.0, 100.0),
        ];
        let mut found = 0;
        for d in &source {
            for how in hows {
                // any one test of the value: the filter must give every value it holds of
                for mark in 0..3 {
                    let near = |s: &&Quantity| {
                        let same_kind = s.kind == d.kind;
                        let close =
                            near_value(s, d, within.0) || holds_value(&rules, d, how, s, within);
                        close && (mark == 0 || same_kind == (mark == 1))
                    };
                    let scan = source.iter().any(|s| near(&s));
                    found += usize::from(scan);
                    assert_eq!(
                        exact.any_near(&rules, d, how, within, &near),
                        scan,
                        "{:?} {:?} {how:?} {mark}",
                        d.value,
                        d.kind
                    );
                }
            }
        }
        assert!(found > 100, "{found}");
    }
}
