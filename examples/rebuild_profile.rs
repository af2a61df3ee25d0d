//! Times the serve engine's rebuild of one edited article, phase by phase
//! when run with `BYLINE_LOG=debug`: `cargo run --release --example
//! rebuild_profile -- CORPUS_DIR`. The corpus is edited in a copy.

use std::path::PathBuf;
use std::time::Instant;

use byline::BuildOptions;
use byline::serve::engine::{Change, Engine};

fn main() {
    tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::from_env("BYLINE_LOG"))
        .init();
    let corpus = PathBuf::from(std::env::args().nth(1).expect("corpus dir"));
    let work = tempfile::tempdir().unwrap();
    let status = std::process::Command::new("cp")
        .arg("-r")
        .arg(&corpus)
        .arg(work.path().join("site"))
        .status()
        .unwrap();
    assert!(status.success());
    let root = work.path().join("site");
    let options = BuildOptions {
        root: root.clone(),
        base_url: Some("http://127.0.0.1:1/".into()),
        ..Default::default()
    };
    let t = Instant::now();
    let (mut engine, _) = Engine::load(&options).unwrap();
    println!("initial: {:?}", t.elapsed());
    let files: Vec<PathBuf> = walkdir::WalkDir::new(root.join("content"))
        .into_iter()
        .filter_map(|e| e.ok())
        .filter(|e| e.path().extension().is_some_and(|x| x == "md"))
        .map(|e| {
            e.path()
                .strip_prefix(root.join("content"))
                .unwrap()
                .to_path_buf()
        })
        .collect();
    let mut times = Vec::new();
    for i in 0..20 {
        let rel = &files[(i * 7919) % files.len()];
        let path = root.join("content").join(rel);
        let mut text = std::fs::read_to_string(&path).unwrap();
        text.push_str(&format!("\n덧붙인 문단 {i}.\n"));
        std::fs::write(&path, text).unwrap();
        let t = Instant::now();
        let outcome = engine.apply(&[Change::Content(rel.clone())]).unwrap();
        times.push(t.elapsed().as_secs_f64() * 1000.0);
        assert!(!outcome.files.written.is_empty());
    }
    times.sort_by(f64::total_cmp);
    println!(
        "body edit: median {:.1} ms, min {:.1}, max {:.1}",
        times[10], times[0], times[19]
    );
}
