//! One linter per `followup.toml`: found by walking up from the draft's
//! folder (then from the workspace roots), built like `followup lint` builds
//! its own, and rebuilt when the file changes.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime};

use crate::draft::dates::Moment;
use crate::engine::config::{self, Config};
use crate::engine::linter::Linter;
use crate::text::error::FileError;

use super::{ConfigSource, Options};

/// How long a linter's idea of "today" is trusted before it is refreshed.
const TODAY_REFRESH: Duration = Duration::from_secs(60);

/// A built linter, or why it could not be built.
pub(crate) type Built = Result<Linter, Vec<FileError>>;

#[derive(Debug)]
struct Cached {
    built: Built,
    modified: Option<SystemTime>,
    dated: Instant,
}

impl Cached {
    fn new(built: Built, modified: Option<SystemTime>) -> Self {
        Cached {
            built,
            modified,
            dated: Instant::now(),
        }
    }
}

/// Linters keyed by the config file they were built from.
#[derive(Debug)]
pub(crate) struct Linters {
    options: Options,
    roots: Vec<PathBuf>,
    cache: HashMap<Option<PathBuf>, Cached>,
}

impl Linters {
    /// An empty cache.
    pub(crate) fn new(options: Options) -> Self {
        Linters {
            options,
            roots: Vec::new(),
            cache: HashMap::new(),
        }
    }

    /// Sets the workspace folders searched when a draft has no config above it.
    pub(crate) fn set_roots(&mut self, roots: Vec<PathBuf>) {
        self.roots = roots;
    }

    /// Forgets every linter (a config or rule file changed).
    pub(crate) fn clear(&mut self) {
        self.cache.clear();
    }

    /// The linter for a draft at `path` (`None` for unsaved drafts).
    pub(crate) fn for_draft(&mut self, path: Option<&Path>) -> &Built {
        use std::collections::hash_map::Entry;
        let config = self.config_path(path);
        let modified = config.as_deref().and_then(modified);
        let options = &self.options;
        let cached = match self.cache.entry(config) {
            Entry::Occupied(e) if e.get().modified == modified => e.into_mut(),
            Entry::Occupied(mut e) => {
                let built = build(e.key().as_deref(), options);
                e.insert(Cached::new(built, modified));
                e.into_mut()
            }
            Entry::Vacant(v) => {
                let built = build(v.key().as_deref(), options);
                v.insert(Cached::new(built, modified))
            }
        };
        if options.today.is_none() && cached.dated.elapsed() > TODAY_REFRESH {
            if let Ok(linter) = &mut cached.built {
                *linter = linter.clone().with_today(Moment::now());
            }
            cached.dated = Instant::now();
        }
        &cached.built
    }

    /// The config file a draft's linter is built from, when there is one.
    pub(crate) fn config_path(&self, draft: Option<&Path>) -> Option<PathBuf> {
        match &self.options.config {
            ConfigSource::None => None,
            ConfigSource::File(path) => Some(path.clone()),
            ConfigSource::Discover => {
                let from_draft = draft.and_then(Path::parent).and_then(find_config);
                from_draft.or_else(|| self.roots.iter().find_map(|r| find_config(r)))
            }
        }
    }
}

/// The nearest `followup.toml` in `dir` or a folder above it.
fn find_config(dir: &Path) -> Option<PathBuf> {
    dir.ancestors()
        .map(|d| d.join(config::FILE_NAME))
        .find(|candidate| candidate.is_file())
}

fn modified(path: &Path) -> Option<SystemTime> {
    std::fs::metadata(path).and_then(|m| m.modified()).ok()
}

/// Builds a linter the way `followup lint` does: built-in rules, the
/// config's rule folders and extra folders, settings, levels, handbook URL.
fn build(config: Option<&Path>, options: &Options) -> Built {
    let config = match config {
        Some(path) => Config::load(path).map_err(|e| vec![e])?,
        None => Config::default(),
    };
    config
        .build_linter(&options.rule_dirs, options.today)
        .map(|(linter, _deny)| linter)
}
