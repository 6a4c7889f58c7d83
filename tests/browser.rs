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
    let profile = std::env::temp_dir().join(format!(
        "factdiff-chromium-{}-{}",
        std::process::id(),
        fragment.len()
    ));
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
    let Some(browser) = chromium() else {
        eprintln!("skipped: no chromium installed (apt-get install chromium)");
        return;
    };
    let dir = std::env::temp_dir().join(format!("factdiff-html-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
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
    let dom = render(&browser, &page, "#finding-0", None);
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
    let dom = render(&browser, &page, &format!("#finding-{li}"), None);
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
    let Some(browser) = chromium() else {
        eprintln!("skipped: no chromium installed (apt-get install chromium)");
        return;
    };
    let dir = std::env::temp_dir().join(format!("factdiff-xss-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
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
