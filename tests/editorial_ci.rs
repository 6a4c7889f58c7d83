//! End-to-end tests of the editorial-CI features: configuration discovery,
//! suppression comments, baselines, CI output formats, HTML input, several
//! sources, cross-outlet view, rules commands, completions and man page.

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
mod common;

use common::factdiff;

const SRC: &str = "fixtures/blinken-lavrov/source.txt";
const DRAFT: &str = "fixtures/blinken-lavrov/draft.txt";

/// Run factdiff in `dir`, colour off.
fn factdiff_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_factdiff"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .expect("runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn json_of(o: &Output) -> Value {
    serde_json::from_slice(&o.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}\n{}", stdout(o), stderr(o)))
}

/// A fresh copy of `fixtures/ci` in a temporary folder of its own.
fn ci_copy(tag: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("factdiff-ci-{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    copy_dir(Path::new("fixtures/ci"), &dir);
    dir
}

/// [`ci_copy`] with its `.factdiff.yaml` replaced by `config`.
fn ci_copy_with_config(tag: &str, config: &str) -> PathBuf {
    let dir = ci_copy(tag);
    std::fs::write(dir.join(".factdiff.yaml"), config).unwrap();
    dir
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let p = e.path();
        if p.is_dir() {
            copy_dir(&p, &to.join(e.file_name()));
        } else {
            std::fs::copy(&p, to.join(e.file_name())).unwrap();
        }
    }
}

/// `compare sources/schools.txt drafts/schools.md --format json` in `dir`, plus `extra`.
fn compare_schools(dir: &Path, extra: &[&str]) -> Output {
    let mut args = vec![
        "compare",
        "sources/schools.txt",
        "drafts/schools.md",
        "--format",
        "json",
    ];
    args.extend_from_slice(extra);
    factdiff_in(dir, &args)
}

const THREE: &str = "fixtures/three-sources";

/// The three sources of `fixtures/three-sources`, then `extra`.
fn three_sources(extra: &[&str]) -> Vec<String> {
    let mut v: Vec<String> = ["wire", "local", "ministry"]
        .iter()
        .map(|n| format!("{THREE}/{n}.txt"))
        .collect();
    v.extend(extra.iter().map(|s| s.to_string()));
    v
}

fn rules_of(report: &Value) -> Vec<String> {
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn check_finds_the_config_from_a_subfolder() {
    let dir = ci_copy("discover");
    let out = factdiff_in(&dir.join("drafts"), &["check", "--format", "json"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let v = json_of(&out);
    assert_eq!(v["source"], "../sources/schools.txt");
    assert_eq!(rules_of(&v), vec!["quantity"]);
    // the config disables omission-minor: nothing of that rule is reported
    assert!(!stdout(&out).contains("omission-minor"));
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn check_named_drafts_only_reports_a_sourceless_one_and_totals() {
    let dir = ci_copy("named");
    let drafts = dir.join("drafts");
    // a clean draft (the source itself), and one whose front matter names no source
    let source = std::fs::read_to_string(dir.join("sources/schools.txt")).unwrap();
    std::fs::write(
        drafts.join("clean.md"),
        format!("---\nsource: ../sources/schools.txt\n---\n{source}"),
    )
    .unwrap();
    std::fs::write(
        drafts.join("orphan.md"),
        "---\ntitle: no source\n---\nThe board met.\n",
    )
    .unwrap();
    // only the named draft is checked
    let one = factdiff_in(&dir, &["check", "drafts/clean.md"]);
    assert_eq!(one.status.code(), Some(0), "{}", stderr(&one));
    let text = stdout(&one);
    assert_eq!(text.lines().count(), 1, "a clean draft is one line: {text}");
    assert!(text.starts_with("clean: drafts/clean.md"), "{text}");
    // the sourceless draft is reported at the end, after the others were checked
    let all = factdiff_in(
        &dir,
        &[
            "check",
            "drafts/orphan.md",
            "drafts/schools.md",
            "drafts/clean.md",
        ],
    );
    assert_eq!(all.status.code(), Some(2), "{}", stderr(&all));
    let (out, err) = (stdout(&all), stderr(&all));
    assert!(out.contains("+++ draft:  drafts/schools.md"), "{out}");
    assert!(out.contains("clean: drafts/clean.md"), "{out}");
    assert!(
        out.contains("total: 2 drafts, 1 failing: 1 contradiction"),
        "{out}"
    );
    assert!(err.contains("drafts/orphan.md: names no source"), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    // and so does a run over every draft the config names
    let every = factdiff_in(&dir, &["check"]);
    assert_eq!(every.status.code(), Some(2), "{}", stderr(&every));
    assert!(
        stdout(&every).contains("total: 2 drafts"),
        "{}",
        stdout(&every)
    );
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn github_and_sarif_paths_are_relative_to_the_repository_root() {
    let dir = ci_copy("ghroot");
    std::fs::create_dir_all(dir.join(".git")).unwrap();
    // run from the drafts folder: paths still start at the repository root
    let gh = factdiff_in(
        &dir.join("drafts"),
        &["check", "schools.md", "--format", "github"],
    );
    assert_eq!(gh.status.code(), Some(1), "{}", stderr(&gh));
    let text = stdout(&gh);
    assert!(
        text.starts_with("::error file=drafts/schools.md,"),
        "{text}"
    );
    assert!(text.contains("(source sources/schools.txt:"), "{text}");
    let sarif = factdiff_in(&dir.join("drafts"), &["check", "--format", "sarif"]);
    let v = json_of(&sarif);
    let uri =
        &v["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"];
    assert_eq!(uri, "drafts/schools.md", "{v}");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn front_matter_sources_stay_inside_the_project_and_a_bom_is_no_text() {
    let dir = ci_copy("outside");
    let drafts = dir.join("drafts");
    let secret = std::env::temp_dir().join(format!("factdiff-secret-{}.txt", std::process::id()));
    std::fs::write(&secret, "The secret board met.\n").unwrap();
    std::fs::write(
        drafts.join("leak.md"),
        format!("---\nsource: {}\n---\nThe board met.\n", secret.display()),
    )
    .unwrap();
    // a byte order mark before the front matter: still front matter
    let body = std::fs::read(drafts.join("schools.md")).unwrap();
    let mut bom = vec![0xEF, 0xBB, 0xBF];
    bom.extend_from_slice(&body);
    std::fs::write(drafts.join("bom.md"), bom).unwrap();
    let out = factdiff_in(&dir, &["check", "drafts/leak.md", "drafts/bom.md"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let (text, err) = (stdout(&out), stderr(&out));
    assert!(err.contains("drafts/leak.md: front matter source"), "{err}");
    assert!(err.contains("outside the project root"), "{err}");
    assert!(!text.contains("secret"), "{text}");
    assert!(text.contains("+++ draft:  drafts/bom.md"), "{text}");
    assert!(
        !text.contains("title:"),
        "front matter read as text: {text}"
    );
    // the config may allow it
    let config = std::fs::read_to_string(dir.join(".factdiff.yaml")).unwrap();
    std::fs::write(
        dir.join(".factdiff.yaml"),
        format!("{config}allow_sources_outside: true\n"),
    )
    .unwrap();
    let allowed = factdiff_in(&dir, &["check", "drafts/leak.md"]);
    assert_ne!(allowed.status.code(), Some(2), "{}", stderr(&allowed));
    std::fs::remove_dir_all(&dir).ok();
    std::fs::remove_file(&secret).ok();
}

#[cfg(unix)]
#[test]
fn globs_do_not_follow_folder_links_and_name_each_draft_once() {
    let dir = ci_copy_with_config("loops", "checks:\n  - drafts: [\"drafts/**/*.md\"]\n");
    let drafts = dir.join("drafts");
    std::fs::create_dir_all(drafts.join("sub")).unwrap();
    // two loops back up the tree, and a link to a file beside the file itself
    std::os::unix::fs::symlink("..", drafts.join("sub/up")).unwrap();
    std::os::unix::fs::symlink("../..", drafts.join("sub/top")).unwrap();
    std::os::unix::fs::symlink("../schools.md", drafts.join("sub/same.md")).unwrap();
    let out = factdiff_in(&dir, &["check", "--format", "json"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let v = json_of(&out);
    assert_eq!(v["draft"], "drafts/schools.md", "one draft, once: {v}");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn markdown_comments_and_link_targets_are_not_text_and_a_line_directive_works() {
    let dir = ci_copy("markup");
    let drafts = dir.join("drafts");
    let source = std::fs::read_to_string(dir.join("sources/schools.txt")).unwrap();
    let first = source
        .lines()
        .find(|l| l.contains("40 new teachers"))
        .unwrap();
    // the source's first paragraph, with markup holding numbers and a name
    let draft = format!(
        "---\nsource: ../sources/schools.txt\n---\n{first} <!-- was 2,000 in Toledo --> See [the plan](https://example.com/2031-plan).\n"
    );
    std::fs::write(drafts.join("markup.md"), &draft).unwrap();
    let out = factdiff_in(&dir, &["check", "drafts/markup.md", "--format", "json"]);
    let v = json_of(&out);
    let text = v.to_string();
    for hidden in ["2,000", "Toledo", "2031", "example.com"] {
        assert!(!text.contains(hidden), "{hidden} read from markup: {text}");
    }
    // a directive sharing a line with text silences that line
    let changed = first.replacen("40", "45", 1);
    assert_ne!(changed, first, "the fixture's first paragraph states 40");
    let draft = format!(
        "---\nsource: ../sources/schools.txt\n---\n{changed} <!-- factdiff-disable-line quantity -->\n"
    );
    std::fs::write(drafts.join("markup.md"), &draft).unwrap();
    let out = factdiff_in(&dir, &["check", "drafts/markup.md", "--format", "json"]);
    let v = json_of(&out);
    assert!(!rules_of(&v).contains(&"quantity".to_string()), "{v}");
    assert_eq!(v["suppressed"], 1, "{v}");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn a_misspelt_directive_is_a_warning_naming_file_and_line() {
    let dir = ci_copy("misspelt");
    let source = std::fs::read_to_string(dir.join("sources/schools.txt")).unwrap();
    let changed = source
        .lines()
        .find(|l| l.contains("40 new teachers"))
        .unwrap()
        .replacen("40", "45", 1);
    std::fs::write(
        dir.join("drafts/typo.md"),
        format!(
            "---\nsource: ../sources/schools.txt\n---\n{changed} <!-- factdiff-disabel quantity -->\n"
        ),
    )
    .unwrap();
    let out = factdiff_in(&dir, &["check", "drafts/typo.md"]);
    // nothing is silenced: the changed number still fails the run
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("warning: drafts/typo.md:4: `factdiff-disabel` is no directive"),
        "{err}"
    );
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn check_without_a_config_is_a_usage_error() {
    let out = factdiff(&["check", "--no-config"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("no .factdiff.yaml"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn config_with_an_unknown_key_names_file_line_and_key() {
    let dir = ci_copy_with_config(
        "badkey",
        "fail_on: error\nseverity:\n  word: info\nfial_on: warning\n",
    );
    let out = factdiff_in(&dir, &["check"]);
    assert_eq!(out.status.code(), Some(2));
    let e = stderr(&out);
    assert!(
        e.contains(".factdiff.yaml") && e.contains("line 4") && e.contains("fial_on"),
        "{e}"
    );
    std::fs::write(dir.join(".factdiff.yaml"), "disable: [no-such-rule]\n").unwrap();
    let out = factdiff_in(&dir, &["check"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("no-such-rule"), "{}", stderr(&out));
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn config_severity_override_and_fail_on_apply_to_compare() {
    let dir = ci_copy_with_config(
        "severity",
        "severity:\n  quantity: info\nfail_on: warning\n",
    );
    let out = compare_schools(&dir, &[]);
    let v = json_of(&out);
    assert!(v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == "quantity")
        .all(|f| f["severity"] == "info"));
    // quantity is info now and fail_on is warning: nothing trips
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn a_suppression_comment_silences_exactly_one_finding() {
    let dir = ci_copy("suppress");
    let draft = dir.join("drafts/schools.md");
    let with = compare_schools(&dir, &["--no-config"]);
    let text = std::fs::read_to_string(&draft).unwrap();
    let stripped: String = text
        .lines()
        .filter(|l| !l.contains("factdiff-disable"))
        .map(|l| format!("{l}\n"))
        .collect();
    std::fs::write(&draft, stripped).unwrap();
    let without = compare_schools(&dir, &["--no-config"]);
    let (a, b) = (json_of(&with), json_of(&without));
    assert_eq!(a["suppressed"], 1);
    let (fa, fb) = (
        a["findings"].as_array().unwrap(),
        b["findings"].as_array().unwrap(),
    );
    assert_eq!(fa.len() + 1, fb.len());
    let silenced: Vec<&Value> = fb
        .iter()
        .filter(|f| !fa.iter().any(|g| g["message"] == f["message"]))
        .collect();
    assert_eq!(silenced.len(), 1);
    assert_eq!(silenced[0]["rule"], "quantity");
    assert!(silenced[0]["message"]
        .as_str()
        .unwrap()
        .contains("$3 million"));
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn baseline_round_trip() {
    let dir = ci_copy("baseline");
    // today's findings are accepted
    let out = factdiff_in(&dir, &["check", "--write-baseline", "baseline.json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("wrote 1 finding to"),
        "{}",
        stderr(&out)
    );
    let out = factdiff_in(&dir, &["check", "--baseline", "baseline.json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert!(stdout(&out).contains("1 more finding accepted by the baseline"));
    // from another working directory the draft path reads differently; still accepted
    let out = factdiff_in(
        &dir.join("drafts"),
        &["check", "--baseline", "../baseline.json"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    // an unrelated edit moves every line: the baseline still holds
    let draft = dir.join("drafts/schools.md");
    let text = std::fs::read_to_string(&draft).unwrap();
    let edited = text
        .replacen("# City Hires", "\n\n# City Hires", 1)
        .replacen(
            "The teachers' union",
            "The plan will be paid for from a reserve fund.\n\nThe teachers' union",
            1,
        );
    assert_ne!(edited, text);
    std::fs::write(&draft, &edited).unwrap();
    let out = factdiff_in(&dir, &["check", "--baseline", "baseline.json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    // a new error fails, and only it is reported
    std::fs::write(&draft, edited.replace("12 percent", "15 percent")).unwrap();
    let out = factdiff_in(
        &dir,
        &["check", "--baseline", "baseline.json", "--format", "json"],
    );
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    let v = json_of(&out);
    assert_eq!(rules_of(&v), vec!["quantity"]);
    assert!(v["findings"][0]["message"]
        .as_str()
        .unwrap()
        .contains("15 percent"));
    assert_eq!(v["baselined"], 1);
    // a broken baseline file is an input error naming it
    std::fs::write(
        dir.join("baseline.json"),
        "{\"baseline_version\": 1,\n\"oops\": []}",
    )
    .unwrap();
    let out = factdiff_in(&dir, &["check", "--baseline", "baseline.json"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("baseline.json"), "{}", stderr(&out));
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn github_format_is_one_workflow_command_per_finding() {
    let out = factdiff(&["compare", SRC, DRAFT, "--format", "github", "--no-config"]);
    assert_eq!(out.status.code(), Some(1));
    let json = json_of(&factdiff(&[
        "compare",
        SRC,
        DRAFT,
        "--format",
        "json",
        "--no-config",
    ]));
    let lines: Vec<String> = stdout(&out).lines().map(str::to_string).collect();
    assert_eq!(lines.len(), json["findings"].as_array().unwrap().len());
    let re = regex::Regex::new(
        r"^::(error|warning|notice) file=fixtures/blinken-lavrov/draft\.txt,line=\d+(,endLine=\d+,col=\d+,endColumn=\d+)?,title=factdiff [a-z-]+ \((error|warning|info)\)::\S.*$",
    )
    .unwrap();
    for l in &lines {
        assert!(re.is_match(l), "{l}");
    }
    assert!(lines
        .iter()
        .any(|l| l.starts_with("::error ") && l.contains("list-item")));
    // percent signs are escaped in messages
    assert!(lines.iter().any(|l| l.contains("%25 of its content")));
}

#[test]
fn max_findings_cuts_the_list_and_says_so() {
    let out = factdiff(&[
        "compare",
        SRC,
        DRAFT,
        "--format",
        "github",
        "--max-findings",
        "3",
        "--no-config",
    ]);
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 4);
    assert!(lines[3].starts_with("::notice") && lines[3].contains("more findings not shown"));
    let v = json_of(&factdiff(&[
        "compare",
        SRC,
        DRAFT,
        "--format",
        "json",
        "--max-findings",
        "3",
        "--no-config",
    ]));
    assert_eq!(v["findings"].as_array().unwrap().len(), 3);
    let total = v["summary"]["error"].as_u64().unwrap()
        + v["summary"]["warning"].as_u64().unwrap()
        + v["summary"]["info"].as_u64().unwrap();
    assert_eq!(v["not_shown"].as_u64().unwrap() + 3, total);
    // the exit code still counts every finding
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn several_drafts_make_one_json_document_and_yaml_documents_separated() {
    // one source, three drafts: the draft, the source itself, the draft again
    let args = |format: &str| {
        factdiff(&[
            "compare",
            SRC,
            DRAFT,
            SRC,
            DRAFT,
            "--format",
            format,
            "--no-config",
        ])
    };
    let out = args("json");
    assert_eq!(out.status.code(), Some(1));
    let v = json_of(&out);
    let reports = v["reports"].as_array().unwrap();
    assert_eq!(reports.len(), 3);
    assert!(reports[1]["findings"].as_array().unwrap().is_empty());
    let errors: u64 = reports
        .iter()
        .map(|r| r["summary"]["error"].as_u64().unwrap())
        .sum();
    assert_eq!(v["summary"]["error"].as_u64().unwrap(), errors);
    assert!(errors > 0);
    // YAML: one document per draft, each opened by ---
    let yaml = stdout(&args("yaml"));
    assert_eq!(yaml.lines().filter(|l| *l == "---").count(), 3);
    assert!(yaml.starts_with("---\n"));
    // one draft keeps the one report
    let one = json_of(&factdiff(&[
        "compare",
        SRC,
        DRAFT,
        "--format",
        "json",
        "--no-config",
    ]));
    assert!(one["findings"].is_array() && one.get("reports").is_none());
}

#[test]
fn disable_on_the_command_line_drops_rules_and_rejects_unknown_ones() {
    let out = factdiff(&[
        "compare",
        SRC,
        DRAFT,
        "--format",
        "json",
        "--disable",
        "list-item,time-span",
        "--no-config",
    ]);
    // the founding example's two errors are of these rules: the run passes
    assert_eq!(out.status.code(), Some(0));
    let v = json_of(&out);
    assert!(v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .all(|f| f["rule"] != "list-item" && f["rule"] != "time-span"));
    assert_eq!(v["summary"]["error"].as_u64(), Some(0));
    let bad = factdiff(&[
        "compare",
        SRC,
        DRAFT,
        "--disable",
        "list-itm",
        "--no-config",
    ]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(stderr(&bad).contains("list-itm") && stderr(&bad).lines().count() == 1);
}

#[test]
fn min_severity_filters_the_list_but_not_the_summary_or_exit_code() {
    let run = |min: &str| {
        factdiff(&[
            "compare",
            SRC,
            DRAFT,
            "--format",
            "json",
            "--min-severity",
            min,
            "--no-config",
        ])
    };
    let all = json_of(&run("info"));
    let errors = run("error");
    assert_eq!(errors.status.code(), Some(1));
    let v = json_of(&errors);
    let listed = v["findings"].as_array().unwrap();
    assert!(!listed.is_empty() && listed.iter().all(|f| f["severity"] == "error"));
    assert_eq!(v["summary"], all["summary"]);
    assert_eq!(
        v["below_min_severity"].as_u64().unwrap() as usize + listed.len(),
        all["findings"].as_array().unwrap().len()
    );
    let text = stdout(&factdiff(&[
        "compare",
        SRC,
        DRAFT,
        "--min-severity",
        "warning",
        "--color",
        "never",
        "--no-config",
    ]));
    assert!(!text.lines().any(|l| l.starts_with("info[")));
    assert!(text.contains("under --min-severity not shown"));
    let bad = factdiff(&["compare", SRC, DRAFT, "--min-severity", "loud"]);
    assert_eq!(bad.status.code(), Some(2));
}

#[test]
fn a_cut_keeps_the_most_severe_findings_in_every_format() {
    let run = |format: &str, max: &str| {
        factdiff(&[
            "compare",
            SRC,
            DRAFT,
            "--format",
            format,
            "--max-findings",
            max,
            "--no-config",
        ])
    };
    // one annotation: the run fails, so it is an error
    let out = run("github", "1");
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout(&out).lines().next().unwrap().starts_with("::error "));
    // the whole list runs error, warning, info
    let v = json_of(&run("json", "1000"));
    let rank = |s: &str| ["error", "warning", "info"].iter().position(|x| *x == s);
    let ranks: Vec<_> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| rank(f["severity"].as_str().unwrap()).unwrap())
        .collect();
    assert!(ranks.windows(2).all(|w| w[0] <= w[1]), "{ranks:?}");
    assert!(ranks.contains(&0) && ranks.contains(&2));
    // the HTML page says what the cut left out
    let html = stdout(&run("html", "2"));
    assert!(html.contains("the least severe, not shown"));
}

#[test]
fn sarif_validates_against_the_2_1_0_schema() {
    let out = factdiff(&["compare", SRC, DRAFT, "--format", "sarif", "--no-config"]);
    assert_eq!(out.status.code(), Some(1));
    let log = json_of(&out);
    let mut schema: Value =
        serde_json::from_str(include_str!("data/sarif-2.1.0-rtm.5.json")).unwrap();
    // the official schema's `language` patterns (run, toolComponent: never written
    // by factdiff) are not valid regexes for the validator's engine: drop those keys
    let mut dropped = 0;
    for def in schema["definitions"].as_object_mut().unwrap().values_mut() {
        if let Some(lang) = def.pointer_mut("/properties/language") {
            dropped += usize::from(lang.as_object_mut().unwrap().remove("pattern").is_some());
        }
    }
    assert_eq!(dropped, 2);
    let validator = jsonschema::options()
        .with_draft(jsonschema::Draft::Draft4)
        .build(&schema)
        .expect("schema compiles");
    let errors: Vec<String> = validator
        .iter_errors(&log)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    assert_eq!(log["version"], "2.1.0");
    let run = &log["runs"][0];
    assert_eq!(run["tool"]["driver"]["name"], "factdiff");
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    assert!(rules
        .iter()
        .all(|r| r["id"].is_string() && r["help"]["text"].is_string()));
    let results = run["results"].as_array().unwrap();
    assert!(!results.is_empty());
    for r in results {
        let i = r["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[i]["id"], r["ruleId"]);
        let loc = &r["locations"][0]["physicalLocation"];
        assert_eq!(loc["artifactLocation"]["uri"], DRAFT);
        assert!(loc["region"]["startLine"].as_u64().unwrap() >= 1);
    }
    // a contradiction carries the source as a related location
    let list = results.iter().find(|r| r["ruleId"] == "list-item").unwrap();
    assert_eq!(
        list["relatedLocations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        SRC
    );
}

#[test]
fn jsonl_is_one_report_per_line() {
    let out = factdiff(&[
        "compare",
        SRC,
        DRAFT,
        SRC,
        "--format",
        "jsonl",
        "--no-config",
    ]);
    let lines: Vec<Value> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["draft"], DRAFT);
    assert_eq!(lines[1]["findings"].as_array().unwrap().len(), 0);
}

#[test]
fn html_article_gives_the_findings_of_its_text_version() {
    let key = |v: &Value| -> Vec<(String, String, String)> {
        v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| {
                (
                    f["rule"].as_str().unwrap().to_string(),
                    f["severity"].as_str().unwrap().to_string(),
                    f["message"].as_str().unwrap().to_string(),
                )
            })
            .collect()
    };
    let html = json_of(&factdiff(&[
        "compare",
        "fixtures/html/source.html",
        DRAFT,
        "--format",
        "json",
        "--no-config",
    ]));
    let text = json_of(&factdiff(&[
        "compare",
        SRC,
        DRAFT,
        "--format",
        "json",
        "--no-config",
    ]));
    assert_eq!(key(&html), key(&text));
    // spans are byte ranges of the HTML file on its own lines
    let raw = std::fs::read_to_string("fixtures/html/source.html").unwrap();
    for f in html["findings"].as_array().unwrap() {
        for s in f["source_spans"].as_array().unwrap() {
            let (a, b) = (
                s["start"].as_u64().unwrap() as usize,
                s["end"].as_u64().unwrap() as usize,
            );
            let line = s["line"].as_u64().unwrap() as usize;
            assert_eq!(raw[..a].matches('\n').count() + 1, line);
            assert!(!raw[a..b].contains("<script"));
        }
    }
    // page chrome never becomes a sentence
    let ex = json_of(&factdiff(&[
        "extract",
        "fixtures/html/source.html",
        "--format",
        "json",
    ]));
    let sents: Vec<&str> = ex["sentences"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["text"].as_str().unwrap())
        .collect();
    for chrome in ["Home", "Most read", "dataLayer", "Getty", "Daily Example"] {
        assert!(!sents.iter().any(|s| s.contains(chrome)), "{chrome}");
    }
}

#[test]
fn ext_reads_standard_input_as_html() {
    let html = std::fs::read("fixtures/html/source.html").unwrap();
    let run = |ext: &str| {
        let mut child = Command::new(env!("CARGO_BIN_EXE_factdiff"))
            .args(["extract", "-", "--ext", ext, "--format", "json"])
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        use std::io::Write;
        child.stdin.take().unwrap().write_all(&html).unwrap();
        child.wait_with_output().unwrap()
    };
    let as_html = json_of(&run("html"));
    let as_text = json_of(&run("txt"));
    let n = |v: &Value| v["sentences"].as_array().unwrap().len();
    assert_eq!(n(&as_html), 12);
    assert_ne!(n(&as_html), n(&as_text));
    let bad = factdiff(&["extract", "-", "--ext", "docx"]);
    assert_eq!(bad.status.code(), Some(2));
}

#[test]
fn markdown_front_matter_is_not_article_text() {
    let v = json_of(&factdiff(&[
        "extract",
        "fixtures/ci/drafts/schools.md",
        "--format",
        "json",
    ]));
    let sents = v["sentences"].as_array().unwrap();
    assert!(sents
        .iter()
        .all(|s| !s["text"].as_str().unwrap().contains("source:")
            && !s["text"].as_str().unwrap().contains("factdiff-disable")));
}

/// `compare --sources <three> --draft draft.txt --no-config`, then `extra`.
fn compare_three(extra: &[&str]) -> Output {
    let draft = format!("{THREE}/draft.txt");
    let mut args: Vec<String> = vec!["compare".into(), "--sources".into()];
    args.extend(three_sources(&["--draft", &draft, "--no-config"]));
    args.extend(extra.iter().map(|s| s.to_string()));
    factdiff_owned(&args)
}

/// `cross <three>`, then `extra`.
fn cross_three(extra: &[&str]) -> Output {
    let mut args = vec!["cross".to_string()];
    args.extend(three_sources(extra));
    factdiff_owned(&args)
}

/// [`factdiff`] with owned arguments.
fn factdiff_owned(args: &[String]) -> Output {
    let refs: Vec<&str> = args.iter().map(String::as_str).collect();
    factdiff(&refs)
}

#[test]
fn a_draft_checked_against_three_sources() {
    let out = compare_three(&["--format", "json"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let v = json_of(&out);
    assert_eq!(v["sources"].as_array().unwrap().len(), 3);
    let findings = v["findings"].as_array().unwrap();
    // each source alone lacks some draft facts; together they support them
    assert!(!findings
        .iter()
        .any(|f| f["kind"] == "unsupported" && f["draft_spans"][0]["text"] == "Lisbon"));
    // what no source says is still unsupported
    assert!(findings
        .iter()
        .any(|f| f["kind"] == "unsupported" && f["message"].as_str().unwrap().contains("Porto")));
    // a contradiction names the source that says otherwise
    let c = findings
        .iter()
        .find(|f| f["kind"] == "contradiction" && f["message"].as_str().unwrap().contains("900"))
        .expect("a contradiction");
    assert_eq!(c["source_file"], format!("{THREE}/ministry.txt"));
    // the HTML page shows every source, each marked where a finding stands
    let html = compare_three(&["--format", "html"]);
    assert_eq!(html.status.code(), Some(1), "{}", stderr(&html));
    let page = stdout(&html);
    for s in ["wire", "local", "ministry"] {
        assert!(page.contains(&format!("source · {THREE}/{s}.txt")), "{s}");
    }
    // the text report names the source too
    let text = stdout(&compare_three(&[]));
    assert!(text.contains(&format!("{THREE}/ministry.txt:")), "{text}");
    assert!(text.starts_with("--- sources: "), "{text}");
}

#[test]
fn cross_outlet_view_names_the_outlet_that_differs() {
    let out = cross_three(&["--format", "json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let v = json_of(&out);
    assert_eq!(v["outlets"].as_array().unwrap().len(), 3);
    let diffs = v["differences"].as_array().unwrap();
    let odd = diffs
        .iter()
        .find(|d| d["rule"] == "quantity")
        .expect("a number differs");
    assert_eq!(odd["outlet"]["file"], format!("{THREE}/ministry.txt"));
    assert_eq!(odd["others"].as_array().unwrap().len(), 2);
    assert!(!v["agreed"].as_array().unwrap().is_empty());
    let text = stdout(&cross_three(&[]));
    assert!(
        text.contains("differences (") && text.contains("agreed ("),
        "{text}"
    );
    let one = factdiff(&["cross", &format!("{THREE}/wire.txt")]);
    assert_eq!(one.status.code(), Some(2));
}

#[test]
fn rules_list_and_rules_check() {
    let out = factdiff(&["rules", "list", "--format", "json", "--no-config"]);
    assert_eq!(out.status.code(), Some(0));
    let v = json_of(&out);
    let list = v.as_array().unwrap();
    assert!(list.iter().any(|r| r["id"] == "list-item"
        && r["kind"] == "contradiction"
        && r["severity"] == "error"));
    assert!(list.iter().all(|r| r["description"].is_string()));
    let ok = factdiff(&["rules", "check", "rules"]);
    assert_eq!(ok.status.code(), Some(0), "{}", stderr(&ok));
    assert!(stdout(&ok).contains("carried cases pass"));
    // a broken folder: a stray file, then a bad key
    let dir = std::env::temp_dir().join(format!("factdiff-rulescheck-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("chekcs.yaml"), "checks: []\n").unwrap();
    let out = factdiff(&["rules", "check", dir.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("chekcs.yaml"), "{}", stderr(&out));
    std::fs::remove_file(dir.join("chekcs.yaml")).unwrap();
    let checks = std::fs::read_to_string("rules/checks.yaml")
        .unwrap()
        .replace("thresholds:", "threshold:");
    std::fs::write(dir.join("checks.yaml"), checks).unwrap();
    let out = factdiff(&["rules", "check", dir.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("checks.yaml") && stderr(&out).contains("threshold"),
        "{}",
        stderr(&out)
    );
    // a carried segmentation case that fails: exit 1
    let abbr = std::fs::read_to_string("rules/abbreviations.yaml").unwrap();
    std::fs::remove_file(dir.join("checks.yaml")).unwrap();
    let broken = abbr.replacen(
        "tests:",
        "tests:\n  - text: \"One. Two.\"\n    sentences: [\"One. Two.\"]",
        1,
    );
    assert_ne!(broken, abbr);
    std::fs::write(dir.join("abbreviations.yaml"), broken).unwrap();
    let out = factdiff(&["rules", "check", dir.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    assert!(stdout(&out).contains("case failed"));
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn completions_and_man_page_come_from_the_cli() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let out = factdiff(&["completions", shell]);
        assert_eq!(out.status.code(), Some(0), "{shell}");
        let s = stdout(&out);
        assert!(s.contains("factdiff") && s.contains("compare"), "{shell}");
    }
    let man = stdout(&factdiff(&["man"]));
    assert!(
        man.starts_with(".ie") || man.contains(".TH factdiff"),
        "{man}"
    );
    assert!(man.contains("compare"));
    for section in [".SH \"EXIT STATUS\"", ".SH EXAMPLES", ".SH FILES"] {
        assert!(man.contains(section), "{section}");
    }
    // every page the main page lists is written by `man --dir`
    let dir = std::env::temp_dir().join(format!("factdiff-man-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let out = factdiff(&["man", "--dir", dir.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let listed: Vec<&str> = man
        .split("factdiff\\-")
        .skip(1)
        .filter_map(|rest| rest.split_once("(1)").map(|(name, _)| name))
        .filter(|name| name.chars().all(|c| c.is_ascii_lowercase()))
        .collect();
    assert!(listed.len() >= 8, "{listed:?}");
    for name in &listed {
        assert!(dir.join(format!("factdiff-{name}.1")).exists(), "{name}");
    }
    assert!(dir.join("factdiff.1").exists());
    std::fs::remove_dir_all(&dir).ok();
    assert_eq!(factdiff(&["completions", "tcsh"]).status.code(), Some(2));
}

#[test]
fn exit_codes_of_every_mode() {
    let code = |args: &[&str]| factdiff(args).status.code();
    // compare: findings at or over --fail-on → 1, below → 0, bad input → 2
    assert_eq!(code(&["compare", SRC, DRAFT, "--no-config"]), Some(1));
    assert_eq!(code(&["compare", SRC, SRC, "--no-config"]), Some(0));
    assert_eq!(
        code(&["compare", SRC, DRAFT, "--fail-on", "never", "--no-config"]),
        Some(0)
    );
    assert_eq!(
        code(&["compare", SRC, "missing.txt", "--no-config"]),
        Some(2)
    );
    assert_eq!(code(&["compare", SRC, "--no-config"]), Some(2));
    assert_eq!(
        code(&["compare", SRC, DRAFT, "--sources", SRC, "--draft", DRAFT]),
        Some(2)
    );
    // extract: 0, or 2 on bad input
    assert_eq!(code(&["extract", SRC]), Some(0));
    assert_eq!(code(&["extract", "fixtures"]), Some(2));
    // rules, completions, man: 0
    assert_eq!(code(&["rules", "list"]), Some(0));
    assert_eq!(code(&["man"]), Some(0));
    // unknown command or flag: 2
    assert_eq!(code(&["frobnicate"]), Some(2));
    assert_eq!(code(&["compare", SRC, DRAFT, "--format", "pdf"]), Some(2));
    // --format html is for compare only
    assert_eq!(code(&["extract", SRC, "--format", "sarif"]), Some(2));
    // check: 1 on the fixture's error, 0 when fail_on is never, 2 without config
    let cfg = "fixtures/ci/.factdiff.yaml";
    assert_eq!(code(&["check", "--config", cfg]), Some(1));
    assert_eq!(
        code(&["check", "--config", cfg, "--fail-on", "never"]),
        Some(0)
    );
    assert_eq!(code(&["check", "--config", "no/such.yaml"]), Some(2));
    // cross: 0 (a view, never a gate), 2 on bad input
    assert_eq!(code(&["cross", SRC, DRAFT]), Some(0));
    assert_eq!(code(&["cross", SRC, "missing.txt"]), Some(2));
    // batch: 0 by default, 1 with --fail-on when a pair has findings, 2 on a broken line;
    // no progress bar when standard error is not a terminal
    let dir = std::env::temp_dir().join(format!("factdiff-exit-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let pairs = dir.join("pairs.jsonl");
    let line = serde_json::json!({"id": "a", "source_path": SRC, "draft_path": DRAFT,
        "label": "inconsistent", "spans": []});
    std::fs::write(&pairs, format!("{line}\n")).unwrap();
    let p = pairs.to_str().unwrap();
    let out = factdiff(&["batch", p]);
    assert_eq!(out.status.code(), Some(0));
    assert!(out.stderr.is_empty(), "{}", stderr(&out));
    assert_eq!(code(&["batch", p, "--fail-on", "error"]), Some(1));
    // eval: 0 on a valid file, 2 when a line is broken or no file is given
    assert_eq!(code(&["eval", p]), Some(0));
    assert_eq!(code(&["eval"]), Some(2));
    std::fs::write(&pairs, format!("{line}\n{{oops\n")).unwrap();
    assert_eq!(code(&["batch", p]), Some(2));
    assert_eq!(code(&["eval", p]), Some(2));
    std::fs::remove_dir_all(&dir).ok();
}

/// One line of a pairs file comparing the `fixtures/ci` schools source and draft.
fn schools_pair_line(dir: &Path) -> String {
    let read = |p: &str| std::fs::read_to_string(dir.join(p)).unwrap();
    serde_json::json!({
        "id": "schools",
        "source": read("sources/schools.txt"),
        "draft": read("drafts/schools.md"),
    })
    .to_string()
}

#[test]
fn batch_applies_the_config_policy_as_compare_does() {
    // compare and batch read the same config: a disabled rule reports in neither
    let dir = ci_copy_with_config("batch-policy", "disable: [quantity]\n");
    std::fs::write(dir.join("pairs.jsonl"), schools_pair_line(&dir) + "\n").unwrap();
    let compared = rules_of(&json_of(&compare_schools(&dir, &[])));
    let out = factdiff_in(&dir, &["batch", "pairs.jsonl"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let line: Value = serde_json::from_slice(&out.stdout).unwrap();
    let batched = rules_of(&line["result"]);
    assert!(!batched.iter().any(|r| r == "quantity"), "{batched:?}");
    assert_eq!(compared, batched);
    // without the config the same pair reports the quantity
    let plain = factdiff_in(&dir, &["--no-config", "batch", "pairs.jsonl"]);
    let line: Value = serde_json::from_slice(&plain.stdout).unwrap();
    assert!(rules_of(&line["result"]).iter().any(|r| r == "quantity"));
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn a_closed_pipe_ends_every_command_quietly() {
    use std::io::Read;
    use std::process::Stdio;
    // the reader closes its end at once; each command must neither panic nor
    // call it an error, and must exit with the code its run would have had
    let cases: [(&[&str], i32); 5] = [
        (&["extract", SRC, "--format", "json"], 0),
        (&["extract", SRC, "--format", "jsonl"], 0),
        (&["compare", SRC, DRAFT, "--format", "json"], 1),
        (&["cross", SRC, DRAFT, "--format", "json"], 0),
        (&["rules", "list"], 0),
    ];
    for (args, code) in cases {
        let mut child = Command::new(env!("CARGO_BIN_EXE_factdiff"))
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        drop(child.stdout.take());
        let mut err = String::new();
        child
            .stderr
            .take()
            .unwrap()
            .read_to_string(&mut err)
            .unwrap();
        let status = child.wait().unwrap();
        assert_eq!(status.code(), Some(code), "{args:?}: {err}");
        assert!(err.is_empty(), "{args:?}: {err}");
    }
}

#[test]
fn cross_shows_each_other_outlets_own_value() {
    let dir = std::env::temp_dir().join(format!("factdiff-cross-values-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    for (name, n) in [("a.txt", 5), ("b.txt", 7), ("c.txt", 9)] {
        std::fs::write(
            dir.join(name),
            format!("The city council approved {n} new bills on Tuesday after a long debate.\n"),
        )
        .unwrap();
    }
    let out = factdiff_in(
        &dir,
        &["cross", "a.txt", "b.txt", "c.txt", "--format", "json"],
    );
    let v = json_of(&out);
    let first = v["differences"][0]["message"].as_str().unwrap().to_string();
    assert!(
        first.contains("b.txt says \"7 new bills\"")
            && first.contains("c.txt says \"9 new bills\""),
        "{first}"
    );
    std::fs::remove_dir_all(&dir).ok();
}
