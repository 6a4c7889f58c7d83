//! The bad-input matrix and large inputs, end to end: exact exit code, one
//! clear stderr line, never a panic or a hang.

use std::path::{Path, PathBuf};
mod common;

use common::factdiff;
use std::process::{Command, Output};

struct Scratch(PathBuf);

impl Scratch {
    fn new(name: &str) -> Self {
        let dir = std::env::temp_dir().join(format!("factdiff-{name}-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        Scratch(dir)
    }

    fn file(&self, name: &str, bytes: &[u8]) -> String {
        let p = self.0.join(name);
        std::fs::write(&p, bytes).unwrap();
        p.to_str().unwrap().to_string()
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        std::fs::remove_dir_all(&self.0).ok();
    }
}

fn one_error_line(out: &Output, needle: &str) {
    assert_eq!(
        out.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains(needle), "{err}");
    assert!(!err.contains("panicked"), "{err}");
}

fn ok_json(out: &Output) -> serde_json::Value {
    assert!(
        out.status.code() == Some(0) || out.status.code() == Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("json")
}

#[test]
fn a_50_mb_file_is_refused_at_once() {
    let s = Scratch::new("big");
    let p = s.file(
        "big.txt",
        &b"The minister said it rained. ".repeat(50 * 1024 * 1024 / 29),
    );
    one_error_line(&factdiff(&["extract", &p]), "over the limit");
}

#[test]
fn an_unreadable_file_is_an_input_error() {
    use std::os::unix::fs::PermissionsExt;
    let s = Scratch::new("perm");
    let p = s.file("locked.txt", b"Some text here.");
    std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o000)).unwrap();
    if std::fs::read(&p).is_ok() {
        eprintln!("skipped: running as a user who can read any file (root)");
        return;
    }
    one_error_line(&factdiff(&["extract", &p]), "permission denied");
}

#[test]
fn a_single_5_mb_line_completes() {
    let s = Scratch::new("line");
    let words = [
        "Mr.", "Blinken", "said", "that", "the", "talks", "failed", "on", "Thursday", "and",
        "three", "points", "were", "made.",
    ];
    let mut line = String::new();
    let mut i = 0;
    while line.len() < 5 * 1024 * 1024 {
        line.push_str(words[i % words.len()]);
        line.push(' ');
        i += 7;
    }
    let p = s.file("line.txt", line.as_bytes());
    let v = ok_json(&factdiff(&["extract", &p, "--format", "json"]));
    let text = std::fs::read_to_string(&p).unwrap();
    for sent in v["sentences"].as_array().unwrap().iter().take(200) {
        let (a, b) = (
            sent["start"].as_u64().unwrap() as usize,
            sent["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(&text[a..b], sent["text"].as_str().unwrap());
        assert_eq!(sent["line"], 1);
    }
}

#[test]
fn a_hundred_thousand_sentences_complete_and_the_limit_is_enforced() {
    let s = Scratch::new("many");
    let text: String = (0..100_000)
        .map(|i| format!("Mr. Smith said {i} people came.\n"))
        .collect();
    let p = s.file("many.txt", text.as_bytes());
    let v = ok_json(&factdiff(&["extract", &p, "--format", "json"]));
    assert_eq!(v["sentences"].as_array().unwrap().len(), 100_000);
    assert_eq!(v["sentences"][99_999]["line"], 100_000);
    one_error_line(
        &factdiff(&["--max-sentences", "1000", "extract", &p]),
        "over the limit of 1000",
    );
}

#[test]
fn nested_and_unbalanced_quotes() {
    let s = Scratch::new("quotes");
    let nested = format!(
        "He said \"{}x{}\" and left. “Unbalanced ( [ {{ quote",
        "“".repeat(2000),
        "”".repeat(2000)
    );
    let p = s.file("q.txt", nested.as_bytes());
    let v = ok_json(&factdiff(&["compare", &p, &p, "--format", "json"]));
    assert_eq!(v["findings"].as_array().unwrap().len(), 0);
}

#[test]
fn crlf_and_lone_cr_line_ends_give_exact_positions() {
    let s = Scratch::new("eol");
    let text = "Title line here\r\n\r\nMr. Blinken said it rained.\rThe talks ended on Monday.\r\n";
    let p = s.file("eol.txt", text.as_bytes());
    let v = ok_json(&factdiff(&["extract", &p, "--format", "json"]));
    let sents = v["sentences"].as_array().unwrap();
    let find = |t: &str| {
        sents
            .iter()
            .find(|x| x["text"] == t)
            .unwrap_or_else(|| panic!("{t}: {v}"))
    };
    assert_eq!(find("Mr. Blinken said it rained.")["line"], 3);
    assert_eq!(find("The talks ended on Monday.")["line"], 4);
    assert_eq!(find("The talks ended on Monday.")["column"], 1);
}

#[test]
fn stdin_input_and_usage_errors() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_factdiff"))
        .args(["extract", "-", "--format", "json"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"The vote was on Monday.")
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["file"], "-");
    assert_eq!(
        factdiff(&["compare", "only-one-file.txt"]).status.code(),
        Some(2)
    );
    assert_eq!(factdiff(&["frobnicate"]).status.code(), Some(2));
    assert!(factdiff(&["--version"]).status.success());
    assert!(Path::new(env!("CARGO_BIN_EXE_factdiff")).exists());
}

/// Broken and script-heavy HTML: read (exit 0), every byte offset kept.
#[test]
fn endless_inputs_thread_counts_stdin_twice_and_config_folders_are_refused() {
    // an endless input stops at its first NUL byte, whatever command reads it
    for cmd in ["batch", "eval"] {
        one_error_line(&factdiff(&[cmd, "/dev/zero"]), "binary file");
    }
    one_error_line(
        &factdiff(&["batch", "-j", "100000", "fixtures/aliases/pairs.jsonl"]),
        "at most 256 worker threads",
    );
    one_error_line(&factdiff(&["compare", "-", "-"]), "read only once");
    one_error_line(
        &factdiff(&["check", "--config", "fixtures"]),
        "is a directory",
    );
    // a config nested 100,000 deep is refused before parsing, and a rules
    // regex that does not compile is one line
    let scratch = Scratch::new("deep");
    let deep = format!("checks: {}{}\n", "[".repeat(100_000), "]".repeat(100_000));
    let config = scratch.file("deep.yaml", deep.as_bytes());
    one_error_line(
        &factdiff(&["check", "--config", &config]),
        "nested more than 64 deep",
    );
    let rules = scratch.0.join("rules");
    std::fs::create_dir_all(&rules).unwrap();
    let boilerplate = std::fs::read_to_string("rules/boilerplate.yaml")
        .unwrap()
        .replacen("pattern: '", "pattern: '((", 1);
    std::fs::write(rules.join("boilerplate.yaml"), boilerplate).unwrap();
    let src = "fixtures/blinken-lavrov/source.txt";
    one_error_line(
        &factdiff(&["compare", "--rules", rules.to_str().unwrap(), src, src]),
        "pattern does not compile",
    );
}

#[test]
fn decomposed_accents_read_as_the_composed_words() {
    let scratch = Scratch::new("nfd");
    // "Renée Müller" and "José Martí" written composed (NFC) and decomposed (NFD)
    let nfc = "Ren\u{e9}e M\u{fc}ller said the caf\u{e9} in Zaragoza would close. Jos\u{e9} Mart\u{ed}, the owner, said 12 people worked there.\n";
    let nfd = "Rene\u{301}e Mu\u{308}ller said the cafe\u{301} in Zaragoza would close. Jose\u{301} Marti\u{301}, the owner, said 12 people worked there.\n";
    let a = scratch.file("nfc.txt", nfc.as_bytes());
    let b = scratch.file("nfd.txt", nfd.as_bytes());
    for (s, d) in [(&a, &b), (&b, &a)] {
        let v = ok_json(&factdiff(&["compare", s, d, "--format", "json"]));
        assert_eq!(v["findings"].as_array().unwrap().len(), 0, "{v}");
    }
    // the decomposed name's span holds its accents: it ends where the word ends
    let v = ok_json(&factdiff(&["extract", &b, "--format", "json"]));
    let names: Vec<&str> = v["entities"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|e| e["mentions"].as_array().unwrap())
        .map(|m| m["text"].as_str().unwrap())
        .collect();
    assert!(names.contains(&"Rene\u{301}e Mu\u{308}ller"), "{names:?}");
}

/// `text` with each paragraph (line) filled to `width` columns, blank lines between.
fn hard_wrap(text: &str, width: usize) -> String {
    let mut out = String::new();
    for para in text.lines().filter(|l| !l.trim().is_empty()) {
        let mut line = String::new();
        for word in para.split_whitespace() {
            if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
                out.push_str(&line);
                out.push('\n');
                line.clear();
            }
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
        }
        out.push_str(&line);
        out.push_str("\n\n");
    }
    out
}

#[test]
fn hard_wrapped_plain_text_reads_as_its_paragraphs() {
    let scratch = Scratch::new("wrap");
    for source in [
        "fixtures/blinken-lavrov/source.txt",
        "fixtures/three-sources/wire.txt",
    ] {
        let text = std::fs::read_to_string(source).unwrap();
        let wrapped = scratch.file("wrapped.txt", hard_wrap(&text, 72).as_bytes());
        let v = ok_json(&factdiff(&[
            "compare", source, &wrapped, "--format", "json",
        ]));
        assert_eq!(v["summary"]["contradiction"], 0, "{source}: {v}");
        assert_eq!(v["summary"]["omission"], 0, "{source}: {v}");
    }
}

#[test]
fn broken_and_heavy_html_is_read() {
    let s = Scratch::new("html");
    let mut heavy = String::from("<html><body><article>");
    for i in 0..5000 {
        heavy.push_str(&format!(
            "<script>var a = '<p>{i}</p>';</SCRIPT><p>Paragraph {i}: the mayor met the minister.</p>\n<a href='unclosed>"
        ));
    }
    let p = s.file("heavy.html", heavy.as_bytes());
    let out = factdiff(&["extract", &p, "--format", "json"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    for sent in v["sentences"].as_array().unwrap() {
        let (a, b) = (
            sent["start"].as_u64().unwrap() as usize,
            sent["end"].as_u64().unwrap() as usize,
        );
        assert!(!heavy[a..b].contains("var a"), "{}", &heavy[a..b]);
    }
    for bad in ["<", "<<<>>>", "<p>&#xZZ;</p>", "<p>a &", "<a href='>x"] {
        let p = s.file("bad.html", bad.as_bytes());
        let out = factdiff(&["extract", &p]);
        assert_eq!(out.status.code(), Some(0), "{bad}");
    }
    // nothing but markup: an input error naming the file
    for empty in [
        "<!-- never closed",
        "<script>x",
        "<html><head><style>p{}</style></head></html>",
    ] {
        let p = s.file("empty.html", empty.as_bytes());
        one_error_line(&factdiff(&["extract", &p]), "no article text");
    }
}

/// CPU seconds (user and system) a compare of `source` and `draft` costs the
/// process: the least of three runs. CPU time, not wall time, so a test run
/// beside other tests on a busy machine measures the same work.
#[allow(clippy::zombie_processes)] // wait_cpu_secs reaps the child with wait4
fn compare_secs(source: &str, draft: &str) -> f64 {
    (0..3)
        .map(|_| {
            let child = Command::new(env!("CARGO_BIN_EXE_factdiff"))
                .args(["compare", source, draft, "--no-config"])
                .env("NO_COLOR", "1")
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::null())
                .spawn()
                .expect("runs");
            let (code, secs) = wait_cpu_secs(child.id());
            assert!(code.is_some_and(|c| c <= 1), "exit {code:?}");
            secs
        })
        .fold(f64::MAX, f64::min)
}

/// Waits for the child `pid` and returns its exit code and the CPU seconds
/// (user and system) it used, from the kernel's account of that one process.
fn wait_cpu_secs(pid: u32) -> (Option<i32>, f64) {
    let mut status = 0;
    // SAFETY: rusage is plain data the kernel fills; pid is our own child,
    // which nothing else waits for (the `Child` handle is not waited on).
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let got = unsafe { libc::wait4(pid as libc::pid_t, &mut status, 0, &mut usage) };
    assert_eq!(got, pid as libc::pid_t, "wait4");
    let secs = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 / 1e6;
    let code = libc::WIFEXITED(status).then(|| libc::WEXITSTATUS(status));
    (code, secs(usage.ru_utime) + secs(usage.ru_stime))
}

/// Fails unless `large` CPU seconds (the run on 4 times the input) stay under
/// `factor` times `small` (at least 50 ms, so start-up and timer noise do
/// not count: the quadratic passes these tests guard against took
/// seconds on the larger inputs).
fn assert_grows_under(small: f64, large: f64, factor: f64) {
    assert!(
        large < factor * small.max(0.05),
        "{small:.3} s -> {large:.3} s"
    );
}

/// CPU seconds a self-compare of `text` costs: the least of three runs.
fn self_compare_secs(scratch: &Scratch, name: &str, text: &str) -> f64 {
    let path = scratch.file(name, text.as_bytes());
    compare_secs(&path, &path)
}

#[test]
fn cost_grows_near_linearly_on_lines_of_many_cues_numbers_or_list_items() {
    // quadruple the input: linear work takes about 4 times as long (less, with
    // start-up), the quadratic passes this replaced took about 16 times
    let scratch = Scratch::new("growth");
    let cues = |n: usize| "He said \"".repeat(n) + "\n";
    let small = self_compare_secs(&scratch, "q1.txt", &cues(2_500));
    let large = self_compare_secs(&scratch, "q4.txt", &cues(10_000));
    assert_grows_under(small, large, 8.0);
    let numbers = |n: usize| {
        let list: Vec<String> = (0..n).map(|i| format!("{i} wins")).collect();
        format!(
            "The team recorded {} this season.\n",
            list.join(" and then ")
        )
    };
    let small = self_compare_secs(&scratch, "n1.txt", &numbers(200));
    let large = self_compare_secs(&scratch, "n4.txt", &numbers(800));
    assert_grows_under(small, large, 12.0);
    // an enumerated list of thousands of items: items meet only those sharing
    // a word (2,500 items took 2.5 s and 5,000 took 9.6 s when all pairs met)
    let list = |n: usize| {
        let items: Vec<String> = (0..n).map(|i| format!("item{i} alpha{}", i % 50)).collect();
        format!("The board named three priorities: {}.\n", items.join(", "))
    };
    let small = self_compare_secs(&scratch, "l1.txt", &list(1_000));
    let large = self_compare_secs(&scratch, "l4.txt", &list(4_000));
    assert_grows_under(small, large, 8.0);
}

/// A news-like text of `n` paragraphs: each names its own people and place,
/// quotes its speaker in words of its own and negates a claim, as reports of
/// different events do.
fn news(n: usize, seed: usize) -> String {
    let word = |i: usize| -> String {
        let mut i = i * 7 + seed * 131 + 1;
        let mut w = String::new();
        while i > 0 {
            w.push((b'a' + (i % 26) as u8) as char);
            i /= 26;
        }
        w
    };
    let name = |i: usize| -> String {
        let w = word(i) + "an";
        w[..1].to_uppercase() + &w[1..]
    };
    (0..n)
        .map(|i| {
            let w: Vec<String> = (0..8).map(|k| word(8 * i + k)).collect();
            let (first, last, place) = (name(3 * i), name(3 * i + 1), name(3 * i + 2));
            format!(
                "Senator {first} {last} said \"the {} {} will {} {i} {} and we will not {} \
                 the {}\" on Tuesday. The committee did not approve the {} measure, {last} \
                 told reporters in {place}.\n\n",
                w[0], w[1], w[2], w[3], w[4], w[5], w[6]
            )
        })
        .collect()
}

#[test]
fn cost_grows_near_linearly_on_news_with_many_names_quotations_and_negations() {
    // every draft name, quotation and negation used to be looked up in every
    // source sentence, quotation or name: quadruple input, about 16 times the time
    let scratch = Scratch::new("growth-news");
    let small = self_compare_secs(&scratch, "s1.txt", &news(500, 1));
    let large = self_compare_secs(&scratch, "s4.txt", &news(2_000, 1));
    assert_grows_under(small, large, 8.0);
    // a draft about other people than its source's: nothing links
    let other = |n: usize, name: &str| {
        let source = scratch.file(&format!("{name}-source.txt"), news(n, 1).as_bytes());
        let draft = scratch.file(&format!("{name}-draft.txt"), news(n, 2).as_bytes());
        compare_secs(&source, &draft)
    };
    let small = other(500, "o1");
    let large = other(2_000, "o4");
    assert_grows_under(small, large, 8.0);
}

#[test]
fn extract_output_grows_linearly_on_a_line_of_unclosed_quotations() {
    // each cue's content used to run to the end of the line: 20,000 marks
    // wrote about 1 GB of JSON
    let scratch = Scratch::new("unclosed-extract");
    let bytes = |n: usize| {
        let path = scratch.file(
            &format!("q{n}.txt"),
            ("He said \"".repeat(n) + "\n").as_bytes(),
        );
        let out = factdiff(&["extract", &path, "--format", "json", "--no-config"]);
        assert_eq!(out.status.code(), Some(0));
        out.stdout.len()
    };
    let (small, large) = (bytes(1_000), bytes(4_000));
    assert!(large < 6 * small, "{small} -> {large} bytes");
}

#[test]
fn cost_grows_near_linearly_with_the_sentences_of_a_draft() {
    // each draft sentence names its own speaker: entities used to be found by
    // id in a linear search and each attribution scanned all findings so far
    let scratch = Scratch::new("growth-sentences");
    let source = "fixtures/blinken-lavrov/source.txt";
    let secs = |n: usize| {
        let text: String = (0..n)
            .map(|i| format!("Mr. Smith{i} said {i} people came. "))
            .collect();
        let draft = scratch.file(&format!("d{n}.txt"), (text + "\n").as_bytes());
        compare_secs(source, &draft)
    };
    let (small, large) = (secs(2_500), secs(10_000));
    assert_grows_under(small, large, 8.0);
}

#[test]
fn inline_text_in_a_batch_line_meets_the_limits_a_file_does() {
    let s = Scratch::new("batch-inline");
    let pair = |id: &str, source: &str| {
        serde_json::json!({"id": id, "source": source, "draft": "A sentence here.", "label": "consistent"})
            .to_string()
    };
    let lines = [
        pair("long", &"A word. ".repeat(500)),
        pair("nul", "Some text\u{0} here."),
    ];
    let p = s.file("pairs.jsonl", (lines.join("\n") + "\n").as_bytes());
    let out = factdiff(&["batch", &p, "--max-bytes", "1000"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("pairs.jsonl:1: long:source: input is over the limit of 1000 bytes"),
        "{err}"
    );
    assert!(
        err.contains("pairs.jsonl:2: nul:source: is a binary file"),
        "{err}"
    );
}
