//! The HTML report in a real browser: headless Chromium (Debian's `chromium`,
//! which `.ci/run` installs) renders it; the test reads the DOM after the
//! page's script ran. Skips with a message when no Chromium is installed.

use std::path::{Path, PathBuf};
use std::process::Command;

fn chromium() -> Option<PathBuf> {
    ["chromium", "chromium-browser", "google-chrome"]
        .iter()
        .find_map(|name| {
            let out = Command::new("sh")
                .args(["-c", &format!("command -v {name}")])
                .output()
                .ok()?;
            let p = String::from_utf8(out.stdout).ok()?.trim().to_string();
            (!p.is_empty()).then(|| PathBuf::from(p))
        })
}

/// The browser and a fresh folder named after `test`; `None` (the test then
/// skips, saying why) when no Chromium is installed.
fn browser_and_dir(test: &str) -> Option<(PathBuf, PathBuf)> {
    let Some(browser) = chromium() else {
        eprintln!("skipped: no chromium installed (apt-get install chromium)");
        return None;
    };
    let dir = std::env::temp_dir().join(format!("factdiff-{test}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    Some((browser, dir))
}

fn html_report(source: &str, draft: &str, out: &Path) {
    let st = Command::new(env!("CARGO_BIN_EXE_factdiff"))
        .args(["compare", source, draft, "--format", "html", "--output"])
        .arg(out)
        .status()
        .expect("runs");
    assert!(st.code() == Some(0) || st.code() == Some(1));
}

fn json_report(source: &str, draft: &str) -> serde_json::Value {
    let out = Command::new(env!("CARGO_BIN_EXE_factdiff"))
        .args(["compare", source, draft, "--format", "json"])
        .output()
        .expect("runs");
    serde_json::from_slice(&out.stdout).expect("json")
}

/// The DOM after load (and the page's script), and optionally a screenshot.
fn render(browser: &Path, page: &Path, fragment: &str, screenshot: Option<&Path>) -> String {
    // a profile of its own: tests run at once in one process
    static RUNS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let run = RUNS.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
    let profile =
        std::env::temp_dir().join(format!("factdiff-chromium-{}-{run}", std::process::id()));
    let url = format!("file://{}{fragment}", page.display());
    let mut cmd = Command::new(browser);
    cmd.args([
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--window-size=1400,1000",
        "--virtual-time-budget=3000",
    ])
    .arg(format!("--user-data-dir={}", profile.display()));
    match screenshot {
        Some(p) => cmd.arg(format!("--screenshot={}", p.display())),
        None => cmd.arg("--dump-dom"),
    };
    let out = cmd.arg(url).output().expect("chromium runs");
    std::fs::remove_dir_all(&profile).ok();
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Distinct span ids highlighted in the column with this id.
fn highlighted(dom: &str, column: &str) -> std::collections::BTreeSet<String> {
    let start = dom.find(&format!("id=\"{column}\"")).expect("column");
    let end = dom[start..]
        .find("</section>")
        .map_or(dom.len(), |e| start + e);
    let mut ids = std::collections::BTreeSet::new();
    for part in dom[start..end].split("data-spans=\"").skip(1) {
        let v = &part[..part.find('"').unwrap()];
        ids.extend(v.split(' ').map(str::to_string));
    }
    ids
}

#[test]
fn founding_example_report_in_a_browser() {
    let Some((browser, dir)) = browser_and_dir("html") else {
        return;
    };
    let page = dir.join("report.html");
    let (src, draft) = (
        "fixtures/blinken-lavrov/source.txt",
        "fixtures/blinken-lavrov/draft.txt",
    );
    html_report(src, draft, &page);
    let json = json_report(src, draft);
    let findings = json["findings"].as_array().unwrap();
    let count = |side: &str| {
        findings
            .iter()
            .map(|f| f[side].as_array().unwrap().len())
            .sum::<usize>()
    };

    // every span of every finding is highlighted, on its own side
    let dom = render(&browser, &page, "#finding-1", None);
    assert_eq!(highlighted(&dom, "source").len(), count("source_spans"));
    assert_eq!(highlighted(&dom, "draft").len(), count("draft_spans"));

    // selecting the first finding (what a click does) marks its spans and its row
    assert!(
        dom.contains("<li data-finding=\"0\" data-kind") && dom.contains("class=\"active\""),
        "row not active"
    );
    let first_spans = findings[0]["draft_spans"].as_array().unwrap().len()
        + findings[0]["source_spans"].as_array().unwrap().len();
    let marked: usize = dom
        .split("<mark ")
        .skip(1)
        .filter(|m| m.starts_with("class=\"hl") && m[..m.find('>').unwrap()].contains(" active"))
        .count();
    assert!(
        marked >= first_spans,
        "{marked} active marks for {first_spans} spans"
    );

    // the list claim: item 3 changed in the draft, Paul Whelan omitted in the source
    assert!(dom.contains("list-item"));
    let li = findings
        .iter()
        .position(|f| f["rule"] == "list-item")
        .unwrap();
    let dom = render(&browser, &page, &format!("#finding-{}", li + 1), None);
    let active: Vec<&str> = dom
        .split("<mark ")
        .skip(1)
        .filter(|m| m[..m.find('>').unwrap()].contains(" active"))
        .collect();
    assert!(
        active
            .iter()
            .any(|m| m.contains("Paul Whelan") || m.contains("Russia should release")),
        "source item not marked"
    );
    assert!(
        active.iter().any(|m| m.contains("destabilizing")),
        "draft item not marked"
    );

    let shot = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/founding-report.png");
    render(&browser, &page, "#finding-1", Some(&shot));
    assert!(shot.exists(), "no screenshot");
    eprintln!("screenshot: {}", shot.display());
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn article_markup_renders_as_text_and_runs_no_script() {
    let Some((browser, dir)) = browser_and_dir("xss") else {
        return;
    };
    let page = dir.join("xss.html");
    html_report("fixtures/xss/source.txt", "fixtures/xss/draft.txt", &page);
    let raw = std::fs::read_to_string(&page).unwrap();
    assert!(
        !raw.contains("<script>document.title"),
        "article script left unescaped"
    );
    assert!(!raw.contains("<img"), "article markup left unescaped");
    let dom = render(&browser, &page, "", None);
    assert!(
        dom.contains("<title>factdiff:"),
        "title changed: a script ran"
    );
    assert!(!dom.contains("<img"), "an image element was created");
    assert!(
        dom.contains("&lt;script&gt;document.title"),
        "script text not shown as text"
    );
    std::fs::remove_dir_all(&dir).ok();
}

/// Run `args` (a `compare` that writes HTML to `out`).
fn html_run(args: &[&str], out: &Path) {
    let st = Command::new(env!("CARGO_BIN_EXE_factdiff"))
        .args(args)
        .args(["--format", "html", "--output"])
        .arg(out)
        .status()
        .expect("runs");
    assert!(st.code() == Some(0) || st.code() == Some(1));
}

/// The value of the `data-NAME` attribute the scenario script set on `<body>`.
fn body_attr<'a>(dom: &'a str, name: &str) -> &'a str {
    let key = format!("data-{name}=\"");
    let at = dom
        .find(&key)
        .unwrap_or_else(|| panic!("no {key} in the page"))
        + key.len();
    &dom[at..at + dom[at..].find('"').unwrap()]
}

#[test]
fn keys_filters_and_links_select_the_findings_they_name() {
    let Some((browser, dir)) = browser_and_dir("keys") else {
        return;
    };
    let page = dir.join("report.html");
    html_run(
        &[
            "compare",
            "fixtures/blinken-lavrov/source.txt",
            "fixtures/blinken-lavrov/draft.txt",
        ],
        &page,
    );
    // a link names a finding by the number the list shows: #finding-6 selects
    // the sixth (data-finding counts from 0)
    let dom = render(&browser, &page, "#finding-6", None);
    let active = dom
        .split("<li data-finding=\"")
        .skip(1)
        .find(|li| li[..li.find('>').unwrap()].contains("active"))
        .expect("a selected finding");
    assert!(active.starts_with("5\""), "selected {}", &active[..4]);

    // the page acts on keys as a reader presses them: with omissions hidden,
    // j skips them; the arrows and Ctrl+K stay the browser's
    let scenario = r#"<script>
      function key(k,o){var e=new KeyboardEvent('keydown',Object.assign({key:k,bubbles:true,cancelable:true},o||{}));document.dispatchEvent(e);return e.defaultPrevented;}
      var box=document.querySelector('.filters input[value=omission]');box.checked=false;box.dispatchEvent(new Event('change'));
      var kinds=[];for(var n=0;n<6;n++){key('j');var a=document.querySelector('aside.findings li.active');kinds.push(a?a.dataset.kind:'none');}
      document.body.setAttribute('data-kinds',kinds.join(','));
      document.body.setAttribute('data-arrow',String(key('ArrowDown')));
      document.body.setAttribute('data-ctrlk',String(key('k',{ctrlKey:true})));
    </script></body>"#;
    let raw = std::fs::read_to_string(&page).unwrap();
    std::fs::write(&page, raw.replace("</body>", scenario)).unwrap();
    let dom = render(&browser, &page, "", None);
    let kinds = body_attr(&dom, "kinds");
    assert!(
        !kinds.contains("omission"),
        "j landed on a hidden omission: {kinds}"
    );
    assert!(!kinds.contains("none"), "j selected nothing: {kinds}");
    assert_eq!(body_attr(&dom, "arrow"), "false", "the arrow key was taken");
    assert_eq!(body_attr(&dom, "ctrlk"), "false", "Ctrl+K was taken");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn one_page_shows_every_draft_and_every_source_with_a_verdict() {
    let Some((browser, dir)) = browser_and_dir("pages") else {
        return;
    };
    // three drafts of one source (the draft, the source itself, the draft's
    // first half): one page, a section each, findings numbered through
    let draft = std::fs::read_to_string("fixtures/blinken-lavrov/draft.txt").unwrap();
    let half = dir.join("half.txt");
    std::fs::write(&half, &draft[..draft.len() / 2]).unwrap();
    let page = dir.join("three.html");
    html_run(
        &[
            "compare",
            "fixtures/blinken-lavrov/source.txt",
            "fixtures/blinken-lavrov/draft.txt",
            "fixtures/blinken-lavrov/source.txt",
            half.to_str().unwrap(),
        ],
        &page,
    );
    let raw = std::fs::read_to_string(&page).unwrap();
    assert_eq!(raw.matches("<!DOCTYPE html>").count(), 1, "several pages");
    assert_eq!(raw.matches("<section class=\"report\"").count(), 3);
    assert!(raw.contains("<span class=\"verdict fail\">FAIL</span>"));
    assert!(raw.contains("of 3 drafts fail at --fail-on error"));
    assert!(
        raw.contains("<span class=\"verdict pass\">PASS</span>"),
        "the self-compare passes"
    );
    // each finding names where it stands
    assert!(raw.contains("<span class=\"loc\">fixtures/blinken-lavrov/draft.txt:"));
    // numbering runs through the page: the second list starts where the first ends
    assert!(raw.contains("<ol start=\"1\">"));
    let second = raw
        .split("<ol start=\"")
        .nth(3)
        .and_then(|s| s[..s.find('"')?].parse::<usize>().ok())
        .expect("a second list");
    let dom = render(&browser, &page, &format!("#finding-{second}"), None);
    assert!(
        dom.contains(&format!("<li data-finding=\"{}\" data-kind", second - 1))
            && dom.contains("class=\"active\""),
        "#finding-{second} selects nothing"
    );

    // several sources: each shown with its own marks
    let three = [
        "compare",
        "--sources",
        "fixtures/three-sources/wire.txt",
        "fixtures/three-sources/local.txt",
        "fixtures/three-sources/ministry.txt",
        "--draft",
        "fixtures/three-sources/draft.txt",
    ];
    let page = dir.join("sources.html");
    html_run(&three, &page);
    let dom = render(&browser, &page, "", None);
    for s in ["wire", "local", "ministry"] {
        assert!(
            dom.contains(&format!("source · fixtures/three-sources/{s}.txt")),
            "{s} not shown"
        );
    }
    let json = {
        let out = Command::new(env!("CARGO_BIN_EXE_factdiff"))
            .args(three)
            .args(["--format", "json"])
            .output()
            .unwrap();
        serde_json::from_slice::<serde_json::Value>(&out.stdout).unwrap()
    };
    let spans: usize = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["source_spans"].as_array().unwrap().len())
        .sum();
    assert_eq!(highlighted(&dom, "source").len(), spans);
    std::fs::remove_dir_all(&dir).ok();
}
