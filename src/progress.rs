//! Progress of a long build on a terminal: one bar per phase (reading
//! articles, rendering pages) with counts, through indicatif.
//!
//! A [`Progress`] is a handle; the hidden one (the default, and what tests
//! and `serve` use) does nothing. The command line shows a bar only when
//! stderr is a terminal and `--quiet` was not given.

use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// Reports the phases of a build; cheap to clone and to share across threads.
#[derive(Clone, Default)]
pub struct Progress {
    bar: Option<ProgressBar>,
}

impl std::fmt::Debug for Progress {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(if self.bar.is_some() {
            "Progress(shown)"
        } else {
            "Progress(hidden)"
        })
    }
}

impl Progress {
    /// A bar on stderr, if stderr is a terminal.
    pub fn on_terminal() -> Progress {
        let target = ProgressDrawTarget::stderr_with_hz(10);
        if target.is_hidden() {
            return Progress::default();
        }
        let bar = ProgressBar::with_draw_target(None, target);
        bar.enable_steady_tick(Duration::from_millis(100));
        Progress { bar: Some(bar) }
    }

    /// Starts a phase of `len` steps.
    pub fn phase(&self, name: &str, len: usize) {
        if let Some(bar) = &self.bar {
            let style = ProgressStyle::with_template("{spinner} {msg:<10} {bar:30} {pos}/{len}")
                .unwrap_or_else(|_| ProgressStyle::default_bar());
            bar.set_style(style);
            bar.set_message(name.to_string());
            bar.set_length(len as u64);
            bar.set_position(0);
        }
    }

    /// One step of the current phase done.
    pub fn step(&self) {
        if let Some(bar) = &self.bar {
            bar.inc(1);
        }
    }

    /// Clears the bar (before the summary line is printed).
    pub fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}
