//! The project configuration file, `.factdiff.yaml`: which drafts are checked
//! against which sources, severity overrides, disabled rules, `fail_on`, rules
//! folder and baseline. Unknown keys are errors naming the file, line and key.

use crate::error::{Error, Result};
use crate::rules::parse_yaml;
use serde::Deserialize;
use std::path::{Path, PathBuf};

/// File names looked for, in this order, in each folder from the working directory up.
pub const CONFIG_NAMES: &[&str] = &[".factdiff.yaml", ".factdiff.yml"];

/// One or several paths, written as a string or a list.
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
#[serde(untagged)]
pub enum OneOrMany {
    /// A single path or glob.
    One(String),
    /// Several.
    Many(Vec<String>),
}

impl OneOrMany {
    /// The paths as a list.
    pub fn to_vec(&self) -> Vec<String> {
        match self {
            OneOrMany::One(s) => vec![s.clone()],
            OneOrMany::Many(v) => v.clone(),
        }
    }
}

/// One entry of `checks:`: drafts (globs) and the sources they are checked against.
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct CheckEntry {
    /// Source articles; when absent, each draft's front matter `source:` names them.
    #[serde(default)]
    pub source: Option<OneOrMany>,
    /// Draft files or globs, relative to the config file.
    pub drafts: OneOrMany,
}

/// The raw shape of `.factdiff.yaml`.
#[derive(Debug, Clone, Default, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct ConfigFile {
    /// error | warning | info | never.
    #[serde(default)]
    pub fail_on: Option<String>,
    /// Folder of YAML rule files, relative to the config file.
    #[serde(default)]
    pub rules: Option<String>,
    /// Severity by rule id.
    #[serde(default)]
    pub severity: std::collections::BTreeMap<String, String>,
    /// Rule ids that never report.
    #[serde(default)]
    pub disable: Vec<String>,
    /// Opt-in rule ids (`word`) that report.
    #[serde(default)]
    pub enable: Vec<String>,
    /// Baseline file, relative to the config file.
    #[serde(default)]
    pub baseline: Option<String>,
    /// Most findings listed per report.
    #[serde(default)]
    pub max_findings: Option<usize>,
    /// What `factdiff check` runs.
    #[serde(default)]
    pub checks: Vec<CheckEntry>,
    /// Let a draft's front matter name sources outside the project root (the
    /// repository root, else the config's folder). Off by default: a draft
    /// could otherwise pull any file (`/etc/passwd`) into the reports.
    #[serde(default)]
    pub allow_sources_outside: bool,
}

/// A loaded configuration, its paths made absolute-or-relative-to-cwd.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    /// The file it came from.
    pub path: PathBuf,
    /// Its contents.
    pub file: ConfigFile,
}

/// One draft to check and the sources to check it against.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Job {
    /// Source paths.
    pub sources: Vec<String>,
    /// Draft path.
    pub draft: String,
}

/// The configuration file in `start` or the nearest folder above it, if any.
pub fn discover(start: &Path) -> Option<PathBuf> {
    let mut dir = Some(start);
    while let Some(d) = dir {
        for name in CONFIG_NAMES {
            let p = d.join(name);
            if p.is_file() {
                return Some(p);
            }
        }
        dir = d.parent();
    }
    None
}

/// The files a glob matches, each once (by its canonical path), in a stable
/// order. Directories are walked without following symbolic links to
/// directories, so a link that loops back ("sub/up -> ..") costs nothing; a
/// link to a file is a file.
pub fn glob_files(pattern: &str) -> std::result::Result<Vec<PathBuf>, glob::PatternError> {
    let compiled = glob::Pattern::new(pattern)?;
    let options = glob::MatchOptions {
        require_literal_separator: true,
        ..Default::default()
    };
    // the folder the pattern starts in: its components before the first wildcard
    let mut base = PathBuf::new();
    let mut wild = false;
    for c in Path::new(pattern).components() {
        if c.as_os_str().to_string_lossy().contains(['*', '?', '[']) {
            wild = true;
            break;
        }
        base.push(c);
    }
    if !wild {
        return Ok(if base.is_file() {
            vec![base]
        } else {
            Vec::new()
        });
    }
    if base.as_os_str().is_empty() {
        base = PathBuf::from(".");
    }
    let mut out = Vec::new();
    let mut seen = std::collections::HashSet::new();
    let mut stack = vec![base];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        let mut entries: Vec<std::fs::DirEntry> = entries.filter_map(|e| e.ok()).collect();
        entries.sort_by_key(|e| e.file_name());
        for e in entries {
            let path = e.path();
            let Ok(kind) = e.file_type() else { continue };
            if kind.is_dir() {
                stack.push(path);
                continue;
            }
            // a link to a folder is not walked; a link to a file is a file
            if !path.is_file() {
                continue;
            }
            let shown = path.strip_prefix("./").unwrap_or(&path).to_path_buf();
            if compiled.matches_path_with(&shown, options)
                || compiled.matches_path_with(&path, options)
            {
                let key = std::fs::canonicalize(&path).unwrap_or_else(|_| path.clone());
                if seen.insert(key) {
                    out.push(shown);
                }
            }
        }
    }
    out.sort();
    Ok(out)
}

/// The nearest folder at or above `start` (an absolute path) holding `.git`.
pub fn repository_root(start: &Path) -> Option<PathBuf> {
    start
        .ancestors()
        .find(|d| d.join(".git").exists())
        .map(Path::to_path_buf)
}

fn display(p: &Path) -> String {
    p.display().to_string()
}

/// `p` with `.` and `dir/..` removed, and relative to the working directory when
/// it is absolute: the shortest honest way to print it.
pub fn tidy(p: &Path) -> String {
    use std::path::Component;
    let mut out: Vec<Component> = Vec::new();
    for c in p.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir if matches!(out.last(), Some(Component::Normal(_))) => {
                out.pop();
            }
            c => out.push(c),
        }
    }
    let clean: PathBuf = out.iter().collect();
    if clean.is_absolute() {
        if let Some(rel) = std::env::current_dir()
            .ok()
            .and_then(|cwd| pathdiff::diff_paths(&clean, cwd))
        {
            return display(&rel);
        }
    }
    display(&clean)
}

impl Config {
    /// Read and validate a configuration file.
    pub fn load(path: &Path) -> Result<Config> {
        let name = display(path);
        let text = std::fs::read_to_string(path)
            .map_err(|e| Error::Usage(format!("{name}: cannot read: {e}")))?;
        Self::from_text(path, &text)
    }

    /// Parse and validate the text of a configuration file read from `path`.
    pub fn from_text(path: &Path, text: &str) -> Result<Config> {
        let name = display(path);
        let file: ConfigFile = if text.trim().is_empty() {
            ConfigFile::default()
        } else {
            parse_yaml(&name, text)?
        };
        let bad = |message: String| Error::Rules {
            file: name.clone(),
            message,
        };
        if let Some(f) = &file.fail_on {
            if !["error", "warning", "info", "never"].contains(&f.as_str()) {
                return Err(bad(format!(
                    "key `fail_on`: `{f}` is not error, warning, info or never"
                )));
            }
        }
        let keys = file.disable.iter().map(|id| (id, "disable".to_string()));
        let keys = keys.chain(file.enable.iter().map(|id| (id, "enable".to_string())));
        let keys = keys.chain(
            file.severity
                .keys()
                .map(|id| (id, format!("severity.{id}"))),
        );
        for (id, key) in keys {
            if crate::model::RuleId::parse(id).is_none() {
                return Err(bad(format!(
                    "key `{key}`: no rule `{id}` (see `factdiff rules list`)"
                )));
            }
        }
        for (rule, sev) in &file.severity {
            if crate::model::Severity::parse(sev).is_none() {
                return Err(bad(format!(
                    "key `severity.{rule}`: `{sev}` is not error, warning or info"
                )));
            }
        }
        Ok(Config {
            path: path.to_path_buf(),
            file,
        })
    }

    /// The folder the config file is in; its relative paths start there.
    pub fn dir(&self) -> PathBuf {
        self.path
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_default()
    }

    /// A path of the config made relative to the working directory.
    pub fn resolve(&self, p: &str) -> String {
        tidy(&self.dir().join(p))
    }

    /// The rules folder it names, if any.
    pub fn rules_dir(&self) -> Option<PathBuf> {
        self.file
            .rules
            .as_deref()
            .map(|r| PathBuf::from(self.resolve(r)))
    }

    /// Every draft the `checks:` entries name, with its sources, in a stable
    /// order; and the drafts whose sources cannot be found (a front matter that
    /// names none), each as its own error, so that one such draft does not stop
    /// the others from being checked.
    pub fn jobs(&self) -> Result<(Vec<Job>, Vec<Error>)> {
        let mut jobs = Vec::new();
        let mut problems = Vec::new();
        for (entry, draft) in self.drafts()? {
            match self.sources_of(Some(entry), &draft) {
                Ok(sources) => jobs.push(Job { sources, draft }),
                Err(e) => problems.push(e),
            }
        }
        Ok((jobs, problems))
    }

    /// The jobs for the drafts `files` alone (the files a pull request changed),
    /// in the order given: each draft's sources from the first `checks:` entry
    /// that names it, else from its front matter. A draft with no source found
    /// is an error of its own, returned beside the jobs.
    pub fn jobs_for(&self, files: &[String]) -> Result<(Vec<Job>, Vec<Error>)> {
        let named = self.drafts()?;
        let key = |p: &str| std::fs::canonicalize(p).unwrap_or_else(|_| PathBuf::from(p));
        let named: Vec<(usize, PathBuf)> = named.into_iter().map(|(e, d)| (e, key(&d))).collect();
        let mut jobs = Vec::new();
        let mut problems = Vec::new();
        for file in files {
            if !Path::new(file).is_file() {
                problems.push(Error::Input {
                    path: file.clone(),
                    reason: "no such file".into(),
                });
                continue;
            }
            let k = key(file);
            let entry = named.iter().find(|(_, d)| *d == k).map(|(e, _)| *e);
            match self.sources_of(entry, file) {
                Ok(sources) => jobs.push(Job {
                    sources,
                    draft: file.clone(),
                }),
                Err(e) => problems.push(e),
            }
        }
        Ok((jobs, problems))
    }

    /// The project root: the nearest folder at or above the config's holding
    /// `.git`, else the config's folder.
    pub fn project_root(&self) -> PathBuf {
        let dir = self
            .path
            .parent()
            .filter(|d| !d.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        let dir = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
        repository_root(&dir).unwrap_or(dir)
    }

    /// The sources of `draft`: those of `checks:` entry `entry` when it names
    /// any, else the draft's front matter's.
    fn sources_of(&self, entry: Option<usize>, draft: &str) -> Result<Vec<String>> {
        match entry.and_then(|e| self.file.checks[e].source.as_ref()) {
            Some(s) => Ok(s.to_vec().iter().map(|p| self.resolve(p)).collect()),
            None => self.front_matter_sources(draft),
        }
    }

    /// A draft's front matter sources, each of which must lie inside the
    /// project root unless the config has `allow_sources_outside: true`.
    fn front_matter_sources(&self, draft: &str) -> Result<Vec<String>> {
        let sources = front_matter_sources(draft)?;
        if self.file.allow_sources_outside {
            return Ok(sources);
        }
        let root = self.project_root();
        for s in &sources {
            // a source that does not exist is reported when it is read
            let Ok(full) = std::fs::canonicalize(s) else {
                continue;
            };
            if !full.starts_with(&root) {
                return Err(Error::Input {
                    path: draft.to_string(),
                    reason: format!(
                        "front matter source `{s}` is outside the project root {}; set `allow_sources_outside: true` in {} to allow it",
                        root.display(),
                        self.path.display()
                    ),
                });
            }
        }
        Ok(sources)
    }

    /// Every draft the `checks:` entries' globs match, with the entry's index.
    fn drafts(&self) -> Result<Vec<(usize, String)>> {
        let name = display(&self.path);
        let mut out = Vec::new();
        for (n, entry) in self.file.checks.iter().enumerate() {
            let mut drafts = Vec::new();
            for pattern in entry.drafts.to_vec() {
                let full = self.resolve(&pattern);
                let paths = glob_files(&full).map_err(|e| Error::Rules {
                    file: name.clone(),
                    message: format!("key `checks[{n}].drafts`: bad glob `{pattern}`: {e}"),
                })?;
                let mut found: Vec<String> = paths.iter().map(|p| tidy(p)).collect();
                if found.is_empty() {
                    return Err(Error::Usage(format!(
                        "{name}: checks[{n}].drafts: `{pattern}` matches no file"
                    )));
                }
                found.sort();
                drafts.extend(found);
            }
            out.extend(drafts.into_iter().map(|d| (n, d)));
        }
        Ok(out)
    }
}

/// The raw shape of the front matter fields factdiff reads; others are the author's.
#[derive(Debug, Deserialize)]
struct FrontMatter {
    #[serde(default)]
    source: Option<OneOrMany>,
}

/// The `source:` of a draft's Markdown front matter, relative to the draft's folder.
pub fn front_matter_sources(draft: &str) -> Result<Vec<String>> {
    let text = std::fs::read_to_string(draft).map_err(|e| Error::Input {
        path: draft.to_string(),
        reason: format!("cannot read: {e}"),
    })?;
    front_matter_sources_in(draft, &text)
}

/// The `source:` of the front matter of `text`, the draft read from `draft`.
pub fn front_matter_sources_in(draft: &str, text: &str) -> Result<Vec<String>> {
    let none = || Error::Input {
        path: draft.to_string(),
        reason:
            "names no source: give the check entry a `source:` or the draft front matter `source:`"
                .into(),
    };
    let yaml = front_matter(text).ok_or_else(none)?;
    let fm: FrontMatter = crate::rules::parse_yaml(draft, yaml).map_err(|e| Error::Input {
        path: draft.to_string(),
        reason: format!(
            "front matter is not valid YAML: {}",
            match e {
                Error::Rules { message, .. } => message,
                other => other.to_string(),
            }
        ),
    })?;
    let dir = Path::new(draft)
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default();
    let sources = fm.source.ok_or_else(none)?.to_vec();
    Ok(sources.iter().map(|s| tidy(&dir.join(s))).collect())
}

/// The YAML between a leading `---` line and the next `---` or `...` line.
pub fn front_matter(text: &str) -> Option<&str> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let rest = text
        .strip_prefix("---\n")
        .or_else(|| text.strip_prefix("---\r\n"))?;
    let mut at = 0;
    for line in rest.split_inclusive('\n') {
        let l = line.trim_end_matches(['\n', '\r']);
        if l == "---" || l == "..." {
            return Some(&rest[..at]);
        }
        at += line.len();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_key_is_named_with_its_line() {
        let dir = std::env::temp_dir().join(format!("factdiff-cfg-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let p = dir.join(".factdiff.yaml");
        std::fs::write(&p, "fail_on: warning\nfial_on: error\n").unwrap();
        let e = Config::load(&p).unwrap_err().to_string();
        std::fs::remove_dir_all(&dir).ok();
        assert!(
            e.contains(".factdiff.yaml") && e.contains("line 2") && e.contains("fial_on"),
            "{e}"
        );
    }

    #[test]
    fn paths_are_tidied() {
        assert_eq!(tidy(Path::new("a/./b/../c.txt")), "a/c.txt");
        assert_eq!(tidy(Path::new("../x/../y")), "../y");
    }

    #[test]
    fn front_matter_is_read() {
        assert_eq!(
            front_matter("---\nsource: a.txt\n---\nbody"),
            Some("source: a.txt\n")
        );
        assert_eq!(front_matter("no front matter"), None);
    }
}
