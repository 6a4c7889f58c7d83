//! The editor's view: one self-contained HTML page with, for each draft, its
//! sources and the draft side by side, every finding's spans highlighted on
//! both sides, and a findings list to click through. A verdict at the top says
//! whether the run passes its gate. All article text is escaped; scripts attach
//! their handlers from data attributes, never from article text.

use crate::model::BlockKind;
use crate::report::{counted, CompareReport};
use crate::span::Span;
use crate::Analysis;
use std::fmt::Write;

/// Escape text for HTML element content and attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// A finding's message as HTML: escaped, with the word diff a message carries
/// (`[-dropped-]`, `{+added+}`, as `quote-altered` writes it) shown as deleted
/// and inserted text.
fn message_html(message: &str) -> String {
    let mut out = String::with_capacity(message.len() + 32);
    let mut rest = message;
    loop {
        let next = [("[-", "-]", "del"), ("{+", "+}", "ins")]
            .iter()
            .filter_map(|&(open, close, tag)| {
                let at = rest.find(open)?;
                let len = rest[at + open.len()..].find(close)?;
                Some((at, open.len(), len, close.len(), tag))
            })
            .min_by_key(|&(at, ..)| at);
        let Some((at, open, len, close, tag)) = next else {
            out.push_str(&escape(rest));
            return out;
        };
        out.push_str(&escape(&rest[..at]));
        let inner = &rest[at + open..at + open + len];
        let _ = write!(out, "<{tag}>{}</{tag}>", escape(inner));
        rest = &rest[at + open + len + close..];
    }
}

/// One highlighted span: the finding it belongs to and its own id.
struct Mark {
    span: Span,
    finding: usize,
    id: String,
    kind: &'static str,
}

/// Render one article's blocks with the marks laid over them.
fn column(a: &Analysis, marks: &[Mark]) -> String {
    let text = &a.doc.text;
    let mut o = String::new();
    for b in &a.doc.blocks {
        let tag = match b.kind {
            BlockKind::Title => "h2",
            BlockKind::Heading => "h3",
            BlockKind::Bullet => "li",
            BlockKind::Paragraph => "p",
        };
        let _ = write!(o, "<{tag} class=\"block\">");
        // cut the block at every mark boundary inside it
        let mut cuts = vec![b.span.start, b.span.end];
        for m in marks.iter().filter(|m| m.span.overlaps(&b.span)) {
            cuts.push(m.span.start.clamp(b.span.start, b.span.end));
            cuts.push(m.span.end.clamp(b.span.start, b.span.end));
        }
        cuts.sort_unstable();
        cuts.dedup();
        for w in cuts.windows(2) {
            let seg = Span::new(w[0], w[1]);
            let here: Vec<&Mark> = marks
                .iter()
                .filter(|m| m.span.contains(&seg) && !seg.is_empty())
                .collect();
            let body = escape(seg.text(text));
            if here.is_empty() {
                o.push_str(&body);
            } else {
                let ids: Vec<&str> = here.iter().map(|m| m.id.as_str()).collect();
                let fs: Vec<String> = here.iter().map(|m| m.finding.to_string()).collect();
                let _ = write!(
                    o,
                    "<mark class=\"hl {}\" data-spans=\"{}\" data-findings=\"{}\">{}</mark>",
                    here[0].kind,
                    ids.join(" "),
                    fs.join(" "),
                    body
                );
            }
        }
        let _ = writeln!(o, "</{tag}>");
    }
    o
}

const STYLE: &str = r#"
body{font:15px/1.5 system-ui,sans-serif;margin:0;color:#1b1b1b;background:#fafafa}
header{padding:12px 20px;background:#fff;border-bottom:1px solid #ddd}
h1{font-size:18px;margin:0 0 4px}
.files code{background:#f0f0f0;padding:1px 4px;border-radius:3px}
.legend span,.counts span{margin-right:12px}
.sw{display:inline-block;width:12px;height:12px;border-radius:2px;vertical-align:middle;margin-right:4px}
.contradiction{background:#ffd0d0}.omission{background:#ffe7a8}.unsupported{background:#d6e4ff}
mark.hl{padding:0 1px;border-radius:2px;color:inherit}
mark.active{outline:2px solid #222;box-shadow:0 0 0 3px #ffeb3b}
main{display:grid;grid-template-columns:minmax(260px,1fr) 2fr 2fr;gap:0;height:calc(100vh - 140px)}
aside.findings,.col{overflow:auto;padding:10px 16px;background:#fff;border-right:1px solid #eee}
.col h2{font-size:17px}.col li{margin-left:18px}
.col .label{font-size:12px;text-transform:uppercase;color:#666;letter-spacing:.05em}
aside.findings ol{padding-left:20px;margin:0}
aside.findings li{cursor:pointer;padding:4px 2px;border-bottom:1px solid #f1f1f1}
aside.findings li.active{background:#fff7c2}
.sev{font-size:11px;font-weight:600;text-transform:uppercase;padding:1px 4px;border-radius:3px;margin-right:4px}
.sev-error{background:#c62828;color:#fff}.sev-warning{background:#ef8f00;color:#fff}.sev-info{background:#607d8b;color:#fff}
.rule{font-family:monospace;font-size:12px;color:#444}
.why{font-size:12px;color:#555;margin-left:1em}
aside.findings del{background:#fde0e0;color:#a31515}aside.findings ins{background:#dcf5dc;color:#1a6b1a;text-decoration:none}
.filters label{margin-right:10px;font-size:13px}
.hidden{display:none}
.verdict{font-weight:700;padding:2px 8px;border-radius:3px;margin-right:8px}
.pass{background:#2e7d32;color:#fff}.fail{background:#c62828;color:#fff}
.loc{font-family:monospace;font-size:12px;color:#555;margin-left:1em;display:block}
.report{border-top:3px solid #ddd}.report>header{background:#f6f6f6}
.cut{font-size:13px;color:#555}
mark.off{background:none}
@media (max-width:900px){main{grid-template-columns:1fr;height:auto}aside.findings,.col{border-right:0;border-bottom:1px solid #eee}}
@media print{main{grid-template-columns:1fr 1fr;height:auto}aside.findings{grid-column:1/-1}.filters{display:none}aside.findings,.col{overflow:visible}}
"#;

const SCRIPT: &str = r#"
(function(){
  var items=[].slice.call(document.querySelectorAll('aside.findings li[data-finding]'));
  var current=-1;
  function marksOf(f){return [].slice.call(document.querySelectorAll('mark.hl')).filter(function(m){return m.dataset.findings.split(' ').indexOf(f)>=0;});}
  function select(i){
    if(i<0||i>=items.length)return;
    current=i;
    document.querySelectorAll('.active').forEach(function(e){e.classList.remove('active');});
    var li=items[i];li.classList.add('active');
    var ms=marksOf(li.dataset.finding);
    ms.forEach(function(m){m.classList.add('active');});
    ['source','draft'].forEach(function(side){
      var m=ms.filter(function(x){return x.closest('.col').dataset.side===side;})[0];
      if(m){m.scrollIntoView({block:'center'});}
    });
    li.scrollIntoView({block:'nearest'});
  }
  function visible(i){return !items[i].classList.contains('hidden');}
  function step(by){
    for(var i=current+by;i>=0&&i<items.length;i+=by){if(visible(i)){select(i);return;}}
  }
  items.forEach(function(li,i){li.addEventListener('click',function(){select(i);});});
  document.addEventListener('keydown',function(e){
    if(e.ctrlKey||e.metaKey||e.altKey)return;
    var t=e.target&&e.target.tagName;if(t==='INPUT'||t==='TEXTAREA'||t==='SELECT')return;
    if(e.key==='j'||e.key==='n'){step(1);e.preventDefault();}
    if(e.key==='k'||e.key==='p'){step(-1);e.preventDefault();}
  });
  function applyFilters(){
    var on={};document.querySelectorAll('.filters input').forEach(function(c){on[c.value]=c.checked;});
    items.forEach(function(li){li.classList.toggle('hidden',!(on[li.dataset.kind]&&on[li.dataset.severity]));});
    document.querySelectorAll('mark.hl').forEach(function(m){
      var shown=m.dataset.findings.split(' ').some(function(f){var li=document.querySelector('aside.findings li[data-finding="'+f+'"]');return li&&!li.classList.contains('hidden');});
      m.classList.toggle('off',!shown);
    });
  }
  document.querySelectorAll('.filters input').forEach(function(c){c.addEventListener('change',applyFilters);});
  var h=location.hash.match(/^#finding-(\d+)$/);
  if(h){select(parseInt(h[1],10)-1);}
})();
"#;

/// One draft's part of a page: the sources it was compared with, the draft,
/// its report after the run's policy, and whether it fails the run's gate.
pub struct Entry<'a> {
    /// The sources, in the order the report names them.
    pub sources: Vec<&'a Analysis>,
    /// The draft.
    pub draft: &'a Analysis,
    /// Its report.
    pub report: &'a CompareReport,
    /// True when its findings fail the gate (`--fail-on`).
    pub fails: bool,
}

/// `file:line:column` of each span, draft side first.
fn locations(report: &CompareReport, f: &crate::report::FindingView) -> String {
    let at = |file: &str, s: &crate::span::SpanView| format!("{file}:{}:{}", s.line, s.column);
    let mut out: Vec<String> = f
        .draft_spans
        .iter()
        .take(1)
        .map(|s| at(&report.draft, s))
        .collect();
    out.extend(
        f.source_spans
            .iter()
            .take(1)
            .map(|s| at(report.source_of(f), s)),
    );
    out.join(" · ")
}

/// One self-contained page for every draft of a run: a verdict for the run
/// (its gate is `fail_on`), then each draft's counts, verdict and findings
/// beside its sources and its text. Findings are numbered through the page
/// from 1, as the lists show them, so `#finding-N` selects the one numbered N
/// whatever draft it belongs to.
pub fn render_page(entries: &[Entry], fail_on: &str) -> String {
    let failing = entries.iter().filter(|e| e.fails).count();
    let title = match entries {
        [one] => format!("{} vs {}", one.report.source, one.report.draft),
        _ => counted(entries.len(), "draft", "drafts"),
    };
    let mut o = String::new();
    let _ = writeln!(
        o,
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">\
         <title>factdiff: {}</title><style>{STYLE}</style></head><body>",
        escape(&title)
    );
    let verdict = if failing > 0 {
        format!(
            "<span class=\"verdict fail\">FAIL</span>{} of {} at --fail-on {}",
            failing,
            counted(entries.len(), "draft fails", "drafts fail"),
            escape(fail_on)
        )
    } else {
        format!(
            "<span class=\"verdict pass\">PASS</span>no draft has findings at --fail-on {}",
            escape(fail_on)
        )
    };
    let _ = write!(
        o,
        "<header><h1>factdiff report</h1><div class=\"run\">{verdict}</div>\
         <div class=\"legend\"><span><i class=\"sw contradiction\"></i>contradiction</span>\
         <span><i class=\"sw omission\"></i>omission</span><span><i class=\"sw unsupported\"></i>unsupported</span>\
         <span>keys: j/k next/previous</span></div>\
         <div class=\"filters\">"
    );
    for v in [
        "contradiction",
        "omission",
        "unsupported",
        "error",
        "warning",
        "info",
    ] {
        let _ = write!(
            o,
            "<label><input type=\"checkbox\" value=\"{v}\" checked> {v}</label>"
        );
    }
    o.push_str("</div></header>\n");
    let mut first = 0;
    for (r, e) in entries.iter().enumerate() {
        draft_section(&mut o, r, first, e);
        first += e.report.findings.len();
    }
    let _ = writeln!(o, "<script>{SCRIPT}</script></body></html>");
    o
}

/// The part of the page for draft `r`, whose findings are numbered from `first`.
fn draft_section(o: &mut String, r: usize, first: usize, e: &Entry) {
    let report = e.report;
    // each finding's source spans lie in the source the report names for it
    let mut src_marks: Vec<Vec<Mark>> = e.sources.iter().map(|_| Vec::new()).collect();
    let mut drf_marks = Vec::new();
    for (i, f) in report.findings.iter().enumerate() {
        let n = first + i;
        let kind = f.kind.as_str();
        let file = report.source_of(f);
        let side = e
            .sources
            .iter()
            .position(|s| s.doc.path == file)
            .unwrap_or(0);
        for (k, s) in f.source_spans.iter().enumerate() {
            if let Some(marks) = src_marks.get_mut(side) {
                marks.push(Mark {
                    span: Span::new(s.start, s.end),
                    finding: n,
                    id: format!("s{n}-{k}"),
                    kind,
                });
            }
        }
        for (k, s) in f.draft_spans.iter().enumerate() {
            drf_marks.push(Mark {
                span: Span::new(s.start, s.end),
                finding: n,
                id: format!("d{n}-{k}"),
                kind,
            });
        }
    }
    let id = |name: &str| {
        if r == 0 {
            name.to_string()
        } else {
            format!("{name}-{r}")
        }
    };
    let sources: Vec<String> = e
        .sources
        .iter()
        .map(|a| format!("<code>{}</code>", escape(&a.doc.path)))
        .collect();
    let mut left_out = Vec::new();
    for (n, what) in [
        (report.suppressed, "suppressed by comments"),
        (report.baselined, "accepted by the baseline"),
        (report.not_shown, "cut by --max-findings"),
        (report.below_min_severity, "under --min-severity"),
    ] {
        if n > 0 {
            left_out.push(format!("{} {what}", counted(n, "finding", "findings")));
        }
    }
    let _ = write!(
        o,
        "<section class=\"report\" id=\"{}\"><header><div class=\"files\">{}source {} · draft <code>{}</code></div>\
         <div class=\"counts\">{}</div>",
        id("report"),
        if e.fails {
            "<span class=\"verdict fail\">FAIL</span>"
        } else {
            "<span class=\"verdict pass\">PASS</span>"
        },
        sources.join(", "),
        escape(&report.draft),
        escape(&report.summary.line())
    );
    if !left_out.is_empty() {
        let _ = write!(
            o,
            "<div class=\"cut\">not listed: {}</div>",
            left_out.join("; ")
        );
    }
    let _ = write!(
        o,
        "</header>\n<main><aside class=\"findings\" id=\"{}\"><div class=\"label\">findings</div><ol start=\"{}\">\n",
        id("findings"),
        first + 1
    );
    for (i, f) in report.findings.iter().enumerate() {
        let _ = writeln!(
            o,
            "<li data-finding=\"{}\" data-kind=\"{}\" data-severity=\"{}\"><span class=\"sev sev-{}\">{}</span>\
             <span class=\"rule\">{}</span> {}<span class=\"loc\">{}</span>{}</li>",
            first + i,
            f.kind.as_str(),
            f.severity.as_str(),
            f.severity.as_str(),
            f.severity.as_str(),
            escape(f.rule.as_str()),
            message_html(&f.message),
            escape(&locations(report, f)),
            f.aligned.as_ref().map_or(String::new(), |b| format!(
                "<div class=\"why\">aligned {}</div>",
                escape(&b.line())
            ))
        );
    }
    o.push_str("</ol>");
    if report.not_shown > 0 {
        // the cut keeps the most severe: what is left out is the least severe
        let _ = write!(
            o,
            "<p class=\"cut\">{} more, the least severe, not shown (--max-findings)</p>",
            counted(report.not_shown, "finding", "findings")
        );
    }
    o.push_str("</aside>\n");
    let _ = write!(
        o,
        "<section class=\"col\" data-side=\"source\" id=\"{}\">",
        id("source")
    );
    for (a, marks) in e.sources.iter().zip(&src_marks) {
        let _ = writeln!(
            o,
            "<div class=\"label\">source · {}</div>\n{}",
            escape(&a.doc.path),
            column(a, marks)
        );
    }
    o.push_str("</section>\n");
    let _ = writeln!(
        o,
        "<section class=\"col\" data-side=\"draft\" id=\"{}\"><div class=\"label\">draft · {}</div>\n{}</section>",
        id("draft"),
        escape(&report.draft),
        column(e.draft, &drf_marks)
    );
    o.push_str("</main></section>\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_word_diff_in_a_message_is_shown_as_deleted_and_inserted_text() {
        assert_eq!(
            message_html("differs: he [-would-] {+will+} <win> [-x"),
            "differs: he <del>would</del> <ins>will</ins> &lt;win&gt; [-x"
        );
        assert_eq!(message_html("no diff & more"), "no diff &amp; more");
    }

    #[test]
    fn escapes_markup_and_quotes() {
        assert_eq!(
            escape("<script>\"x\"&'y'</script>"),
            "&lt;script&gt;&quot;x&quot;&amp;&#39;y&#39;&lt;/script&gt;"
        );
    }
}
