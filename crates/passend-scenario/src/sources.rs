//! Which files a run covers: `PATH...` expanded, folders to their `*.json`
//! files sorted by name (`scenarios/README.md`, "The runner": "a folder is not
//! searched recursively, and an empty one runs nothing"; "a path that does not
//! exist counts as an invalid file").

use std::fs;
use std::io::ErrorKind;
use std::path::{Path, PathBuf};

/// A file to run, or a path that cannot be run (and so counts as invalid).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Source {
    File(PathBuf),
    Unusable { path: PathBuf, problem: String },
}

/// Expands the paths in order: a file stands for itself, whatever its name;
/// a folder for its `*.json` files (not its subfolders), sorted by name.
pub(crate) fn expand(paths: &[PathBuf]) -> Vec<Source> {
    let mut sources = Vec::new();
    for path in paths {
        match fs::metadata(path) {
            Ok(metadata) if metadata.is_dir() => sources.extend(folder(path)),
            Ok(_) => sources.push(Source::File(path.clone())),
            Err(error) if error.kind() == ErrorKind::NotFound => {
                sources.push(Source::Unusable { path: path.clone(), problem: "no such file or folder".into() });
            }
            Err(error) => sources.push(Source::Unusable { path: path.clone(), problem: error.to_string() }),
        }
    }
    sources
}

fn folder(path: &Path) -> Vec<Source> {
    let unusable = |error: std::io::Error| {
        vec![Source::Unusable { path: path.to_path_buf(), problem: format!("cannot read the folder: {error}") }]
    };
    let entries = match fs::read_dir(path) {
        Ok(entries) => entries,
        Err(error) => return unusable(error),
    };
    let mut files = Vec::new();
    for entry in entries {
        let entry = match entry {
            Ok(entry) => entry,
            Err(error) => return unusable(error),
        };
        let file = entry.path();
        // `fs::metadata` follows symbolic links, so a linked scenario runs too.
        let is_json = file.extension().is_some_and(|extension| extension == "json");
        if is_json && fs::metadata(&file).is_ok_and(|metadata| metadata.is_file()) {
            files.push(file);
        }
    }
    files.sort_by(|a, b| a.file_name().cmp(&b.file_name()));
    files.into_iter().map(Source::File).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_path_is_unusable() {
        let path = PathBuf::from("/this/path/does/not/exist.json");
        assert_eq!(
            expand(std::slice::from_ref(&path)),
            vec![Source::Unusable { path, problem: "no such file or folder".into() }]
        );
    }
}
