//! Attribution extraction, sentence by sentence.

use super::*;
use crate::extract::tokens::tokenize;

type Row = crate::cases::AttributionRow;

/// The speaker of the attribution whose cue is `cue` in `s`.
fn speaker_of(s: &str, cue: &str) -> Option<String> {
    let a = attr(s);
    a.iter()
        .find(|r| r.1 == cue)
        .unwrap_or_else(|| panic!("{cue}: {a:?}"))
        .0
        .clone()
}

/// A text analysed by the whole pipeline (entities included).
fn analyzed(text: &str) -> crate::Analysis {
    static ENGINE: std::sync::OnceLock<crate::Engine> = std::sync::OnceLock::new();
    ENGINE
        .get_or_init(|| crate::Engine::new(Rules::builtin().unwrap()))
        .analyze("t", text.into(), crate::ingest::Format::Text)
        .unwrap()
}

fn attr(s: &str) -> Vec<Row> {
    let rules = Rules::builtin().unwrap();
    crate::cases::attribution_rows(&AttributionLexicon::new(&rules), s)
}

#[test]
fn gerund_cues_after_a_dash_or_preposition() {
    for s in [
        "Rubio changed his pick on the spot – saying he was rooting for Manning.",
        "Bolton surprised everyone by saying he would be willing to help.",
        "Trump angered many after saying that the judge was biased.",
    ] {
        let a = attr(s);
        assert_eq!(a.len(), 1, "{s}: {a:?}");
        assert_eq!(a[0].1, "saying");
        assert!(
            a[0].3.starts_with("he ") || a[0].3.starts_with("the judge"),
            "{a:?}"
        );
    }
}

#[test]
fn a_cue_word_before_with_is_an_action() {
    assert!(attr("East Palestine is contending with the aftermath of the derailment.").is_empty());
    assert_eq!(
        attr("The mayor is contending that the water is safe.").len(),
        1
    );
}

#[test]
fn coordinated_verbs_take_the_sentence_subject() {
    let a = attr("Graham called Trump crazy and said the party would lose.");
    let said = a.iter().find(|x| x.1 == "said").expect("said is a cue");
    assert_eq!(said.0.as_deref(), Some("Graham"));
    assert_eq!(said.3, "the party would lose");
    let a = attr("Clinton did not name him, but told reporters that cities should lead.");
    let told = a.iter().find(|x| x.1 == "told").expect("told is a cue");
    assert_eq!(told.0.as_deref(), Some("Clinton"));
    assert_eq!(told.2.as_deref(), Some("reporters"));
}

#[test]
fn a_name_before_an_inserted_clause_is_the_subject() {
    let a = attr("Sam Ode, the casino magnate, has indicated he may back Trump.");
    assert_eq!(a.len(), 1, "{a:?}");
    assert_eq!(
        (a[0].0.as_deref(), a[0].1.as_str()),
        (Some("Sam Ode"), "indicated")
    );
    let a = attr("Trump, the front-runner, has repeatedly promised to deport them.");
    assert_eq!(a.len(), 1, "{a:?}");
    assert_eq!(a[0].0.as_deref(), Some("Trump"));
}

#[test]
fn a_multi_word_verb_is_one_cue() {
    let a = attr("Smith shot back that the plan was dead.");
    assert_eq!(a.len(), 1, "{a:?}");
    assert_eq!(
        (a[0].1.as_str(), a[0].3.as_str()),
        ("shot back", "the plan was dead")
    );
    assert_eq!(
        speaker_of("He went on to say the plan was dead.", "went on to say").as_deref(),
        Some("He")
    );
    assert_eq!(
        speaker_of("Ms. Ode points out that it rained.", "points out").as_deref(),
        Some("Ms. Ode")
    );
    // the first word alone reports nothing; after a number it is a noun
    assert!(attr("Smith shot the sheriff in the back.").is_empty());
    assert!(attr("Smith made three points to Lavrov about the war.").is_empty());
}

#[test]
fn a_long_clause_between_dashes_keeps_the_subject() {
    let s = "Trump - who previously said he would \"bomb the hell out of\" the oil fields - \
             said at a rally in Texas that the United States would win.";
    let a = attr(s);
    let last = a.last().expect("two cues");
    assert_eq!(last.0.as_deref(), Some("Trump"));
    assert_eq!(last.3, "the United States would win");
}

#[test]
fn when_asked_which_with_a_phrase_between() {
    let a = attr("Asked during a January debate why he trailed, Sanders said the race was young.");
    assert!(
        a.iter().any(|r| r.1 == "Asked" && r.3 == "why he trailed"),
        "{a:?}"
    );
    let a = attr("When asked which candidate she backs, Le Pen smiled.");
    assert!(
        a.iter()
            .any(|r| r.1 == "asked" && r.3 == "which candidate she backs"),
        "{a:?}"
    );
}

#[test]
fn an_opener_is_not_part_of_the_name_before_a_clause() {
    let s = "And America Rising, a political action committee, called the former \
             president less an asset than a liability for his wife.";
    assert_eq!(speaker_of(s, "called").as_deref(), Some("America Rising"));
    let s = "Two analysts, Pat Meg and Chris Har, found in 2014 that the force is the best.";
    let a = attr(s);
    assert!(
        a.iter()
            .any(|r| r.1 == "found" && r.3 == "the force is the best"),
        "{a:?}"
    );
}

#[test]
fn reportedly_attributes_its_clause() {
    let a = attr("The club is reportedly spending $1.5 million on advertisements.");
    assert_eq!(a.len(), 1, "{a:?}");
    assert_eq!((a[0].0.as_deref(), a[0].1.as_str()), (None, "reportedly"));
    assert_eq!(
        a[0].3,
        "The club is reportedly spending $1.5 million on advertisements"
    );
    // before a reporting verb the verb is the cue
    let a = attr("Trump reportedly said that the wall would be built.");
    assert!(a.iter().all(|r| r.1 != "reportedly"), "{a:?}");
}

#[test]
fn a_participle_after_a_comma_reports_its_clause() {
    let s = "Cuban also complained that Cruz is too principled, suggesting the \
             senator sees issues as black and white.";
    let a = attr(s);
    let last = a.last().expect("two cues");
    assert_eq!(last.1, "suggesting");
    assert_eq!(last.3, "the senator sees issues as black and white");
}

#[test]
fn an_infinitive_after_continuing_or_refusing_reports() {
    let a = attr("Trump continued to criticize the judge for his rulings.");
    assert_eq!(a.len(), 1, "{a:?}");
    assert_eq!(
        (a[0].0.as_deref(), a[0].1.as_str()),
        (Some("Trump"), "continued to criticize")
    );
    assert_eq!(a[0].3, "the judge for his rulings");
    assert!(attr("Trump wants to say more about the judge.")
        .iter()
        .all(|r| r.1 != "say"));
}

#[test]
fn a_reporting_noun_after_a_possessive_speaks_for_its_owner() {
    let a = attr("The senator repeated his criticism of the trade deal on Monday.");
    assert!(
        a.iter().any(|r| r.0.as_deref() == Some("his")
            && r.1 == "criticism"
            && r.3 == "the trade deal on Monday"),
        "{a:?}"
    );
    let a = attr("Voters doubted Trump's claim that he would win.");
    assert!(
        a.iter()
            .any(|r| r.0.as_deref() == Some("Trump's") && r.3 == "he would win"),
        "{a:?}"
    );
    // a noun without an owner reports nothing
    assert!(attr("The claim of the company was dismissed.").is_empty());
}

#[test]
fn an_inserted_clause_keeps_the_subject() {
    let a =
        attr("Barkley, who said he votes for Democrats, said one candidate he likes is Kasich.");
    let last = a.last().expect("two cues");
    assert_eq!(last.1, "said");
    assert_eq!(last.0.as_deref(), Some("Barkley"));
    assert_eq!(last.3, "one candidate he likes is Kasich");
}

#[test]
fn quotations_run_across_sentences_of_a_block() {
    let t = "“I came here. You can say that they helped. I left,” he said. Then he went.";
    let parts = [
        "“I came here.",
        "You can say that they helped.",
        "I left,” he said.",
        "Then he went.",
    ];
    let sentences: Vec<crate::model::Sentence> = parts
        .iter()
        .map(|p| {
            let a = t.find(p).unwrap();
            crate::model::Sentence {
                span: Span::new(a, a + p.len()),
                block: 0,
            }
        })
        .collect();
    let tokens: Vec<Vec<Token>> = sentences.iter().map(|s| tokenize(t, s.span)).collect();
    assert_eq!(sentences[1].span.text(t), "You can say that they helped.");
    assert_eq!(
        open_quotes(t, &sentences, &tokens),
        vec![false, true, true, false]
    );
    // a new block closes any quotation left open
    let mut other = sentences.clone();
    other[2].block = 1;
    assert_eq!(
        open_quotes(t, &other, &tokens),
        vec![false, true, false, false]
    );
}

#[test]
fn according_to_both_ways() {
    let a = attr("According to the ministry, the talks failed.");
    assert_eq!(
        (a[0].0.as_deref(), a[0].1.as_str(), a[0].3.as_str()),
        (Some("the ministry"), "According to", "the talks failed")
    );
    let a = attr("Blinken requested the meeting, according to the Russian Foreign Ministry.");
    assert_eq!(a[0].0.as_deref(), Some("the Russian Foreign Ministry"));
    assert_eq!(a[0].3, "Blinken requested the meeting");
}

#[test]
fn verbs_of_stance_take_their_object_as_content() {
    // measured on polnear.train: annotated as cues with their object
    for (s, cue) in [
        (
            "Sanders railed against the trade deal in Detroit.",
            "railed",
        ),
        ("Clinton condemned the attack on the embassy.", "condemned"),
        ("Rubio accused Trump of hiring illegal workers.", "accused"),
    ] {
        let a = attr(s);
        assert_eq!(a.len(), 1, "{s}: {a:?}");
        assert_eq!(a[0].1, cue);
    }
}

#[test]
fn a_cue_word_used_as_a_noun_is_no_cue() {
    assert!(attr("Buddy Valastro stars in the reality show Cake Boss on TLC.").is_empty());
    assert!(attr("Trump is taking questions in an Elks Lodge in Salem.").is_empty());
    assert_eq!(attr("Polls show that Clinton leads in Iowa.").len(), 1);
}

#[test]
fn a_poll_a_sentence_opens_with_is_its_source() {
    let a = attr("In an NBC News poll released Monday, 50 percent back Trump over Cruz.");
    assert_eq!(a.len(), 1, "{a:?}");
    assert_eq!(a[0].0.as_deref(), Some("an NBC News poll released Monday"));
    assert_eq!(
        (a[0].1.as_str(), a[0].3.as_str()),
        ("In", "50 percent back Trump over Cruz")
    );
    // a verb that reports takes the sentence
    let a = attr("In a new poll, 50 percent said they back Trump.");
    assert_eq!(a.len(), 1, "{a:?}");
    assert_eq!(a[0].1, "said");
}

#[test]
fn a_share_of_those_polled_speaks() {
    assert_eq!(
        speaker_of(
            "Majorities in all five say they want immigrants to stay.",
            "say"
        ),
        Some("Majorities in all five".into())
    );
    assert_eq!(
        speaker_of(
            "Many say the plan failed, and some say it never began.",
            "say"
        ),
        Some("Many".into())
    );
    assert_eq!(
        speaker_of("In the poll, 43 said the same for Sanders.", "said"),
        Some("43".into())
    );
    assert_eq!(
        speaker_of("Six in 10 say he is at least somewhat decisive.", "say"),
        Some("Six in 10".into())
    );
}

#[test]
fn complement_verbs_need_a_marker() {
    assert!(attr("She called the police.").is_empty());
    assert_eq!(attr("She found that the plan failed.").len(), 1);
    // a thing defending itself acts; it says nothing
    assert!(attr("Ukraine defends itself from Russia with new weapons.").is_empty());
    assert_eq!(
        attr("Ukraine defends its plan to rebuild the dam near the border.").len(),
        1
    );
}

#[test]
fn when_asked_whether_opens_a_question_put_to_someone() {
    let a =
        attr("\"You bet I would,\" Christie said when asked whether he would issue a quarantine.");
    let q: Vec<&Row> = a.iter().filter(|r| r.1 == "asked").collect();
    assert_eq!(q.len(), 1, "{a:?}");
    assert_eq!(q[0].0, None);
    assert_eq!(q[0].3, "whether he would issue a quarantine");
    let a = attr("Asked by Stephanopoulos to respond to the criticism, Carson said he was calm.");
    let q: Vec<&Row> = a.iter().filter(|r| r.1 == "Asked").collect();
    assert_eq!(q.len(), 1, "{a:?}");
    assert_eq!(q[0].0.as_deref(), Some("Stephanopoulos"));
    assert_eq!(q[0].3, "to respond to the criticism");
}

#[test]
fn adding_after_a_closing_quote_is_the_subjects() {
    let a = attr("Cruz told Newsmax that Romney \"had a crazy policy,\" adding that he lost the Latino vote.");
    let q: Vec<&Row> = a.iter().filter(|r| r.1 == "adding").collect();
    assert_eq!(q.len(), 1, "{a:?}");
    assert_eq!(q[0].0.as_deref(), Some("Cruz"));
    assert_eq!(q[0].3, "he lost the Latino vote");
}

#[test]
fn the_subject_of_a_later_verb_or_gerund() {
    // a pronoun opening the sentence, not a name in the first clause
    assert_eq!(
        speaker_of(
            "He criticized Trump on Monday and said that Trump was a con artist.",
            "said"
        ),
        Some("He".into())
    );
    // a descriptor opening the sentence
    assert_eq!(
        speaker_of(
            "His chief aide doubled down on attacks on Clinton, saying she lacks judgment.",
            "saying"
        ),
        Some("His chief aide".into())
    );
    // not a fronted phrase (the name after it is found among the entities,
    // which this test does not build)
    let a =
        attr("But a few days later, Trump reversed himself, telling CBS that the laws were fine.");
    assert!(
        a.iter().all(|r| r.0.as_deref() != Some("a few days")),
        "{a:?}"
    );
    // "adding" after a cue speaks for that cue's speaker
    assert_eq!(
        speaker_of(
            "\"We feel great,\" he said, adding that Ohio was next.",
            "adding"
        ),
        Some("he".into())
    );
    // a time phrase after a parenthetical is no speaker
    assert_eq!(
        speaker_of(
            "Sen. Bernie Sanders (I-Vt.) on Saturday criticized the accord, calling it weak.",
            "criticized"
        ),
        Some("Sen. Bernie Sanders".into())
    );
}

#[test]
fn a_name_before_an_inserted_clause_speaks() {
    // an auxiliary between the clause's comma and the cue
    assert_eq!(
        speaker_of(
            "Rabbi Marvin Hier, the founder of the Simon Wiesenthal Center in Los Angeles, has said that the event is different.",
            "said"
        ),
        Some("Rabbi Marvin Hier".into())
    );
    assert_eq!(
        speaker_of("At Boca West, where it costs $70,000 to join, Jay DiPietro, the club's president, suggested that the troubles were temporary.", "suggested"),
        Some("Jay DiPietro".into())
    );
    // a fronted phrase is not the name
    assert_eq!(
        speaker_of(
            "On Sunday, Hillary Clinton, the front-runner, called on tech companies to help.",
            "called"
        ),
        Some("Hillary Clinton".into())
    );
    // Reid, not the adverb
    assert_eq!(
        speaker_of(
            "Senate leader Harry Reid relentlessly attacked the brothers, saying they were greedy.",
            "attacked"
        ),
        Some("Senate leader Harry Reid".into())
    );
}

#[test]
fn a_colon_tally_is_no_statement() {
    assert!(attr("Clinton: 2,316.").is_empty());
    assert_eq!(attr("PENCE: Well, look, we will win.").len(), 1);
    // a lead that names no speaker
    assert!(attr("Q: What do you make of the plan?").is_empty());
    assert!(attr("Contributing: Jane Doe in Des Moines.").is_empty());
}

#[test]
fn the_quotation_before_the_speaker_is_the_content() {
    let said = |s: &str| -> String {
        let a = attr(s);
        a.iter()
            .find(|r| r.1 == "said")
            .unwrap_or_else(|| panic!("{a:?}"))
            .3
            .clone()
    };
    assert_eq!(
        said("\"He stands for the middle class,\" Anderson said, adding that Sanders is trusted."),
        "\"He stands for the middle class,\""
    );
    assert_eq!(
        said("\"We will win,\" she said in her victory speech late Tuesday."),
        "\"We will win,\""
    );
    // a second quotation after the cue continues the first
    assert_eq!(
        said("\"We will win,\" she said, \"and we will govern.\""),
        "\"We will win,\" she said, \"and we will govern.\""
    );
}

#[test]
fn a_group_pronoun_is_not_the_person_named_before() {
    let entity_of = |text: &str| {
        let a = analyzed(text);
        let id = a.claims.attributions[0].speaker_entity.clone()?;
        let e = a.claims.entities.iter().find(|e| e.id == id).unwrap();
        Some(e.name.clone())
    };
    let opening = "Julie Turvey runs the school in Hampshire.";
    assert_eq!(
        entity_of(&format!("{opening} She said the police were told.")).as_deref(),
        Some("Julie Turvey")
    );
    assert_eq!(
        entity_of(&format!("{opening} We said the police were told.")),
        None
    );
    assert_eq!(
        entity_of(&format!("{opening} They said the police were told.")),
        None
    );
}

#[test]
fn a_title_phrase_names_the_person_after_it() {
    let speaker = |text: &str| {
        let a = analyzed(text);
        let sp = a.claims.attributions[0].speaker?;
        Some(sp.text(&a.doc.text).to_string())
    };
    // the body that opens the phrase only qualifies the person it names
    assert_eq!(
        speaker(
            "White House press secretary Sarah Huckabee Sanders, traveling with the president, told reporters that the talks went well."
        )
        .as_deref(),
        Some("Sarah Huckabee Sanders")
    );
    // a verb between the two names: the first name is the subject
    assert_eq!(
        speaker("Tom Cotton, who met Jane Roe on Monday, told reporters that the talks went well.")
            .as_deref(),
        Some("Tom Cotton")
    );
}
