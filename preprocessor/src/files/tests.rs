use super::*;

#[test]
fn an_absolute_path_has_its_dots_resolved_by_name() {
    let here = std::env::current_dir().unwrap();
    assert_eq!(absolute(Path::new("./code")), here.join("code"));
    assert_eq!(
        absolute(Path::new("/book/a/../b/./c")),
        Path::new("/book/b/c")
    );
}

#[test]
fn the_sources_among_every_file_are_those_a_walk_for_sources_finds() {
    let dir = tempfile::tempdir().unwrap();
    for file in [
        "src/main.rs",
        "Cargo.toml",
        "transcript.toml",
        "src/main.rs~",
        "old~/kept.rs",
        "#draft#/notes.md",
        "target/debug/demo",
        ".git/index",
    ] {
        let path = dir.path().join(file);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, file).unwrap();
    }
    let every = files_under(dir.path()).unwrap();
    assert_eq!(every.len(), 6, "{every:?}");
    assert_eq!(
        sources_among(dir.path(), every),
        sources_under(dir.path()).unwrap()
    );
}

#[test]
fn sources_are_what_a_person_edits_not_what_tools_write() {
    for kept in ["src/main.rs", "Cargo.toml", "poem.txt", "src/chapter.md"] {
        assert!(is_source(Path::new(kept)), "{kept}");
    }
    for ignored in [
        "transcript.toml",
        "target/debug/demo",
        ".git/index",
        "src/.main.rs.swp",
        "src/main.rs~",
        "src/#main.rs#",
    ] {
        assert!(!is_source(Path::new(ignored)), "{ignored}");
    }
}

#[test]
fn sources_under_a_listing_skip_its_snapshot_build_output_and_backups() {
    let dir = tempfile::tempdir().unwrap();
    for file in [
        "src/main.rs",
        "src/main.rs~",
        "Cargo.toml",
        SNAPSHOT_FILE,
        "target/junk",
    ] {
        let path = dir.path().join(file);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, "x").unwrap();
    }
    let found: Vec<PathBuf> = sources_under(dir.path())
        .unwrap()
        .into_iter()
        .map(|path| path.strip_prefix(dir.path()).unwrap().to_path_buf())
        .collect();
    assert_eq!(
        found,
        [PathBuf::from("Cargo.toml"), PathBuf::from("src/main.rs")]
    );
}

#[test]
fn a_failed_read_names_the_file_once_and_a_missing_optional_file_is_none() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("missing.txt");
    let error = read(&missing).unwrap_err();
    assert_eq!(
        error.to_string(),
        format!("cannot read {}", missing.display())
    );
    assert_eq!(read_optional(&missing).unwrap(), None);
    assert_eq!(read_to_string_optional(&missing).unwrap(), None);
}

#[test]
fn an_atomic_write_keeps_the_replaced_files_mode_and_gives_new_files_0644() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("file");
    write_atomically(&path, b"one").unwrap();
    let mode = |path: &Path| fs::metadata(path).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&path), 0o644);
    fs::set_permissions(&path, fs::Permissions::from_mode(0o600)).unwrap();
    write_atomically(&path, b"two").unwrap();
    assert_eq!(mode(&path), 0o600);
    assert_eq!(fs::read(&path).unwrap(), b"two");
}

#[test]
fn an_atomic_write_leaves_no_temporary_file_behind() {
    let dir = tempfile::tempdir().unwrap();
    write_atomically(&dir.path().join(SNAPSHOT_FILE), b"whole").unwrap();
    let names: Vec<_> = fs::read_dir(dir.path())
        .unwrap()
        .map(|entry| entry.unwrap().file_name())
        .collect();
    assert_eq!(names, [SNAPSHOT_FILE]);
}

#[test]
fn leftover_temporaries_of_a_killed_write_are_removed_and_nothing_else() {
    let dir = tempfile::tempdir().unwrap();
    // What a run killed between creating the temporary file and renaming it leaves.
    let (_, left) = temporary_in(dir.path()).unwrap().keep().unwrap();
    assert!(is_temporary_name(
        left.file_name().unwrap().to_str().unwrap()
    ));
    fs::write(dir.path().join(".transcript-Ab12Z9.tmp"), "half a snapshot").unwrap();
    let kept = [
        SNAPSHOT_FILE,
        ".tmpAb12Z9",              // tempfile's default name: not ours
        ".transcript-Ab12Z.tmp",   // five random characters, not six
        ".transcript-Ab12Z9.tmp~", // an editor's backup of one
        ".transcript-Ab-2Z9.tmp",
        "transcript-Ab12Z9.tmp",
        ".transcript-notes.txt",
    ];
    for name in kept {
        fs::write(dir.path().join(name), "kept").unwrap();
    }
    fs::create_dir(dir.path().join("src")).unwrap();

    assert_eq!(remove_leftover_temporaries(dir.path()).unwrap(), 2);
    let mut names: Vec<String> = fs::read_dir(dir.path())
        .unwrap()
        .map(|entry| entry.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    let mut expected: Vec<String> = kept.iter().map(|n| n.to_string()).collect();
    expected.push("src".into());
    expected.sort();
    assert_eq!(names, expected);
    assert_eq!(remove_leftover_temporaries(dir.path()).unwrap(), 0);
}
