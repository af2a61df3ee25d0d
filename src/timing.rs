//! Phase timings for debug logs: `BYLINE_LOG=debug byline build` shows how
//! long each stage took.

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
            "{} {phase}: {:.2} ms",
            self.what,
            (now - self.last).as_secs_f64() * 1000.0
        );
        self.last = now;
    }
}
