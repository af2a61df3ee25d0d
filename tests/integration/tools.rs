//! Outside tools some tests need (vnu, Chromium...): found if installed,
//! skipped with a plain message if not, and required under `CI=true`.

use std::path::{Path, PathBuf};
use std::process::Command;

/// Whether the tests run in CI, where a missing tool is a failure.
pub fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| v == "true" || v == "1")
}

/// Returns the tool, or explains the skip (panicking under CI).
pub fn require<T>(tool: Option<T>, what: &str, install: &str) -> Option<T> {
    if tool.is_some() {
        return tool;
    }
    if in_ci() {
        panic!("{what} is required under CI=true but was not found ({install})");
    }
    eprintln!("SKIPPED: {what} not found ({install}); this test did not run");
    None
}

pub fn on_path(program: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|d| d.join(program))
        .find(|p| p.is_file())
}

/// The Nu Html Checker: `VNU_JAR`, or the npm package `vnu-jar` installed
/// in the project, run with Java.
pub fn vnu_command() -> Option<Command> {
    let java = on_path("java")?;
    let jar = std::env::var_os("VNU_JAR").map(PathBuf::from).or_else(|| {
        let local =
            Path::new(env!("CARGO_MANIFEST_DIR")).join("node_modules/vnu-jar/build/dist/vnu.jar");
        local.is_file().then_some(local)
    })?;
    let mut cmd = Command::new(java);
    cmd.arg("-jar").arg(jar);
    Some(cmd)
}
