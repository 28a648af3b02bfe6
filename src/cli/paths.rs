//! Output locations checked before any work starts: an output is never one of the command's
//! inputs (compared by file identity, so links and `./` spellings are caught), and its folder
//! exists and can be written. In: the command's (flag, path) pairs; out: an error naming both.

use anyhow::{bail, Result};
use std::path::{Path, PathBuf};

/// Whether `a` and `b` name the same existing file (by device and inode where there are such,
/// else by canonical path). A path that does not exist is the same as nothing.
fn same_file(a: &Path, b: &Path) -> bool {
    let (Ok(ma), Ok(mb)) = (std::fs::metadata(a), std::fs::metadata(b)) else {
        return false;
    };
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        ma.dev() == mb.dev() && ma.ino() == mb.ino()
    }
    #[cfg(not(unix))]
    {
        let _ = (ma, mb);
        matches!((a.canonicalize(), b.canonicalize()), (Ok(x), Ok(y)) if x == y)
    }
}

/// The folder a file path lands in (`.` for a bare file name).
fn folder_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// Refuses when any output is one of the inputs, naming both flags.
pub fn distinct(inputs: &[(&str, &Path)], outputs: &[(&str, &Path)]) -> Result<()> {
    for (oflag, out) in outputs {
        for (iflag, input) in inputs {
            if same_file(out, input) {
                bail!(
                    "{oflag} {} is the same file as {iflag} {}: swat never writes over one of \
                     its inputs; choose another output path",
                    out.display(),
                    input.display()
                );
            }
        }
    }
    Ok(())
}

/// Refuses an output file whose folder is missing or cannot be written, or that is a folder.
pub fn writable_file(flag: &str, path: &Path) -> Result<()> {
    if path.is_dir() {
        bail!("{flag} {}: is a folder; give a file path", path.display());
    }
    writable_folder(flag, &folder_of(path), path)
}

/// Refuses an output folder that exists as a file, or whose nearest existing ancestor cannot
/// be written (the folder itself is created by the command).
pub fn writable_dir(flag: &str, dir: &Path) -> Result<()> {
    if dir.exists() && !dir.is_dir() {
        bail!(
            "{flag} {}: is a file, but a folder is needed here",
            dir.display()
        );
    }
    let mut at = dir.to_path_buf();
    while !at.exists() {
        at = folder_of(&at);
        if at == Path::new(".") && !at.exists() {
            break;
        }
    }
    writable_folder(flag, &at, dir)
}

/// Creates and removes a temporary file in `folder`: the one test of writability that holds
/// on every file system and under every permission model.
fn writable_folder(flag: &str, folder: &Path, named: &Path) -> Result<()> {
    if folder.exists() && !folder.is_dir() {
        bail!(
            "{flag} {}: {} is a file, not a folder",
            named.display(),
            folder.display()
        );
    }
    if !folder.is_dir() {
        bail!(
            "{flag} {}: the folder {} does not exist",
            named.display(),
            folder.display()
        );
    }
    if let Err(e) = tempfile::Builder::new()
        .prefix(".swat-tmp-")
        .tempfile_in(folder)
    {
        bail!(
            "{flag} {}: cannot write into {} ({})",
            named.display(),
            folder.display(),
            e.kind()
        );
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_link_and_another_spelling_are_the_same_file() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a.csv");
        std::fs::write(&a, "x,y\n1,2\n").unwrap();
        let dotted = dir.path().join(".").join("a.csv");
        assert!(distinct(&[("TRAIN", &a)], &[("--out", &dotted)]).is_err());
        #[cfg(unix)]
        {
            let link = dir.path().join("link.csv");
            std::os::unix::fs::symlink(&a, &link).unwrap();
            let e = distinct(&[("TRAIN", &a)], &[("--out", &link)]).unwrap_err();
            assert!(e.to_string().contains("--out") && e.to_string().contains("TRAIN"));
        }
        let other = dir.path().join("b.csv");
        assert!(distinct(&[("TRAIN", &a)], &[("--out", &other)]).is_ok());
    }

    #[test]
    fn missing_folders_and_folders_given_as_files_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("no/such/out.json");
        let e = writable_file("--out", &missing).unwrap_err().to_string();
        assert!(e.contains("--out") && e.contains("does not exist"), "{e}");
        assert!(writable_file("--out", dir.path()).is_err());
        assert!(writable_file("--out", &dir.path().join("m.json")).is_ok());
        let file = dir.path().join("f");
        std::fs::write(&file, "").unwrap();
        assert!(writable_dir("--report", &file).is_err());
        assert!(writable_dir("--report", &dir.path().join("new/deeper")).is_ok());
        // Nothing is left behind by the checks.
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }
}
