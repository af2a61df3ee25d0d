//! Phase timings for debug logs: `BYLINE_LOG=debug byline build` shows how
//! long each stage took and, on Linux, the memory the process held after it
//! (resident now, and the peak so far).

use std::time::Instant;

pub struct Lap {
    what: &'static str,
    last: Instant,
}

impl Lap {
    pub fn start(what: &'static str) -> Lap {
        Lap {
            what,
            last: Instant::now(),
        }
    }

    /// Logs the time since the previous mark.
    pub fn mark(&mut self, phase: &str) {
        let now = Instant::now();
        tracing::debug!(
            "{} {phase}: {:.2} ms{}",
            self.what,
            (now - self.last).as_secs_f64() * 1000.0,
            memory()
        );
        self.last = now;
    }
}

/// `, resident N MiB (peak M MiB)` from `/proc/self/status`, or nothing.
fn memory() -> String {
    if !tracing::enabled!(tracing::Level::DEBUG) {
        return String::new();
    }
    let Ok(status) = std::fs::read_to_string("/proc/self/status") else {
        return String::new();
    };
    let kib = |key: &str| -> Option<u64> {
        let line = status.lines().find(|l| l.starts_with(key))?;
        line[key.len()..]
            .trim()
            .trim_end_matches("kB")
            .trim()
            .parse()
            .ok()
    };
    match (kib("VmRSS:"), kib("VmHWM:")) {
        (Some(now), Some(peak)) => {
            format!(", resident {} MiB (peak {} MiB)", now / 1024, peak / 1024)
        }
        _ => String::new(),
    }
}
