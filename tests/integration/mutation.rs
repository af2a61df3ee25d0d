//! The example site's articles, damaged at random the ways files get
//! damaged (bytes and lines deleted, duplicated, swapped; control bytes,
//! multi-byte characters and broken UTF-8 inserted), built after each
//! damage: the build succeeds or reports the problem, never panics (exit
//! status 101), and never writes outside its output.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use crate::support::{Rng, example_now, files_under};

/// Rounds built in this process (`BYLINE_MUTATION_ROUNDS` asks for more,
/// for a longer hunt), then rounds through the real binary.
const IN_PROCESS: usize = 120;
const THROUGH_THE_BINARY: usize = 10;

/// A copy of the example site (its configuration and articles).
fn example_copy() -> (tempfile::TempDir, Vec<PathBuf>) {
    let example = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR")).unwrap();
    let root = dir.path().join("site");
    fs::create_dir_all(&root).unwrap();
    fs::copy(example.join("site.toml"), root.join("site.toml")).unwrap();
    for (rel, bytes) in files_under(&example.join("static")) {
        let path = root.join("static").join(&rel);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(&path, bytes).unwrap();
    }
    let mut articles = Vec::new();
    for (rel, bytes) in files_under(&example.join("content")) {
        let path = root.join("content").join(&rel);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(&path, bytes).unwrap();
        articles.push(path);
    }
    (dir, articles)
}

const INSERTS: &[&[u8]] = &[
    b"\x01",
    b"\x00",
    b"\x7f",
    b"\x1b[31m",
    "\u{85}".as_bytes(),
    "\u{fffe}".as_bytes(),
    "가".as_bytes(),
    "𞹾".as_bytes(),
    &[0xEA, 0xB0],
    &[0xFF],
    b"\"",
    b"'",
    b"---\n",
    b": ",
    b"\n",
    b"\r",
    b"[^1]",
    b"{#main}",
    b"](",
    b"```\n",
    b"\\",
    b"..",
    b"/",
    b"%",
];

/// One random damage to `bytes`.
fn damage(rng: &mut Rng, bytes: &mut Vec<u8>) -> String {
    let at = rng.below(bytes.len() + 1);
    match rng.below(6) {
        0 => {
            let end = (at + 1 + rng.below(12)).min(bytes.len());
            bytes.drain(at..end);
            format!("deleted bytes {at}..{end}")
        }
        1 => {
            let insert = *rng.pick(INSERTS);
            bytes.splice(at..at, insert.iter().copied());
            format!("inserted {insert:?} at {at}")
        }
        kind => {
            let mut lines: Vec<Vec<u8>> =
                bytes.split(|&b| b == b'\n').map(<[u8]>::to_vec).collect();
            let i = rng.below(lines.len());
            let j = rng.below(lines.len());
            let what = match kind {
                2 => {
                    lines.remove(i);
                    format!("deleted line {i}")
                }
                3 => {
                    lines.insert(i, lines[i].clone());
                    format!("duplicated line {i}")
                }
                4 => {
                    lines.swap(i, j);
                    format!("swapped lines {i} and {j}")
                }
                _ => {
                    let line = &mut lines[i];
                    let at = rng.below(line.len() + 1);
                    line.splice(at..at, rng.pick(INSERTS).iter().copied());
                    format!("inserted into line {i}")
                }
            };
            *bytes = lines.join(&b'\n');
            what
        }
    }
}

/// Everything in the sandbox but the output: it must stay what we wrote.
fn outside_output(sandbox: &Path) -> BTreeSet<String> {
    walkdir::WalkDir::new(sandbox)
        .into_iter()
        // The output, and the photo cache beside it (by design), aside.
        .filter_entry(|e| {
            !e.path().ends_with("site/public") && !e.path().ends_with(".byline-cache")
        })
        .filter_map(|e| e.ok())
        .map(|e| {
            e.path()
                .strip_prefix(sandbox)
                .unwrap()
                .to_string_lossy()
                .into_owned()
        })
        .collect()
}

#[test]
fn damaged_articles_build_or_fail_cleanly() {
    let (sandbox, articles) = example_copy();
    let root = sandbox.path().join("site");
    let expected_tree = outside_output(sandbox.path());
    let options = byline::BuildOptions {
        root: root.clone(),
        now: Some(example_now()),
        ..Default::default()
    };
    byline::build(&options).expect("the undamaged copy builds");
    let in_process = std::env::var("BYLINE_MUTATION_ROUNDS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(IN_PROCESS);
    let seed = std::env::var("BYLINE_MUTATION_SEED")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(0x5eed_cafe_f00d);
    let mut rng = Rng(seed);
    let (mut built, mut refused) = (0, 0);
    for round in 0..in_process + THROUGH_THE_BINARY {
        let path = rng.pick(&articles).clone();
        let original = fs::read(&path).unwrap();
        let mut bytes = original.clone();
        let edits: Vec<String> = (0..1 + rng.below(3))
            .map(|_| damage(&mut rng, &mut bytes))
            .collect();
        fs::write(&path, &bytes).unwrap();
        let what = format!("round {round}: {} after {edits:?}", path.display());
        if round < in_process {
            let result = std::panic::catch_unwind(|| byline::build(&options));
            match result {
                Ok(Ok(_)) => built += 1,
                Ok(Err(e)) => {
                    refused += 1;
                    let message = e.to_string();
                    assert!(!message.contains("internal error"), "{what}: {message}");
                }
                Err(_) => panic!("{what}: the build panicked"),
            }
        } else {
            let out = std::process::Command::new(env!("CARGO_BIN_EXE_byline"))
                .args(["build", "--root"])
                .arg(&root)
                .env("SOURCE_DATE_EPOCH", example_now().as_second().to_string())
                .output()
                .unwrap();
            let code = out.status.code();
            assert!(
                code == Some(0) || code == Some(1),
                "{what}: exit status {code:?}\n{}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
        assert_eq!(
            outside_output(sandbox.path()),
            expected_tree,
            "{what}: files appeared outside the output"
        );
        fs::write(&path, original).unwrap();
    }
    eprintln!("mutation test: {built} damaged sites built, {refused} refused with a message");
    assert!(
        built > 10 && refused > 10,
        "{built} built, {refused} refused"
    );
}
